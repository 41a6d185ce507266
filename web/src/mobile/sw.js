// Service worker of the phone app (built to /m/sw.js, scope /m/): keeps the app's own files so
// /m/ opens in a basement without signal. Data is never cached here: /api/ goes to the network
// and drafts live in IndexedDB (state.js). Browsers run service workers only on https:// or
// localhost; on plain http the app works the same, it just needs signal to open.
/* eslint-env serviceworker */
const kCache = 'jiceng-m-shell-v1';
const kShell = '/m/';

function assetsOf(html) {
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
}

/** The page and every file it names (the app has no lazily loaded parts). */
async function precache() {
  const response = await fetch(kShell, { cache: 'no-cache' });
  if (!response.ok) return;
  const html = await response.clone().text();
  const cache = await caches.open(kCache);
  await cache.addAll(assetsOf(html));
  await cache.put(kShell, response);
}

self.addEventListener('install', (event) => {
  self.skipWaiting();
  event.waitUntil(precache().catch(() => {}));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('jiceng-m-') && k !== kCache).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

/** Drops cached assets the current page no longer names (old builds). */
async function prune(html) {
  const wanted = new Set(assetsOf(html));
  if (!wanted.size) return;
  const cache = await caches.open(kCache);
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/assets/') && !wanted.has(path)) await cache.delete(request);
  }
}

/** Keeps the newest page and its files; fetches only the files not yet kept. */
async function keep(response) {
  const html = await response.clone().text();
  const cache = await caches.open(kCache);
  await cache.put(kShell, response);
  const missing = [];
  for (const path of assetsOf(html)) if (!(await cache.match(path))) missing.push(path);
  if (missing.length) await cache.addAll(missing);
  await prune(html);
}

async function page(event) {
  try {
    const response = await fetch(event.request);
    if (response.ok) event.waitUntil(keep(response.clone()).catch(() => {}));
    return response;
  } catch (error) {
    const cached = await caches.match(kShell);
    if (cached) return cached;
    throw error;
  }
}

async function asset(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    caches.open(kCache).then((cache) => cache.put(request, copy));
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && (url.pathname === '/m' || url.pathname.startsWith('/m/'))) {
    event.respondWith(page(event));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(asset(request));
  }
});
