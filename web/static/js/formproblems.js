// Form mistakes: a link in the summary at the top takes the focus to its
// field (opening a folded part that hides it) and scrolls the field's
// label into sight with it. Without this script the link still scrolls
// to the field; browsers differ on where they leave the focus.
(function () {
  "use strict";
  var summary = document.getElementById("problem");
  if (!summary) return;
  summary.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (!link) return;
    var field = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!field) return;
    event.preventDefault();
    for (var d = field.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) {
      d.open = true;
    }
    var label = document.querySelector('label[for="' + CSS.escape(field.id) + '"]');
    var legend = field.closest("fieldset") && field.closest("fieldset").querySelector("legend");
    var shown = label && !label.contains(field) ? label : (legend || field);
    if (event.detail === 0) {
      // Sent by Enter on the link: the key's press would reach the field
      // that now has the focus and send its form. Swallow it, until the
      // key is let go.
      var swallow = function (e) { if (e.key === "Enter") e.preventDefault(); };
      document.addEventListener("keypress", swallow, true);
      document.addEventListener("keyup", function () { document.removeEventListener("keypress", swallow, true); }, { once: true, capture: true });
    }
    field.focus({ preventScroll: true });
    shown.scrollIntoView({ block: "start" });
  });
})();
