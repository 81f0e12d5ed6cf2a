// Quick exit: one tap (or Escape twice) leaves Tend for a blank page at
// once. The page is cleared first, and location.replace takes this page
// out of the history, so Back does not bring it back.
(function () {
  "use strict";
  function leave(event) {
    if (event) event.preventDefault();
    document.title = "New tab";
    document.documentElement.style.background = "#fff";
    document.body.replaceChildren();
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
