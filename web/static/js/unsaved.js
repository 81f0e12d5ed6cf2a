// Unsaved changes: a form marked data-unsaved that has been changed and
// not sent makes the browser ask before leaving the page (a tab, a link,
// Back), so choices are not lost by a tap elsewhere. The quick exit is
// never held up: it replaces the page without asking.
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-unsaved]");
  if (!forms.length) return;
  var dirty = false;
  forms.forEach(function (form) {
    form.addEventListener("change", function () { dirty = true; });
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-quick-exit]")) dirty = false;
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") dirty = false;
  }, true);
  window.addEventListener("beforeunload", function (event) {
    if (!dirty) return;
    event.preventDefault();
    event.returnValue = "";
  });
})();
