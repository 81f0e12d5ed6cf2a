// A message about what a form just did ("Saved.") comes with the page the
// form led to, named in its address (?done=saved). Once shown, the
// address drops it, so that a reload (by hand, or by a live page) does
// not say it again as if it had just happened.
(function () {
  "use strict";
  var url = new URL(window.location.href);
  if (!url.searchParams.has("done")) return;
  url.searchParams.delete("done");
  window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
})();
