// Tend's service worker, served at /sw.js (scope /). The server puts "use
// strict" and four constants before this file (web/app_page.go): CACHE,
// the name of this release's cache; PRECACHE, the addresses kept in it;
// ICON and BADGE, the notification's pictures.
//
// It does three things and no more:
//   - push: shows a notification from the message {title, body, url, tag};
//   - a click on one: brings Tend to the front at the message's page;
//   - a page that cannot be fetched because the network is down: the
//     offline page instead (and the blank page, for the quick exit).
// Nothing else is ever stored: no page anyone signed in to, no API answer.
// The cache holds only PRECACHE, fetched on install; the pages in it say
// nothing about anyone.

// Requests the worker has nothing to do with (anything but a page or a
// static file: API calls, live updates, what scripts send) go straight to
// the network, without starting it or passing through it; a beacon sent
// as a page closes could otherwise be lost on its way through. Where the
// browser has no such routes, the fetch handler lets them pass instead.
const ROUTES = [{
  condition: { not: { or: [{ requestMode: "navigate" }, { urlPattern: "/static/*" }] } },
  source: "network",
}];

self.addEventListener("install", (event) => {
  const routed = event.addRoutes ? event.addRoutes(ROUTES).catch(() => {}) : Promise.resolve();
  event.waitUntil(Promise.all([routed, caches.open(CACHE).then((cache) => cache.addAll(PRECACHE))]).then(() => self.skipWaiting()));
});

// A new release's worker takes over at once, and the caches of earlier
// releases go.
self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name !== CACHE) await caches.delete(name);
    }
    // The page is asked for while the worker starts, so answering through
    // it costs no time.
    if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // A form sent while offline is left to the browser, whose own error
  // page can send it again: nothing typed is lost.
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(event, url));
  } else if (url.pathname.startsWith("/static/") && PRECACHE.includes(url.pathname)) {
    // What the offline page needs, under addresses that never change.
    event.respondWith(caches.match(request).then((cached) => cached || fetch(request)));
  }
});

// navigate answers a page from the network, always; only when the network
// fails does it answer from the cache.
async function navigate(event, url) {
  try {
    const preloaded = await event.preloadResponse;
    if (preloaded) return preloaded;
    return await fetch(event.request);
  } catch (err) {
    const page = url.pathname === "/away" ? "/away" : "/offline";
    return (await caches.match(page, { cacheName: CACHE })) || Response.error();
  }
}

// sameOrigin is the address to open for a message: its own when it is on
// this server, else the home page.
function sameOrigin(value) {
  if (typeof value === "string" && value !== "") {
    try {
      const url = new URL(value, self.location.origin);
      if (url.origin === self.location.origin) return url.href;
    } catch (err) { /* not an address */ }
  }
  return new URL("/", self.location.origin).href;
}

// message reads a push's JSON payload; whatever is missing or wrong
// leaves a plain "Tend".
function message(data) {
  let m = null;
  try { m = data ? data.json() : null; } catch (err) { m = null; }
  if (!m || typeof m !== "object") m = {};
  const text = (v) => (typeof v === "string" ? v : "");
  return { title: text(m.title) || "Tend", body: text(m.body), tag: text(m.tag), url: sameOrigin(m.url) };
}

self.addEventListener("push", (event) => {
  const m = message(event.data);
  // A message with the tag of one still shown replaces it, quietly.
  event.waitUntil(self.registration.showNotification(m.title, {
    body: m.body, tag: m.tag, renotify: false, icon: ICON, badge: BADGE, data: { url: m.url },
  }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const data = event.notification.data;
  event.waitUntil(openTend(sameOrigin(data && data.url)));
});

// openTend shows the address in the Tend window used last, or in a new
// one when none is open (or it cannot be moved).
async function openTend(url) {
  const windows = await self.clients.matchAll({ type: "window" });
  if (windows.length > 0) {
    const win = windows[0];
    try { await win.focus(); } catch (err) { /* not allowed: move it anyway */ }
    try {
      if (await win.navigate(url)) return;
    } catch (err) { /* fall through to a new window */ }
  }
  await self.clients.openWindow(url);
}
