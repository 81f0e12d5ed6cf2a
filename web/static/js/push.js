// Notifications on this device: makes the settings page's button
// ([data-push-on], inside [data-push] with the server's key in
// data-vapid) ask the browser for permission, on the press only;
// subscribe to web push through Tend's service worker; hand the
// subscription to the API; and show the section again with the device
// in it. Every step that cannot go on says why in [data-push-status].
// Without this script the page says that turning notifications on needs
// it; nothing else on the page depends on it.
"use strict";

(() => {
  // The server's key, base64url, as the bytes subscribe() takes.
  const keyBytes = (text) => {
    const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
    const raw = atob(padded);
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  };

  const sameKey = (buffer, bytes) => {
    if (!buffer) return false;
    const a = new Uint8Array(buffer);
    return a.length === bytes.length && a.every((b, i) => b === bytes[i]);
  };

  const words = {
    insecure: "Notifications need a secure (https) connection to Tend. Ask whoever runs this server.",
    unsupported: "This browser cannot show notifications from websites, so Tend cannot reach this device this way. Email, ntfy or a webhook still can.",
    blocked: "Notifications are blocked for Tend in this browser. To turn them on, allow notifications for this site in the browser's settings, then press the button again.",
    dismissed: "Notifications were not allowed, so nothing changed. Press the button again when you are ready.",
    asking: "Your browser is asking whether Tend may show notifications.",
    noworker: "Tend's background helper is not running in this browser, so notifications cannot start. Reload the page and try again.",
    failed: "This browser could not sign up for notifications (its push service did not answer). Try again later, or use another way.",
    done: "Notifications are on for this device. Send yourself a test to see one.",
  };

  class Stop extends Error {}

  const supported = () => "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;

  // within gives up on a promise after ms: a service worker that never
  // becomes ready must not leave the button busy for ever.
  const within = (promise, ms, why) =>
    Promise.race([promise, new Promise((_, fail) => setTimeout(() => fail(new Stop(why)), ms))]);

  const post = async (subscription) => {
    const res = await fetch("/api/v1/channels", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ type: "push", subscription }),
    });
    if (res.ok) return;
    let data = null;
    try {
      data = await res.json();
    } catch (err) {
      data = null;
    }
    throw new Stop((data && data.error && data.error.message) || `The server answered ${res.status}; please try again.`);
  };

  const subscribe = async (key) => {
    if (Notification.permission !== "granted") {
      const answer = await Notification.requestPermission();
      if (answer === "denied") throw new Stop(words.blocked);
      if (answer !== "granted") throw new Stop(words.dismissed);
    }
    if (!(await navigator.serviceWorker.getRegistration())) throw new Stop(words.noworker);
    const reg = await within(navigator.serviceWorker.ready, 10000, words.noworker);
    let sub = await reg.pushManager.getSubscription();
    if (sub && !sameKey(sub.options && sub.options.applicationServerKey, key)) {
      await sub.unsubscribe();
      sub = null;
    }
    if (!sub) {
      try {
        // A push service that never answers must not leave the button
        // busy for ever either.
        sub = await within(reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }), 10000, words.failed);
      } catch (err) {
        if (err instanceof Stop) throw err;
        throw new Stop(err && err.name === "NotAllowedError" ? words.blocked : words.failed);
      }
    }
    await post(sub.toJSON());
  };

  // showAgain puts the section as the server now has it in place of
  // this one, and says what happened in the new one's status.
  const showAgain = async (section, said) => {
    const res = await fetch(location.pathname, { credentials: "same-origin" });
    const doc = new DOMParser().parseFromString(await res.text(), "text/html");
    const fresh = doc.getElementById(section.id);
    if (!res.ok || !fresh) {
      location.reload();
      return;
    }
    section.replaceWith(fresh);
    enhance(fresh);
    const status = fresh.querySelector("[data-push-status]");
    if (status) {
      status.tabIndex = -1;
      status.textContent = said;
      status.focus();
    }
  };

  function enhance(scope) {
    const root = scope.querySelector("[data-push]");
    if (!root) return;
    const button = root.querySelector("[data-push-on]");
    const status = root.querySelector("[data-push-status]");
    const say = (text) => {
      status.textContent = text;
    };
    // Where nothing can be turned on, the hint about the button goes too.
    const none = (text) => {
      const hint = root.querySelector("#push-hint");
      if (hint) hint.hidden = true;
      say(text);
    };
    if (!window.isSecureContext) return none(words.insecure);
    if (!supported()) return none(words.unsupported);
    button.hidden = false;
    if (Notification.permission === "denied") say(words.blocked);
    button.addEventListener("click", async () => {
      if (button.getAttribute("aria-busy") === "true") return;
      button.setAttribute("aria-busy", "true");
      say(Notification.permission === "granted" ? "" : words.asking);
      try {
        await subscribe(keyBytes(root.dataset.vapid || ""));
        await showAgain(root.closest("section") || document.body, words.done);
      } catch (err) {
        say(err instanceof Stop ? err.message : words.failed);
      } finally {
        button.removeAttribute("aria-busy");
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => enhance(document));
  } else {
    enhance(document);
  }
})();
