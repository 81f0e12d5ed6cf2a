// The aftercare screen's quiet helpers, apart from the live news
// (aftercare.js): it keeps the screen awake, runs the gentle timer, shows
// one question card at a time and reads the guidance aloud with the
// device's own voice. Without it the screen loses nothing it needs.
(function () {
  "use strict";
  if (!document.getElementById("care")) return;

  // Keep the screen awake while the page is shown.
  var wake = document.getElementById("wake");
  if (wake) {
    if ("wakeLock" in navigator) {
      var lock = null;
      var hold = function () {
        navigator.wakeLock.request("screen").then(function (l) {
          lock = l;
          wake.textContent = "The screen stays on.";
          l.addEventListener("release", function () { lock = null; });
        }).catch(function () {
          wake.textContent = "The screen may dim by itself.";
        });
      };
      hold();
      document.addEventListener("visibilitychange", function () {
        if (document.visibilityState === "visible" && !lock) hold();
      });
    } else {
      wake.textContent = "This browser can't keep the screen on.";
    }
    wake.hidden = false;
  }

  // The gentle timer: a slow bar and a few words, no alarm.
  var timer = document.getElementById("timer");
  if (timer) {
    var start = Date.parse(timer.dataset.start);
    var minutes = parseInt(timer.dataset.minutes, 10);
    var text = document.getElementById("timer-text");
    var fill = document.getElementById("timer-fill");
    var update = function () {
      var gone = (Date.now() - start) / 60000;
      var left = Math.ceil(minutes - gone);
      fill.style.width = Math.min(100, Math.max(0, gone / minutes * 100)) + "%";
      if (left <= 0) {
        text.textContent = "The " + minutes + " minutes you set aside are over. There's no hurry: stay as long as feels right.";
        return false;
      }
      text.textContent = "About " + left + (left === 1 ? " minute" : " minutes") + " left of the " + minutes + " you set aside. No alarm will sound.";
      return true;
    };
    var running = update();
    requestAnimationFrame(function () { fill.classList.add("moving"); });
    if (running) {
      var t = setInterval(function () { if (!update()) clearInterval(t); }, 20000);
    }
  }

  // One question card at a time, and another on request.
  var cards = document.querySelectorAll("#questions .cards li");
  var another = document.getElementById("another");
  if (cards.length > 1 && another) {
    var at = 0;
    cards.forEach(function (c, i) { c.hidden = i !== 0; });
    another.hidden = false;
    another.addEventListener("click", function () {
      cards[at].hidden = true;
      at = (at + 1) % cards.length;
      cards[at].hidden = false;
    });
  }

  // Guidance read aloud by the device's own voice.
  var read = document.getElementById("read-aloud");
  if (read && "speechSynthesis" in window) {
    read.hidden = false;
    document.getElementById("read-note").hidden = false;
    read.addEventListener("click", function () {
      if (speechSynthesis.speaking) {
        speechSynthesis.cancel();
        return;
      }
      var parts = [document.getElementById("guidance-text").textContent];
      document.querySelectorAll(".checklist > li:not(.done)").forEach(function (li) {
        parts.push(li.querySelector(".what").textContent + ".");
        var how = li.querySelector(".howto p");
        if (how) parts.push(how.textContent);
      });
      var u = new SpeechSynthesisUtterance(parts.join(" ").replace(/\s+/g, " "));
      u.rate = 0.85;
      u.onend = u.onerror = function () { read.textContent = "Read it aloud"; };
      read.textContent = "Stop reading";
      speechSynthesis.speak(u);
    });
  }

})();
