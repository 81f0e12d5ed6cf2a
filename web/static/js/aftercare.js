// The aftercare screen, live: new signals arrive by server-sent events and
// join the screen without a reload (what the person sends comes back
// from aftercaresend.js). The newest request from someone else shows at
// the top and is read out (politely; "not okay" at once), with a short
// buzz where the phone allows it. What the person is looking at stays
// put as news lands above it, and aftercaresight.js keeps the news in
// sight of someone scrolled further down. A form that goes from the
// screen hands its focus to the item it was in. When the others move on
// to reflecting, the screen stays: a note says so, with the way on.
// Without it, every form still works and "Check for news" reloads.
// (aftercaretools.js has the timer, the wake lock, the cards and reading
// aloud.)
(function () {
  "use strict";
  var root = document.getElementById("care");
  if (!root) return;
  var id = root.dataset.id;
  var me = root.dataset.me;
  var last = parseInt(root.dataset.last, 10) || 0;
  var seen = {};
  var api = "/api/v1/encounters/" + encodeURIComponent(id);
  var page = "/encounters/" + encodeURIComponent(id);

  function $(sel) { return document.querySelector(sel); }
  function all(sel) { return Array.prototype.slice.call(document.querySelectorAll(sel)); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  // The words, as aftercare_words.go says them.
  function needWords(kind, name, text, mine) {
    if (mine) {
      return {
        water: "You asked for water.", blanket: "You asked for a blanket.", hold: "You asked to be held.",
        space: "You asked for some space.", talk: "You asked to talk.",
        "not-okay": "You said you are not okay. The grounding help is below.", custom: "You asked for: " + text
      }[kind];
    }
    return {
      water: name + " would like some water.", blanket: name + " would like a blanket.",
      hold: name + " would like to be held.", space: name + " would like some space for now.",
      talk: name + " would like to talk.", "not-okay": name + " is not okay. Go gently: be with them, ask what would help.",
      custom: name + " would like: " + text
    }[kind];
  }
  function tookBackWords(name, mine) { return mine ? "You said you were not okay." : name + " was not okay."; }
  function okayWords(name, mine) { return mine ? "You said you are okay now." : name + " is okay now."; }
  function comingWords(name, need, mine) {
    if (mine) return need === "space" ? "You are giving them space." : "You are on your way.";
    return need === "space" ? name + " is giving you space." : name + " is on the way.";
  }
  function movedOnWords(by, stage) {
    if (stage === "done") return "Everyone has looked back, and the reflections are shown. Stay here as long as you like.";
    var who = by === "you" ? "You ended the aftercare" : by ? by + " ended the aftercare" : "The aftercare has ended";
    return who + ", and reflecting has begun. There's no hurry: stay here as long as you need; everything on this screen still works.";
  }
  function isNeed(kind) { return /^(water|blanket|hold|space|talk|not-okay|custom)$/.test(kind); }

  // Times in the person's own time zone (as the server writes them), not
  // the phone's.
  var clockFormat = null;
  [root.dataset.tz, undefined].some(function (tz) {
    try {
      clockFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: tz });
      return true;
    } catch (e) { return false; }
  });
  function clock(at) {
    var d = new Date(at);
    if (isNaN(d.getTime())) return "";
    if (clockFormat) return clockFormat.format(d);
    return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
  }

  // What happens is read out politely; "not okay" goes to the alert
  // region, which is read at once.
  var announcer = $("#announce");
  function announce(text) {
    if (!announcer) return;
    announcer.textContent = "";
    setTimeout(function () { announcer.textContent = text; }, 30);
  }
  function buzz(pattern) {
    if (typeof navigator.vibrate !== "function") return;
    try { navigator.vibrate(pattern); } catch (e) { /* not allowed now */ }
  }

  function answerForm(sig) {
    var f = el("form");
    f.method = "post";
    f.action = page + "/signals";
    f.setAttribute("data-care-signal", "");
    [["kind", "coming"], ["ref", String(sig.seq)]].forEach(function (kv) {
      var i = el("input");
      i.type = "hidden"; i.name = kv[0]; i.value = kv[1];
      f.appendChild(i);
    });
    var space = sig.kind === "space";
    var b = el("button", "secondary coming-button", space ? "I'll give you space" : "On my way");
    b.type = "submit";
    b.setAttribute("aria-label", space ? "I'll give you space, " + sig.from_name : "On my way to " + sig.from_name);
    f.appendChild(b);
    return f;
  }

  // A feed item, as the server renders it; copy is the one shown at the
  // top as the newest request (the feed has the item itself, with its id).
  function item(sig, says, copy) {
    var mine = sig.from === me;
    var li = el("li", "item");
    if (!copy) li.id = "s-" + sig.seq;
    li.tabIndex = -1;
    li.dataset.seq = sig.seq;
    li.dataset.kind = sig.kind;
    li.dataset.from = sig.from;
    if (mine) li.setAttribute("data-mine", "");
    li.appendChild(el("p", "says", says));
    var at = el("p", "at");
    var t = el("time", "", clock(sig.at));
    t.setAttribute("datetime", sig.at);
    at.appendChild(t);
    li.appendChild(at);
    li.appendChild(el("ul", "coming"));
    if (isNeed(sig.kind)) {
      li.classList.add("need-item");
      if (sig.kind === "not-okay") li.classList.add("not-okay-item");
      if (!mine) li.appendChild(answerForm(sig));
    }
    return li;
  }

  // Into the feed in the order sent.
  function toFeed(li) {
    var feed = document.getElementById("feed-list");
    if (!feed) return;
    var seq = Number(li.dataset.seq), before = null;
    Array.prototype.some.call(feed.children, function (c) {
      if (Number(c.dataset.seq) > seq) { before = c; return true; }
      return false;
    });
    feed.insertBefore(li, before);
    var empty = document.getElementById("feed-empty");
    if (empty) empty.hidden = true;
  }

  // The newest request from someone else, at the top; aftercaresight.js
  // keeps it in sight for someone scrolled further down.
  function setLatest(sig, words) {
    var box = document.getElementById("latest"), list = document.getElementById("latest-list");
    if (!box || !list) return;
    list.textContent = "";
    var li = item(sig, words, true);
    list.appendChild(li);
    box.hidden = false;
    later("care:latest", li);
  }

  // Events for aftercaresight.js, sent once the change is made and the
  // page steadied, so that a deliberate scroll is not undone.
  var pending = [];
  function later(name, li) { pending.push(new CustomEvent(name, { detail: { item: li } })); }

  // What the person is looking at stays where it is when news lands
  // above it. Browsers with scroll anchoring see to that themselves (the
  // measure then finds nothing moved); in the others the page is
  // scrolled by what grew above. The anchor is the focused element if it
  // is in view, else what is at the top of the view.
  function steady(change) {
    var head = document.querySelector(".top");
    var y = head ? head.getBoundingClientRect().bottom : 0;
    var anchor = document.activeElement, was = null;
    if (anchor && anchor !== document.body) was = anchor.getBoundingClientRect();
    if (!was || was.height === 0 || was.bottom <= y || was.top >= window.innerHeight) {
      anchor = document.elementFromPoint(window.innerWidth / 2, y + 8);
      was = anchor ? anchor.getBoundingClientRect() : null;
    }
    change();
    if (!was || !anchor.isConnected) return;
    var moved = anchor.getBoundingClientRect().top - was.top;
    if (Math.abs(moved) >= 1) window.scrollBy(0, moved);
  }
  function take(sig) {
    steady(function () { apply(sig); });
    var now = pending;
    pending = [];
    now.forEach(function (ev) { document.dispatchEvent(ev); });
  }

  // Removes a form; if it had the focus, the item it was in takes it,
  // so that the next key press is not lost.
  function dropForm(f, holder) {
    var had = f.contains(document.activeElement);
    f.remove();
    if (had) holder.focus();
  }

  function apply(sig) {
    if (seen[sig.seq]) return;
    seen[sig.seq] = true;
    if (sig.seq > last) last = sig.seq;
    var mine = sig.from === me;
    switch (sig.kind) {
      case "stage":
        movedOn(sig, mine);
        return;
      case "tick":
      case "untick":
        tick(sig.ref, sig.kind === "tick", sig.from_name, mine);
        return;
      case "coming":
        coming(sig, mine);
        return;
      case "okay":
        okay(sig, mine);
        return;
      case "message":
        var said = (mine ? "You" : sig.from_name) + ": " + sig.text;
        toFeed(item(sig, said));
        if (!mine) {
          setLatest(sig, said);
          announce("Message from " + said);
          buzz(120);
        }
        return;
    }
    var words = needWords(sig.kind, sig.from_name, sig.text || "", mine);
    if (!words) return;
    if (sig.kind === "not-okay") takeBack(sig.from, sig.from_name);
    if (sig.kind === "not-okay" && !mine) {
      // It stands out: the alert region at the top reads it at once.
      var alert = item(sig, words);
      document.getElementById("alerts-list").appendChild(alert);
      later("care:alert", alert);
      buzz([200, 100, 200]);
      return;
    }
    toFeed(item(sig, words));
    if (sig.kind === "not-okay") {
      showOkay(true);
      openGrounding();
      return;
    }
    if (!mine) {
      setLatest(sig, words);
      announce(words);
      buzz(120);
    }
  }

  function coming(sig, mine) {
    var mineNeed = false;
    all('.item[data-seq="' + sig.ref + '"]').forEach(function (need) {
      need.querySelector(".coming").appendChild(el("li", "", comingWords(sig.from_name, need.dataset.kind, mine)));
      mineNeed = need.hasAttribute("data-mine");
      var f = need.querySelector("form");
      if (mine && f) dropForm(f, need);
    });
    if (!mine && mineNeed) announce(comingWords(sig.from_name, "", false));
  }

  // An earlier "not okay" of the person is taken back: no longer an
  // alert, news instead.
  function takeBack(from, name) {
    all('.item[data-kind="not-okay"][data-from="' + from + '"]:not([data-took-back])').forEach(function (it) {
      it.setAttribute("data-took-back", "");
      it.classList.remove("not-okay-item", "need-item");
      it.querySelector(".says").textContent = tookBackWords(name, it.hasAttribute("data-mine"));
      var f = it.querySelector("form");
      if (f) dropForm(f, it);
      if (it.parentNode && it.parentNode.id === "alerts-list") {
        var had = it.contains(document.activeElement);
        toFeed(it);
        if (had) it.focus();
      }
    });
  }

  function okay(sig, mine) {
    takeBack(sig.from, sig.from_name);
    toFeed(item(sig, okayWords(sig.from_name, mine)));
    if (mine) showOkay(false);
    announce(okayWords(sig.from_name, mine));
  }

  // "I'm okay now" is there while the person's own "not okay" stands,
  // and the grounding help says who has been told (the server's words,
  // in the page already).
  function showOkay(on) {
    var told = document.getElementById("grounding-told");
    if (told) told.hidden = !on;
    var refocus = null;
    all("form[data-okay]").forEach(function (f) {
      if (!on && f.contains(document.activeElement)) {
        refocus = f.closest("#grounding") ? document.querySelector("#grounding summary") : document.getElementById("needs-h");
      }
      f.hidden = !on;
    });
    if (refocus) {
      if (!refocus.hasAttribute("tabindex") && refocus.tagName !== "SUMMARY") refocus.tabIndex = -1;
      refocus.focus();
    }
  }

  function tick(key, done, by, mine) {
    all(".checklist > li").forEach(function (li) {
      if (li.dataset.key !== key) return;
      li.classList.toggle("done", done);
      li.querySelector("button.tick").setAttribute("aria-pressed", done ? "true" : "false");
      li.querySelector('input[name="done"]').value = done ? "0" : "1";
      li.querySelector(".by").textContent = done ? (by ? "Done (" + by + ")" : "Done") : "";
      if (!mine) announce((by || "Someone") + (done ? " ticked off: " : " unticked: ") + li.querySelector(".what").textContent + ".");
    });
  }

  // The others moved on: the screen stays, with a note and the way on.
  function movedOn(sig, mine) {
    if (sig.ref !== "reflect" && sig.ref !== "done") return;
    root.dataset.stage = sig.ref;
    var box = document.getElementById("moved-on");
    if (box) {
      box.textContent = "";
      box.appendChild(el("p", "", movedOnWords(mine ? "you" : sig.from_name, sig.ref)));
      var p = el("p"), a = el("a", "", sig.ref === "done" ? "See the reflections" : "Go on to reflect when you're ready");
      a.href = page;
      p.appendChild(a);
      box.appendChild(p);
    }
    var ask = document.getElementById("end-confirm");
    if (ask) ask.hidden = true;
    var now = document.getElementById("end-now"), go = document.getElementById("end-go");
    if (now && go) {
      now.hidden = true;
      go.hidden = false;
    }
  }

  function openGrounding() {
    var d = document.getElementById("grounding-details");
    if (!d) return;
    d.open = true;
    d.scrollIntoView({ block: "start" });
    var s = d.querySelector("summary");
    if (s) s.focus({ preventScroll: true });
  }

  // What this screen sent, back from aftercaresend.js.
  document.addEventListener("care:signal", function (ev) { take(ev.detail); });
  all(".item[data-seq]").forEach(function (li) { seen[li.dataset.seq] = true; });

  // Live news. EventSource reconnects by itself, sending the last id it
  // had, and gets what it missed.
  var status = document.getElementById("live-status");
  var check = document.getElementById("check-news");
  if (window.EventSource) {
    var es = new EventSource(api + "/events?after=" + last);
    es.addEventListener("signal", function (ev) {
      var sig;
      try { sig = JSON.parse(ev.data); } catch (e) { return; /* a broken event is skipped */ }
      take(sig);
    });
    es.addEventListener("open", function () {
      root.dataset.live = "open";
      if (status) status.textContent = "Live: news shows up by itself.";
      if (check) check.hidden = true;
    });
    es.addEventListener("error", function () {
      root.dataset.live = "down";
      if (status) status.textContent = es.readyState === EventSource.CLOSED ? "Not live any more." : "Reconnecting…";
      if (check) check.hidden = false;
    });
  }

  // The question before ending takes the focus (the browser gives it
  // too, as the target of the address).
  var ask = document.getElementById("end-confirm-h");
  if (ask) ask.focus();
})();
