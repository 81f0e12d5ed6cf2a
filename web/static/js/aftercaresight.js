// Keeps what arrives in sight, wherever the person is on the aftercare
// screen. News lands at the top (aftercare.js): someone down at the
// checklist would only hear it. So:
//
// A "not okay" from someone else is brought into view. It takes the
// focus too, so that Tab goes on to its "On my way", unless the person
// is typing: then the focus stays in the field, with every word typed
// (the next key brings the field back into view), and the alert, read
// out at once by its region, is what they see.
//
// A newer request (or message) shows in a small bar fixed at the bottom
// of the screen while the top is out of view: what it is, when, its
// "On my way", "See" (to it, at the top) and a button to close the bar.
// It goes once the top has been seen. While it shows, the page keeps
// room for it (scroll-padding, and as much padding at the end), so a
// focused control is never behind it (WCAG 2.4.11). The bar is last in
// the page, after everything else, as it is at the bottom of the screen.
(function () {
  "use strict";
  var bar = document.getElementById("care-bar");
  var list = document.getElementById("care-bar-list");
  var latest = document.getElementById("latest");
  var html = document.documentElement;
  var shown = null; // the #latest item the bar is about
  var seen = false; // the top has been in view since it arrived
  var closed = false; // the bar was closed for this request
  var before = null; // what had the focus before the bar

  function headBottom() {
    var head = document.querySelector(".top");
    return head ? head.getBoundingClientRect().bottom : 0;
  }
  // The newest request is in sight: its words are on the screen, below
  // the sticky header.
  function topInView() {
    if (!latest || latest.hidden) return false;
    var says = latest.querySelector(".says");
    if (!says) return false;
    var r = says.getBoundingClientRect();
    return r.top >= headBottom() - 1 && r.bottom <= window.innerHeight - (bar && !bar.hidden ? bar.offsetHeight : 0) + 1;
  }
  function typing(el) {
    return !!el && el.matches('textarea, select, [contenteditable=""], [contenteditable="true"], ' +
      'input:not([type="button"]):not([type="submit"]):not([type="reset"]):not([type="checkbox"]):not([type="radio"]):not([type="hidden"])');
  }
  function within(el, box) { return !!el && !!box && box.contains(el); }

  // The focused control, if the bar would cover it, moves just clear of
  // it (scroll-padding makes "nearest" leave the bar's room).
  function clear(el) {
    if (!bar || bar.hidden || !el || el === document.body || within(el, bar)) return;
    var r = el.getBoundingClientRect();
    if (r.height > 0 && r.bottom > bar.getBoundingClientRect().top) el.scrollIntoView({ block: "nearest" });
  }
  function room() {
    if (!bar || bar.hidden) {
      html.classList.remove("care-bar-on");
      html.style.removeProperty("--care-bar-h");
      return;
    }
    html.style.setProperty("--care-bar-h", bar.offsetHeight + "px");
    html.classList.add("care-bar-on");
  }
  function hide(focusTo) {
    if (!bar || bar.hidden) return;
    var had = within(document.activeElement, bar);
    bar.hidden = true;
    list.textContent = "";
    room();
    if (had && focusTo && focusTo.isConnected) focusTo.focus();
  }
  function show() {
    if (!bar || !shown || seen || closed) return;
    if (bar.hidden) {
      bar.hidden = false;
      room();
      clear(document.activeElement);
    }
  }
  // Whether the bar is wanted, as the person scrolls.
  function look() {
    if (!shown) return;
    if (topInView()) {
      seen = true;
      hide(latest.querySelector(".item"));
    } else {
      show();
    }
  }

  function button(text, cls, label) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = cls;
    b.textContent = text;
    if (label) b.setAttribute("aria-label", label);
    return b;
  }

  // A new request at the top: a copy of it in the bar (aftercare.js
  // keeps every copy up to date: who is on the way, the answer's form).
  document.addEventListener("care:latest", function (ev) {
    if (!bar) return;
    shown = ev.detail.item;
    seen = false;
    closed = false;
    list.textContent = "";
    var copy = shown.cloneNode(true);
    var ways = document.createElement("span");
    ways.className = "care-bar-ways";
    var see = button("See", "secondary", "See it at the top");
    see.addEventListener("click", function () {
      var it = latest.querySelector(".item");
      seen = true;
      hide(null);
      if (it) {
        it.scrollIntoView({ block: "nearest" });
        it.focus({ preventScroll: true });
      }
    });
    var close = button("×", "quiet care-bar-close", "Close this note");
    close.addEventListener("click", function () {
      closed = true;
      hide(before && before.isConnected ? before : latest.querySelector(".item"));
    });
    ways.appendChild(see);
    ways.appendChild(close);
    copy.appendChild(ways);
    list.appendChild(copy);
    if (!bar.hidden) room();
    look();
  });

  // "Not okay" from someone else: into view, and the focus unless the
  // person is typing.
  document.addEventListener("care:alert", function (ev) {
    var it = ev.detail.item;
    it.scrollIntoView({ block: "nearest" });
    if (!typing(document.activeElement)) it.focus({ preventScroll: true });
    look();
  });

  if (!bar) return;
  document.addEventListener("focusin", function (ev) {
    if (within(ev.target, bar)) return;
    before = ev.target;
    clear(ev.target);
  });
  var queued = false;
  window.addEventListener("scroll", function () {
    if (queued) return;
    queued = true;
    requestAnimationFrame(function () { queued = false; look(); });
  }, { passive: true });
  window.addEventListener("resize", function () { room(); look(); });
  if (window.ResizeObserver) new ResizeObserver(room).observe(bar);
})();
