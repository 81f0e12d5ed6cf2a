// The aftercare screen's forms (needs, ticks, "on my way", "I'm okay
// now") sent with fetch to the JSON API, the screen staying as it is.
// The button is never disabled (a disabled button drops the focus to the
// page, and the next Enter is lost): a second press while one is on its
// way is sent after it. A mistake shows next to the form, in the
// form's own words, and goes once something is sent. What was sent is
// handed to aftercare.js as a "care:signal" event. Without it, the forms
// post and the page comes back.
(function () {
  "use strict";
  var root = document.getElementById("care");
  if (!root || !window.fetch) return;
  var api = "/api/v1/encounters/" + encodeURIComponent(root.dataset.id);

  // A mistake shows next to the form it came from, named by the form's
  // own label, and goes once something is sent.
  var problem = document.getElementById("care-problem");
  function formWords(msg, form) {
    var m = /^([a-z_]+): ([\s\S]*)$/.exec(msg || "");
    if (!m) return msg;
    var field = form && form.querySelector('[name="' + m[1] + '"]');
    var label = field && field.labels && field.labels.length ? field.labels[0].textContent.trim() : "";
    if (label) return label + ": " + m[2];
    return m[2].charAt(0).toUpperCase() + m[2].slice(1);
  }
  function say(msg, form) {
    if (!problem) return;
    if (msg && form) {
      var at = form.closest(".need-grid") || form;
      at.parentNode.insertBefore(problem, at.nextSibling);
    }
    problem.textContent = msg || "";
    problem.hidden = !msg;
  }
  function clearProblems() {
    say("");
    var shown = document.getElementById("problem");
    if (shown) shown.hidden = true;
  }

  function send(body, form) {
    return fetch(api + "/signals", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body)
    }).then(function (res) {
      return res.json().catch(function () { return null; }).then(function (out) {
        if (!res.ok || !out || !out.signal) {
          var e = new Error(out && out.error ? formWords(out.error.message, form) : "That didn't go through. Please try again.");
          e.said = true;
          throw e;
        }
        clearProblems();
        document.dispatchEvent(new CustomEvent("care:signal", { detail: out.signal }));
        return true;
      });
    }).catch(function (err) {
      say(err && err.said ? err.message : "That didn't go through: check the connection, then try again.", form);
      return false;
    });
  }

  // One listener for every such form, those added later too (an "On my
  // way" arrives with its need). A press while the last is on its way
  // is sent after it, read from the form as it is then (a second press
  // on a tick unticks it); words typed are sent once.
  function go(form) {
    var data = new FormData(form);
    var body = { kind: data.get("kind") || "", text: data.get("text") || "", ref: data.get("ref") || "" };
    if (form.hasAttribute("data-care-tick")) {
      body = { kind: data.get("done") === "1" ? "tick" : "untick", ref: data.get("ref") || "" };
    }
    send(body, form).then(function (ok) {
      var text = form.querySelector('input[name="text"]');
      if (ok && text) text.value = "";
      var more = Number(form.dataset.waiting || 0);
      if (more > 0 && form.isConnected) {
        form.dataset.waiting = String(more - 1);
        go(form);
        return;
      }
      delete form.dataset.busy;
      delete form.dataset.waiting;
    });
  }
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.matches("form[data-care-signal], form[data-care-tick]")) return;
    ev.preventDefault();
    if (form.dataset.busy) {
      if (!form.querySelector('input[name="text"]')) form.dataset.waiting = String(Number(form.dataset.waiting || 0) + 1);
      return;
    }
    form.dataset.busy = "1";
    go(form);
  });
})();
