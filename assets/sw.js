// Kursbro service worker: the app works with no network once it has been opened.
//
// - The app shell (index.html and the fingerprinted JS, wasm, CSS it names, the web app
//   manifest and its icons) is cached at install; fingerprinted files are served cache-first (their names change with content).
// - Page loads (navigations) go to the network first and fall back to the cached shell, so
//   deep links such as /moduler/smittevern open offline. A new index.html from the network
//   drops the files of earlier builds from the cache (those it no longer names).
// - Reads from the API that a learner needs offline (modules they opened, their progress,
//   who they are, the catalogue, lesson images) go to the network first, with a short timeout on a slow
//   connection, and fall back to the last answer — unless the server has since said it is
//   gone or not theirs (401, 403, 404), which removes it.
// - Writes (POST, DELETE) are never cached or replayed here: the app's outbox owns them.
const SHELL = 'kursbro-shell-v1';
const API = 'kursbro-api-v1';
const NETWORK_TIMEOUT_MS = 4000;
const OFFLINE_API = [/^\/api\/v1\/me$/, /^\/api\/v1\/me\/requirements$/, /^\/api\/v1\/catalogue$/, /^\/api\/v1\/progress$/,
  /^\/api\/v1\/modules\/[a-z0-9-]+(\/progress)?$/, /^\/api\/v1\/programmes\/[a-z0-9-]+$/, /^\/api\/v1\/news$/,
  /^\/api\/v1\/images\/\d+$/];

// The files a build's index.html names: its JS, wasm (with the learner's part), CSS, icons.
function named(html) {
  const assets = new Set();
  for (const m of html.matchAll(/["'](\/[^"'\s]+\.(?:js|wasm|css|svg|png|webmanifest))["']/g)) assets.add(m[1]);
  // The home-screen icons the manifest names (index.html names only the small one).
  for (const icon of ['/icon-512.png', '/icon-maskable-512.png']) assets.add(icon);
  return assets;
}

async function cacheShell() {
  const cache = await caches.open(SHELL);
  const res = await fetch('/', { cache: 'no-store' });
  if (!res.ok) return;
  const html = await res.clone().text();
  await cache.put('/', res);
  await cache.addAll([...named(html)]);
}

// A build's fingerprinted files: `/app-<hash>/<file>` (its parts) and `/<name>-<hash>.<ext>`.
const BUILD_FOLDER = /^\/app-[0-9a-f]{12,16}\//;
const FINGERPRINTED = /^\/[^/]+-[0-9a-f]{12,16}(_bg)?\.[a-z]+$/;

// Drops what only earlier builds used: fingerprinted files index.html no longer names, and
// every file of a parts folder it does not name (the staff and community parts of the
// current build are kept when they were fetched: they are in its folder).
async function dropEarlierBuilds(html) {
  const keep = named(html);
  const folders = new Set([...keep].map((p) => p.match(BUILD_FOLDER)?.[0]).filter(Boolean));
  const cache = await caches.open(SHELL);
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    const folder = path.match(BUILD_FOLDER)?.[0];
    const old = folder ? !folders.has(folder) : FINGERPRINTED.test(path) && !keep.has(path);
    if (old) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name !== SHELL && name !== API) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

async function networkFirst(request, cacheName, key) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(key || request);
  try {
    const fetching = fetch(request);
    const res = await (cached ? withTimeout(fetching, NETWORK_TIMEOUT_MS) : fetching);
    if (res.ok) await cache.put(key || request, res.clone());
    // Gone, or no longer theirs to see (a module shared with fewer organisations, a session
    // that ended): the last answer must not be shown offline either.
    else if (cacheName === API && [401, 403, 404].includes(res.status)) await cache.delete(key || request);
    return res;
  } catch (e) {
    if (cached) return cached;
    throw e;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL);
  const cached = await cache.match(request);
  if (cached) return cached;
  const res = await fetch(request);
  if (res.ok) await cache.put(request, res.clone());
  return res;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) {
    if (OFFLINE_API.some((re) => re.test(url.pathname))) {
      event.respondWith(networkFirst(request, API));
    }
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, SHELL, '/').then((res) => {
      // Offline this is the cached shell, the newest build seen: nothing to drop then.
      if (res.ok) event.waitUntil(res.clone().text().then(dropEarlierBuilds));
      return res;
    }));
    return;
  }
  if (url.pathname === '/sw.js') return;
  event.respondWith(cacheFirst(request));
});
