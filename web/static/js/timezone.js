// Fills an empty time zone field with the browser's own zone, which the
// person can still change before sending the form.
(function () {
  "use strict";
  var field = document.querySelector("input[data-timezone]");
  if (!field || field.value) return;
  try {
    field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (e) {
    /* Leave it empty: the server uses UTC. */
  }
})();
