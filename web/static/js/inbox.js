// The inbox, live: while Home is open, it listens to the person's inbox
// stream. When the inbox changes (a follow-up came due, someone told of
// a low time, someone answered), it fetches Home again and puts the new
// inbox panels and the navigation's count in place, then says so
// politely. It waits while focus is inside the panels, so nothing moves
// under someone about to tap. Without it, Home shows the same on reload.
(function () {
  "use strict";
  var box = document.getElementById("inbox-live");
  if (!box || !window.EventSource || !window.fetch || !window.DOMParser) return;
  var note = document.getElementById("inbox-note");
  var pending = false;
  var busy = false;

  function navCount(doc) {
    return doc.querySelector('.main-nav a[href="/"]');
  }
  function refresh() {
    if (box.contains(document.activeElement)) {
      pending = true;
      return;
    }
    if (busy) {
      pending = true;
      return;
    }
    busy = true;
    pending = false;
    fetch("/", { credentials: "same-origin", headers: { Accept: "text/html" } }).then(function (res) {
      if (!res.ok) throw new Error(res.status);
      return res.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var fresh = doc.getElementById("inbox-live");
      if (!fresh) return;
      if (box.innerHTML !== fresh.innerHTML) {
        box.innerHTML = fresh.innerHTML;
        if (note) note.textContent = "Your inbox has changed.";
      }
      var oldNav = navCount(document), newNav = navCount(doc);
      if (oldNav && newNav) oldNav.innerHTML = newNav.innerHTML;
    }).catch(function () {}).then(function () {
      busy = false;
      if (pending) refresh();
    });
  }
  box.addEventListener("focusout", function () {
    if (pending) setTimeout(refresh, 0);
  });
  var es = new EventSource(box.getAttribute("data-inbox"));
  es.addEventListener("inbox", refresh);
})();
