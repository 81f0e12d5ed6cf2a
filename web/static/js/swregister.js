// Registers Tend's service worker (/sw.js), which shows notifications and
// an offline page; see sw.js. Only where the browser has service workers,
// and after the page has loaded, so it never slows the page down.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) return;
  function register() {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {
      /* refused (private browsing, say): Tend works as before */
    });
  }
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register);
})();
