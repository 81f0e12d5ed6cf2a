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
  // own label, and goes once something is sent. The field it is about
  // (the API names it: "text: is too long") is marked invalid and
  // described by it while it shows, as the server marks a field.
  var problem = document.getElementById("care-problem");
  function fieldOf(msg, form) {
    var m = /^([a-z_]+): /.exec(msg || "");
    return m && form ? form.querySelector('[name="' + m[1] + '"]') : null;
  }
  function formWords(msg, form) {
    var m = /^([a-z_]+): ([\s\S]*)$/.exec(msg || "");
    if (!m) return msg;
    var field = fieldOf(msg, form);
    var label = field && field.labels && field.labels.length ? field.labels[0].textContent.trim() : "";
    if (label) return label + ": " + m[2];
    return m[2].charAt(0).toUpperCase() + m[2].slice(1);
  }
  function describedBy(field, keep) {
    var ids = (field.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (id) { return id && keep(id); });
    if (ids.length) field.setAttribute("aria-describedby", ids.join(" "));
    else field.removeAttribute("aria-describedby");
    return ids;
  }
  // Unmarks the fields marked here; all, with the server's messages
  // beside them, once something is sent.
  function unmark(all) {
    Array.prototype.forEach.call(root.querySelectorAll('[aria-invalid="true"]'), function (f) {
      var ids = (f.getAttribute("aria-describedby") || "").split(/\s+/);
      if (!all && ids.indexOf(problem.id) < 0) return;
      f.removeAttribute("aria-invalid");
      describedBy(f, function (id) { return id !== problem.id && (!all || !/-error$/.test(id)); });
    });
    if (all) Array.prototype.forEach.call(root.querySelectorAll(".field-error"), function (e) { e.hidden = true; });
  }
  function say(msg, form, field) {
    if (!problem) return;
    if (msg && form) {
      var at = form.closest(".need-grid") || form;
      at.parentNode.insertBefore(problem, at.nextSibling);
    }
    problem.textContent = msg || "";
    problem.hidden = !msg;
    unmark(false);
    if (msg && field && field.matches('input[type="text"], textarea')) {
      field.setAttribute("aria-invalid", "true");
      field.setAttribute("aria-describedby", [problem.id].concat(describedBy(field, function (id) { return id !== problem.id; })).join(" "));
    }
  }
  function clearProblems() {
    say("");
    unmark(true);
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
          e.field = out && out.error ? fieldOf(out.error.message, form) : null;
          throw e;
        }
        clearProblems();
        document.dispatchEvent(new CustomEvent("care:signal", { detail: out.signal }));
        return true;
      });
    }).catch(function (err) {
      say(err && err.said ? err.message : "That didn't go through: check the connection, then try again.", form, err && err.field);
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
