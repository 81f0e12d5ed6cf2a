// Check-in and reflections, live: while a page waits on the others (the
// check-in, the wait for reflections), it listens to the encounter's
// event stream and reloads when someone else saves or confirms their
// check-in, reflects, or moves the encounter on. If the person has
// started changing their own form, it does not reload under them: a
// short note says what happened, for them to reload when ready.
(function () {
  "use strict";
  var box = document.querySelector("[data-live]");
  if (!box || !window.EventSource) return;
  var me = box.getAttribute("data-me");
  var note = document.getElementById("live-note");
  var dirty = false, leaving = false;
  document.addEventListener("submit", function () { leaving = true; });
  document.querySelectorAll("form[data-live-form]").forEach(function (form) {
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("change", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
  });
  var said = {
    "check-in": function (s) { return s.ref === "confirmed" ? " confirmed" : " saved their check-in"; },
    "stage": function (s) { return s.ref === "after" ? " opened the aftercare screen" : " moved on"; },
    "reflected": function () { return " has looked back"; }
  };
  var url = box.getAttribute("data-live") + "?after=" + encodeURIComponent(box.getAttribute("data-after") || "0");
  var source = new EventSource(url);
  source.addEventListener("signal", function (event) {
    var s;
    try { s = JSON.parse(event.data); } catch (e) { return; }
    if (!s || !said[s.kind]) return;
    // My own doings reach me by the form I sent.
    if (s.from === me || leaving) return;
    if (!dirty) {
      source.close();
      window.location.reload();
      return;
    }
    if (note) {
      note.textContent = (s.from_name || "Someone") + said[s.kind](s) + " – reload to see.";
    }
  });
  window.addEventListener("pagehide", function () { source.close(); });
})();
