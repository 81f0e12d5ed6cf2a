// Check-in and reflections, live: while a page waits on the others (the
// check-in, the wait for reflections), it listens to the encounter's
// event stream. When someone else saves or confirms their check-in,
// reflects, says they are (not) okay or moves the encounter on, it
// fetches the page again and updates the parts that tell of the others
// in place: never a form, never a reload under someone reading or
// typing. A short note, read out politely, says what happened. When the
// page would change shape (the reflections are revealed, the aftercare
// began), the note offers the way there instead.
(function () {
  "use strict";
  var box = document.querySelector("[data-live]");
  if (!box || !window.EventSource || !window.fetch || !window.DOMParser) return;
  var me = box.getAttribute("data-me");
  var note = document.getElementById("live-note");
  var leaving = false;
  document.addEventListener("submit", function () { leaving = true; });

  // The parts that tell of the others: text only, or a link.
  var parts = [
    "#not-okay-note",
    'section[aria-labelledby="all-h"] > ul',
    'section[aria-labelledby="now-h"] > p',
    'section[aria-labelledby="reflect-h"] > p',
    'section[aria-labelledby="wait-h"]'
  ];
  // Sections whose coming or going changes the page's shape.
  var shape = ['section[aria-labelledby="reflect-h"]', 'section[aria-labelledby="wait-h"]',
    'section[aria-labelledby="others-h"]', 'section[aria-labelledby="mine-r-h"]', 'section[aria-labelledby="mine-h"]'];

  var said = {
    "check-in": function (s, who) { return who + (s.ref === "confirmed" ? " confirmed their check-in." : " saved their check-in."); },
    "stage": function (s, who) {
      if (s.ref === "done") return "Everyone has looked back: the reflections are ready.";
      return who + (s.ref === "after" ? " opened the aftercare screen." : s.ref === "reflect" ? " ended the aftercare." : " moved on.");
    },
    "reflected": function (s, who) { return who + " has looked back."; },
    "okay": function (s, who) { return who + " is okay now."; },
    // The note about it is an alert of its own.
    "not-okay": function () { return ""; }
  };

  // The note: words, and at times a way on (a link or "Show").
  var more = document.createElement("p");
  more.className = "live-note-more";
  if (note) note.parentNode.insertBefore(more, note.nextSibling);
  function tell(words, way) {
    if (note && words) note.textContent = words;
    if (!way || more.contains(document.activeElement)) return;
    more.textContent = "";
    more.appendChild(way);
  }
  function link(text, href) {
    var a = document.createElement("a");
    a.className = "button secondary";
    a.href = href;
    a.textContent = text;
    return a;
  }
  function showButton() {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "secondary";
    b.textContent = "Show what changed";
    b.addEventListener("click", function () { window.location.reload(); });
    return b;
  }

  function count(doc, sel) { return doc.querySelectorAll(sel).length; }

  // Puts the fetched page's parts in place of the shown ones; false when
  // the page changed shape.
  function update(doc) {
    var same = shape.concat(parts).every(function (sel) { return count(doc, sel) === count(document, sel); });
    if (!same) return false;
    parts.forEach(function (sel) {
      var now = document.querySelectorAll(sel), next = doc.querySelectorAll(sel);
      for (var i = 0; i < now.length; i++) {
        // Whoever is on a link in it keeps it until the next change.
        if (now[i].innerHTML === next[i].innerHTML || now[i].contains(document.activeElement)) continue;
        now[i].innerHTML = next[i].innerHTML;
      }
    });
    return true;
  }

  // One fetch at a time; news meanwhile asks for one more.
  var busy = false, again = false;
  function refresh() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    fetch(window.location.pathname, { credentials: "same-origin", headers: { "Accept": "text/html" } }).then(function (res) {
      var to = new URL(res.url, window.location.href).pathname;
      if (to !== window.location.pathname) {
        tell("", link(/\/aftercare$/.test(to) ? "Go to the aftercare screen" : "Show what changed", to));
        return;
      }
      if (!res.ok) throw new Error(String(res.status));
      return res.text().then(function (html) {
        if (!update(new DOMParser().parseFromString(html, "text/html"))) tell("", showButton());
      });
    }).catch(function () {
      tell("", showButton());
    }).then(function () {
      busy = false;
      if (again) {
        again = false;
        refresh();
      }
    });
  }

  var url = box.getAttribute("data-live") + "?after=" + encodeURIComponent(box.getAttribute("data-after") || "0");
  var source = new EventSource(url);
  source.addEventListener("signal", function (event) {
    var s;
    try { s = JSON.parse(event.data); } catch (e) { return; }
    if (!s || !said[s.kind]) return;
    // My own doings reach me by the form I sent.
    if (s.from === me || leaving) return;
    var words = said[s.kind](s, s.from_name || "Someone");
    if (words) tell(words);
    refresh();
  });
  window.addEventListener("pagehide", function () { source.close(); });
})();
