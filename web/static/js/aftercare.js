// The aftercare screen, live: new signals arrive by server-sent events and
// join the feed and the checklist without a reload; the need, tick and
// "on my way" forms are sent with fetch to the JSON API. It also keeps the
// screen awake, runs the gentle timer, cycles the question cards and reads
// the guidance aloud with the device's own voice. Without it, every form
// still works and "Check for news" reloads.
(function () {
  "use strict";
  var root = document.getElementById("care");
  if (!root) return;
  var id = root.dataset.id;
  var me = root.dataset.me;
  var last = parseInt(root.dataset.last, 10) || 0;
  var seen = {};
  var api = "/api/v1/encounters/" + encodeURIComponent(id);

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

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

  function comingWords(name, need, mine) {
    if (mine) return need === "space" ? "You are giving them space." : "You are on your way.";
    return need === "space" ? name + " is giving you space." : name + " is on the way.";
  }

  var problem = document.getElementById("care-problem");
  function say(msg) {
    if (!problem) return;
    problem.textContent = msg;
    problem.hidden = !msg;
  }

  // A need or a message as a feed item, as the server renders it.
  function item(sig, says) {
    var mine = sig.from === me;
    var li = el("li", "item");
    li.dataset.seq = sig.seq;
    li.dataset.kind = sig.kind;
    if (mine) li.setAttribute("data-mine", "");
    li.appendChild(el("p", "says", says));
    li.appendChild(el("ul", "coming"));
    if (sig.kind !== "message") {
      li.classList.add("need-item");
      if (sig.kind === "not-okay") li.classList.add("not-okay-item");
      if (!mine) {
        var f = el("form");
        f.method = "post";
        f.action = "/encounters/" + id + "/signals";
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
        hook(f);
        li.appendChild(f);
      }
    }
    return li;
  }

  function apply(sig) {
    if (seen[sig.seq]) return;
    seen[sig.seq] = true;
    if (sig.seq > last) last = sig.seq;
    var mine = sig.from === me;
    var feed = document.getElementById("feed-list");
    var empty = document.getElementById("feed-empty");
    switch (sig.kind) {
      case "stage":
        location.href = "/encounters/" + encodeURIComponent(id);
        return;
      case "tick":
      case "untick":
        tick(sig.ref, sig.kind === "tick", sig.from_name);
        return;
      case "coming":
        var need = document.querySelector('.item[data-seq="' + sig.ref + '"]');
        if (!need) return;
        need.querySelector(".coming").appendChild(el("li", "", comingWords(sig.from_name, need.dataset.kind, mine)));
        if (mine) {
          var f = need.querySelector("form");
          if (f) f.remove();
        }
        return;
      case "message":
        if (!feed) return;
        feed.appendChild(item(sig, (mine ? "You" : sig.from_name) + ": " + sig.text));
        if (empty) empty.hidden = true;
        return;
    }
    var words = needWords(sig.kind, sig.from_name, sig.text || "", mine);
    if (!words) return;
    if (sig.kind === "not-okay" && !mine) {
      // It stands out: the alert region at the top announces it at once.
      document.getElementById("alerts-list").appendChild(item(sig, words));
      return;
    }
    if (sig.kind === "not-okay" && mine) openGrounding();
    if (!feed) return;
    feed.appendChild(item(sig, words));
    if (empty) empty.hidden = true;
  }

  function tick(key, done, by) {
    document.querySelectorAll(".checklist > li").forEach(function (li) {
      if (li.dataset.key !== key) return;
      li.classList.toggle("done", done);
      li.querySelector("button.tick").setAttribute("aria-pressed", done ? "true" : "false");
      li.querySelector('input[name="done"]').value = done ? "0" : "1";
      li.querySelector(".by").textContent = done ? (by ? "Done (" + by + ")" : "Done") : "";
    });
  }

  function openGrounding() {
    var d = document.getElementById("grounding-details");
    if (!d) return;
    d.open = true;
    d.scrollIntoView({ block: "start" });
    var s = d.querySelector("summary");
    if (s) s.focus({ preventScroll: true });
  }

  function send(body, button) {
    if (button) button.disabled = true;
    return fetch(api + "/signals", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body)
    }).then(function (res) {
      return res.json().then(function (out) {
        if (!res.ok) throw new Error(out && out.error ? out.error.message : "That didn't go through.");
        say("");
        apply(out.signal);
        return true;
      });
    }).catch(function (err) {
      say((err && err.message ? err.message : "That didn't go through.") + " Please try again.");
      return false;
    }).then(function (ok) {
      if (button) button.disabled = false;
      return ok;
    });
  }

  function hook(form) {
    form.addEventListener("submit", function (ev) {
      if (!window.fetch) return;
      ev.preventDefault();
      var data = new FormData(form);
      var button = form.querySelector("button");
      var body = { kind: data.get("kind") || "", text: data.get("text") || "", ref: data.get("ref") || "" };
      if (form.hasAttribute("data-care-tick")) {
        body = { kind: data.get("done") === "1" ? "tick" : "untick", ref: data.get("ref") || "" };
      }
      send(body, button).then(function (ok) {
        var text = form.querySelector('input[name="text"]');
        if (ok && text) text.value = "";
      });
    });
  }
  document.querySelectorAll("form[data-care-signal], form[data-care-tick]").forEach(hook);
  document.querySelectorAll(".item[data-seq]").forEach(function (li) { seen[li.dataset.seq] = true; });

  // Live news. EventSource reconnects by itself, sending the last id it
  // had, and gets what it missed.
  var status = document.getElementById("live-status");
  var check = document.getElementById("check-news");
  if (window.EventSource) {
    var es = new EventSource(api + "/events?after=" + last);
    es.addEventListener("signal", function (ev) {
      try { apply(JSON.parse(ev.data)); } catch (e) { /* a broken event is skipped */ }
    });
    es.addEventListener("open", function () {
      status.textContent = "Live: news shows up by itself.";
      root.dataset.live = "open";
      if (check) check.hidden = true;
    });
    es.addEventListener("error", function () {
      root.dataset.live = "down";
      status.textContent = es.readyState === EventSource.CLOSED ? "Not live any more." : "Reconnecting…";
      if (check) check.hidden = false;
    });
  }

  // Keep the screen awake while the page is shown.
  var wake = document.getElementById("wake");
  if (wake) {
    if ("wakeLock" in navigator) {
      var lock = null;
      var hold = function () {
        navigator.wakeLock.request("screen").then(function (l) {
          lock = l;
          wake.textContent = "The screen stays on.";
          l.addEventListener("release", function () { lock = null; });
        }).catch(function () {
          wake.textContent = "The screen may dim by itself.";
        });
      };
      hold();
      document.addEventListener("visibilitychange", function () {
        if (document.visibilityState === "visible" && !lock) hold();
      });
    } else {
      wake.textContent = "This browser can't keep the screen on.";
    }
    wake.hidden = false;
  }

  // The gentle timer: a slow bar and a few words, no alarm.
  var timer = document.getElementById("timer");
  if (timer) {
    var start = Date.parse(timer.dataset.start);
    var minutes = parseInt(timer.dataset.minutes, 10);
    var text = document.getElementById("timer-text");
    var fill = document.getElementById("timer-fill");
    var update = function () {
      var gone = (Date.now() - start) / 60000;
      var left = Math.ceil(minutes - gone);
      fill.style.width = Math.min(100, Math.max(0, gone / minutes * 100)) + "%";
      if (left <= 0) {
        text.textContent = "The " + minutes + " minutes you set aside are over. There's no hurry: stay as long as feels right.";
        return false;
      }
      text.textContent = "About " + left + (left === 1 ? " minute" : " minutes") + " left of the " + minutes + " you set aside. No alarm will sound.";
      return true;
    };
    var running = update();
    requestAnimationFrame(function () { fill.classList.add("moving"); });
    if (running) {
      var t = setInterval(function () { if (!update()) clearInterval(t); }, 20000);
    }
  }

  // One question card at a time, and another on request.
  var cards = document.querySelectorAll("#questions .cards li");
  var another = document.getElementById("another");
  if (cards.length > 1 && another) {
    var at = 0;
    cards.forEach(function (c, i) { c.hidden = i !== 0; });
    another.hidden = false;
    another.addEventListener("click", function () {
      cards[at].hidden = true;
      at = (at + 1) % cards.length;
      cards[at].hidden = false;
    });
  }

  // Guidance read aloud by the device's own voice.
  var read = document.getElementById("read-aloud");
  if (read && "speechSynthesis" in window) {
    read.hidden = false;
    document.getElementById("read-note").hidden = false;
    read.addEventListener("click", function () {
      if (speechSynthesis.speaking) {
        speechSynthesis.cancel();
        return;
      }
      var parts = [document.getElementById("guidance-text").textContent];
      document.querySelectorAll(".checklist > li:not(.done)").forEach(function (li) {
        parts.push(li.querySelector(".what").textContent + ".");
        var how = li.querySelector(".howto");
        if (how) parts.push(how.textContent);
      });
      var u = new SpeechSynthesisUtterance(parts.join(" ").replace(/\s+/g, " "));
      u.rate = 0.85;
      u.onend = u.onerror = function () { read.textContent = "Read it aloud"; };
      read.textContent = "Stop reading";
      speechSynthesis.speak(u);
    });
  }

  // "I'm not okay" from the fetch path opens the grounding help too.
  if (location.hash === "#grounding") openGrounding();
})();
