// Live search on the practice editor: as you type, practices on this
// page that do not match are hidden, and a status line says how many are
// shown. Sending the form still searches every category on the server.
(function () {
  "use strict";
  var input = document.querySelector("input[data-filter]");
  if (!input) return;
  var items = Array.prototype.slice.call(document.querySelectorAll(input.dataset.filter));
  var status = document.querySelector(input.dataset.filterStatus);
  var timer = 0;
  function apply() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (item) {
      var text = (item.dataset.text || item.textContent).toLowerCase();
      var match = words.every(function (w) { return text.indexOf(w) !== -1; });
      item.hidden = !match;
      if (match) shown++;
    });
    if (status) {
      status.textContent = words.length
        ? shown + (shown === 1 ? " practice" : " practices") + " shown here. Press Search to look in every category."
        : "";
    }
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 150);
  });
})();
