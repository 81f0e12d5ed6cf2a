// Quick exit: one tap (or Escape twice) leaves Tend for a blank page at
// once. The page is cleared first, and location.replace takes this page
// out of the history.
//
// Back would still reach the Tend pages before it (signed in, as they
// were). So the quick exit leaves a mark in this tab (sessionStorage),
// and a Tend page reached by Back or Forward (or shown again from the
// browser's page cache) while the mark is there goes straight on to the
// blank page, hidden until it does. A page opened afresh (an address
// typed, a link followed) takes the mark away. This script runs in the
// head, before the page is shown (it is not deferred); without
// JavaScript the quick exit is a plain link and none of this applies.
(function () {
  "use strict";
  var MARK = "tend-left";
  function marked() {
    try { return window.sessionStorage.getItem(MARK) === "1"; } catch (e) { return false; }
  }
  function mark(on) {
    try {
      if (on) window.sessionStorage.setItem(MARK, "1");
      else window.sessionStorage.removeItem(MARK);
    } catch (e) { /* storage refused: Back is as before */ }
  }
  // The page goes at once: nothing of it is shown, and the history keeps
  // only the blank page in its place.
  function away() {
    document.documentElement.hidden = true;
    document.title = "New tab";
    window.location.replace("/away");
  }
  function travelled() {
    var nav = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    return !!nav && nav.type === "back_forward";
  }

  if (marked()) {
    if (travelled()) {
      away();
      return;
    }
    mark(false);
  }
  // Shown again from the page cache: no new load, so asked here.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && marked()) away();
  });

  function leave(event) {
    if (event) event.preventDefault();
    mark(true);
    document.title = "New tab";
    document.documentElement.style.background = "#fff";
    if (document.body) document.body.replaceChildren();
    window.location.replace("/away");
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-quick-exit]");
    if (link) leave(event);
  });
  var last = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - last < 800) leave(event);
    last = now;
  });
})();
