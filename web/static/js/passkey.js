// Passkeys: makes <button data-passkey="register"> (in a form with an
// <input name="name">) add a passkey, and <button data-passkey="signin">
// sign in with one (then go to data-next, or "/"). Messages go to the
// nearest [data-passkey-status]. In a browser without passkeys the
// buttons are hidden; the pages work without them.
"use strict";

(() => {
  // base64url, as the API speaks it, to bytes and back.
  const toBase64url = (buffer) => {
    let text = "";
    for (const byte of new Uint8Array(buffer)) {
      text += String.fromCharCode(byte);
    }
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  };

  const fromBase64url = (text) => {
    const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
    const raw = atob(padded);
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) {
      bytes[i] = raw.charCodeAt(i);
    }
    return bytes.buffer;
  };

  const withIDs = (list) => (list || []).map((c) => ({ ...c, id: fromBase64url(c.id) }));

  // The browser's own parsers where it has them; by hand where not.
  const creationOptions = (json) => {
    if (typeof PublicKeyCredential.parseCreationOptionsFromJSON === "function") {
      return PublicKeyCredential.parseCreationOptionsFromJSON(json);
    }
    return {
      ...json,
      challenge: fromBase64url(json.challenge),
      user: { ...json.user, id: fromBase64url(json.user.id) },
      excludeCredentials: withIDs(json.excludeCredentials),
    };
  };

  const requestOptions = (json) => {
    if (typeof PublicKeyCredential.parseRequestOptionsFromJSON === "function") {
      return PublicKeyCredential.parseRequestOptionsFromJSON(json);
    }
    return { ...json, challenge: fromBase64url(json.challenge), allowCredentials: withIDs(json.allowCredentials) };
  };

  const credentialJSON = (cred) => {
    if (typeof cred.toJSON === "function") {
      try {
        return cred.toJSON();
      } catch (err) {
        // Some password managers hand back credentials whose toJSON
        // throws; fall through and do it by hand.
      }
    }
    const r = cred.response;
    const out = {
      id: cred.id,
      rawId: toBase64url(cred.rawId),
      type: cred.type,
      authenticatorAttachment: cred.authenticatorAttachment || undefined,
      clientExtensionResults: typeof cred.getClientExtensionResults === "function" ? cred.getClientExtensionResults() : {},
      response: { clientDataJSON: toBase64url(r.clientDataJSON) },
    };
    if (r.attestationObject) {
      out.response.attestationObject = toBase64url(r.attestationObject);
      out.response.transports = typeof r.getTransports === "function" ? r.getTransports() : [];
    } else {
      out.response.authenticatorData = toBase64url(r.authenticatorData);
      out.response.signature = toBase64url(r.signature);
      if (r.userHandle) {
        out.response.userHandle = toBase64url(r.userHandle);
      }
    }
    return out;
  };

  // api posts JSON and returns the answer, or throws the API's message.
  const api = async (path, body) => {
    const res = await fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data = null;
    try {
      data = await res.json();
    } catch (err) {
      data = null;
    }
    if (!res.ok) {
      throw new Error((data && data.error && data.error.message) || `The server answered ${res.status}; please try again.`);
    }
    return data;
  };

  const statusFor = (button) => {
    const scope = button.closest("form") || button.parentElement || document;
    const el = scope.querySelector("[data-passkey-status]") || document.querySelector("[data-passkey-status]");
    if (el) {
      if (!el.hasAttribute("role")) el.setAttribute("role", "status");
      if (!el.hasAttribute("aria-live")) el.setAttribute("aria-live", "polite");
    }
    return el;
  };

  const say = (button, text) => {
    const el = statusFor(button);
    if (el) el.textContent = text;
  };

  // What went wrong, in words: the browser's refusals by name, the API's
  // by its message.
  const message = (err) => {
    switch (err && err.name) {
      case "NotAllowedError":
      case "AbortError":
        return "No passkey was used: it was cancelled, or the time ran out. Try again when you are ready.";
      case "InvalidStateError":
        return "This device already has a passkey for your account.";
      case "SecurityError":
        return "Passkeys do not work at this address.";
    }
    return (err && err.message) || "Something went wrong; please try again.";
  };

  // Only a path on this site: never off to another one.
  // Only a path on this server: the URL parser is the browser's own, so
  // what it would make of tabs, newlines or backslashes is what counts.
  const nextPath = (next) => {
    try {
      const u = new URL(next || "/", location.origin);
      return u.origin === location.origin ? u.pathname + u.search + u.hash : "/";
    } catch (e) {
      return "/";
    }
  };

  const register = async (button) => {
    const form = button.closest("form");
    const input = form && form.querySelector('input[name="name"]');
    const name = input ? input.value.trim() : "";
    if (!name) {
      say(button, 'Give the passkey a name first, like "my phone".');
      if (input) input.focus();
      return;
    }
    const begin = await api("/api/v1/passkeys/register/begin");
    say(button, "Follow your browser's prompt to make the passkey.");
    const cred = await navigator.credentials.create({ publicKey: creationOptions(begin.publicKey) });
    await api("/api/v1/passkeys/register/finish", { name, credential: credentialJSON(cred) });
    say(button, "Passkey added.");
    location.reload();
  };

  const signin = async (button) => {
    const begin = await api("/api/v1/signin/passkey/begin");
    say(button, "Follow your browser's prompt to use your passkey.");
    const cred = await navigator.credentials.get({ publicKey: requestOptions(begin.publicKey) });
    const done = await api("/api/v1/signin/passkey/finish", credentialJSON(cred));
    say(button, done && done.confirmed ? "Confirmed: it is you." : "Signed in.");
    location.assign(nextPath(button.dataset.next));
  };

  const enhance = () => {
    const buttons = document.querySelectorAll("button[data-passkey]");
    if (!window.PublicKeyCredential || !navigator.credentials) {
      buttons.forEach((button) => {
        button.hidden = true;
      });
      return;
    }
    buttons.forEach((button) => {
      const kind = button.dataset.passkey;
      const run = kind === "register" ? register : kind === "signin" ? signin : null;
      if (!run) return;
      // The pages send these buttons hidden: without this script (or
      // without passkeys in the browser) they could do nothing.
      button.hidden = false;
      // Enter in the name field sends the form: make it press the button.
      const form = kind === "register" && button.closest("form");
      if (form) {
        form.addEventListener("submit", (event) => {
          event.preventDefault();
          button.click();
        });
      }
      button.addEventListener("click", async (event) => {
        event.preventDefault();
        if (button.disabled) return;
        button.disabled = true;
        button.setAttribute("aria-busy", "true");
        say(button, "");
        try {
          await run(button);
        } catch (err) {
          say(button, message(err));
        } finally {
          button.disabled = false;
          button.removeAttribute("aria-busy");
        }
      });
    });
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
