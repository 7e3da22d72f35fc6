// parkreader's service worker. `parkreader prerender` writes it to dist/sw.js with VERSION,
// BASE and PRECACHE filled in from the files the build emitted, so every deploy that changes
// any of them is a new worker, and the list is never kept by hand.
//
// - Install: precache the app (shell, hashed JS/wasm/CSS, icons, manifest, the bundle, the
//   project list's part and the list pages) in a cache named after VERSION; a data file that
//   is no JSON fails the install, and the last good deploy stays. A new worker waits until the page's
//   "有更新，点击刷新" is accepted (message "skip-waiting"; a page already of this deploy sends it
//   at once), or until every tab is closed.
// - Activate: delete the caches of older versions; take over open pages. A page taken over
//   says what it had loaded before (message "keep"): that is cached too, for offline.
// - Navigations: the network first, checked with the host rather than the browser's cache
//   (answered within NAV_TIMEOUT_MS); offline, slow or failing,
//   the page as cached (this deploy's copy first), then the app shell, which renders any route
//   from the cached bundle. A page kept from an earlier deploy gets this deploy's data offline.
// - Data, bodies and images: from the cache, refreshed in the background (stale-while-
//   revalidate); anything else the site serves is cached as it is read, up to RUNTIME_MAX_*;
//   pages opened in a cache of their own, up to PAGES_MAX_ENTRIES.
//   An image neither cached nor reachable is a placeholder that says it needs the network.
'use strict';

const VERSION = '__VERSION__';
const BASE = '__BASE__';
const PRECACHE = __PRECACHE__;
const SHELL = BASE + '404.html';
const CACHE = 'parkreader-' + VERSION;
const RUNTIME = 'parkreader-runtime';
const RUNTIME_MAX_ENTRIES = 400;
// Pages the reader opened, in a cache of their own: a reader's searches bring hundreds of
// search shards and bodies for snippets, which pushed the pages read out of a shared cache.
const PAGES = 'parkreader-pages';
const PAGES_MAX_ENTRIES = 300;
const RUNTIME_MAX_BYTES = 50 * 1024 * 1024;
const NAV_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // Asked of the host, not taken from the browser's cache: a host that sends no
    // Cache-Control (nginx as installed) lets the browser reuse the last deploy's pages for
    // hours, and this deploy would have kept them offline until the next.
    await Promise.all(PRECACHE.map(async (path) => {
      const response = await fetch(path, { cache: 'no-cache' });
      if (!response.ok) throw new Error(`precache ${path}: HTTP ${response.status}`);
      // A deploy whose data is cut short (an upload that failed) does not install: this
      // worker would delete the last good deploy's, which readers offline read.
      if (path.endsWith('.json')) JSON.parse(await response.clone().text());
      await cache.put(path, await unredirected(response));
    }));
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
  else if (event.data && event.data.keep) event.waitUntil(keep(event.data.keep));
});

// What a page loaded before this worker took it over (its first visit): the page and the
// files it showed, kept as if they had come through the worker, so that they read offline.
async function keep({ pages, files }) {
  const [pageCache, fileCache] = await Promise.all([caches.open(PAGES), caches.open(RUNTIME)]);
  const ours = (href) => {
    try {
      const url = new URL(href);
      return url.origin === self.location.origin && url.pathname.startsWith(BASE) && url.pathname !== BASE + 'sw.js' ? url : null;
    } catch (_) {
      return null;
    }
  };
  const wanted = [
    ...(Array.isArray(pages) ? pages : []).map(ours).filter(Boolean).map((url) => [pageKey(url), pageCache]),
    ...(Array.isArray(files) ? files : []).slice(0, 300).map(ours).filter(Boolean).map((url) => [new Request(url.href), fileCache]),
  ];
  for (const [request, cache] of wanted) {
    if (await caches.match(request)) continue;
    try {
      const response = await fetch(request);
      if (response.ok && response.type === 'basic') await cache.put(request, await unredirected(response));
    } catch (_) {
      // Offline already, or gone: nothing to keep.
    }
  }
  await trimSoon();
}

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('parkreader-') && ![CACHE, RUNTIME, PAGES].includes(name)) {
        await caches.delete(name);
      }
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(BASE)) return;
  if (url.pathname === BASE + 'sw.js') return;
  if (request.mode === 'navigate') {
    event.respondWith(navigation(request, url));
  } else if (request.headers.has('range')) {
    return;
  } else {
    event.respondWith(asset(event, request));
  }
});

// The network, unless it fails or is slow; then the cached page; then the app shell.
async function navigation(request, url) {
  const key = pageKey(url);
  try {
    // Checked with the host, as at install (a reload asks so itself).
    const fresh = request.cache === 'default' ? new Request(request, { cache: 'no-cache' }) : request;
    const response = await withTimeout(fetch(fresh), NAV_TIMEOUT_MS);
    if (response.ok) {
      const copy = await unredirected(response.clone());
      caches.open(PAGES).then((cache) => cache.put(key, copy)).then(trimSoon);
      return response;
    }
    // A page the host no longer has (an article taken down) is not kept for offline reading.
    if (response.status === 404 || response.status === 410) {
      for (const name of [PAGES, RUNTIME]) caches.open(name).then((cache) => cache.delete(key));
    }
    // A page the host does not have: its 404.html, the app shell of this deploy, says so with the
    // site's links; where the host sends a 404 page of its own, the cached shell stands in. A
    // failing server falls back to the cache.
    if (response.status === 404 && !(await response.clone().text()).includes('<div id="app"')) {
      const shell = await caches.match(SHELL);
      return shell ? new Response(shell.body, { status: 404, statusText: 'Not Found', headers: shell.headers }) : response;
    }
    if (response.status < 500) return response;
  } catch (_) {
    // Offline or too slow: fall through to the cache.
  }
  // This deploy's copy first (the home and list pages are precached): a copy kept from an
  // earlier deploy names that deploy's data, which went with its cache.
  const ours = await caches.match(key, { cacheName: CACHE });
  if (ours) return ours;
  const kept = await caches.match(key);
  if (kept) return saidOlder(kept);
  // An attachment (a PDF the article links) not opened before: not a page the app could show
  // (the shell would say 页面不存在), but a file this device does not hold yet.
  if (/\.[^/]*$/.test(url.pathname) && !url.pathname.endsWith('.html')) {
    return new Response(OFFLINE_FILE, {
      status: 503,
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" },
    });
  }
  return (await caches.match(SHELL)) || new Response('离线，且此页面尚未缓存。', {
    status: 503,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
}

// A page kept from an earlier deploy (it names another deploy's data) shows that deploy's
// text and site: it says so above it, since the lists, from this deploy's data, may say
// otherwise (a title corrected, an article taken down).
async function saidOlder(response) {
  // (An attachment opened as a page is kept here too: its bytes are no text to rewrite.)
  if (!(response.headers.get('content-type') || '').includes('text/html')) return response;
  const html = await response.text();
  const data = PRECACHE.find((p) => p.startsWith(BASE + 'data/bundle-'));
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  const said = !data || html.includes(data) ? html : html.replace('<div id="app"', OLDER_COPY + '<div id="app"');
  return new Response(said, { status: response.status, statusText: response.statusText, headers });
}

const OLDER_COPY = '<div class="wrap"><p class="notice" role="status">本页是本机保存的旧版本，网站此后已更新；网络通畅时刷新即可看到最新内容。</p></div>';

const OFFLINE_FILE = '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
  '<title>离线：文件需联网下载</title></head><body style="font: 17px/1.7 system-ui, sans-serif; margin: 2rem auto; padding: 0 1rem; max-width: 36rem; color: #1f2937">' +
  '<h1 style="font-size: 1.3rem">此文件需联网下载</h1><p>它还没有保存在本机。连上网络后，再打开这个链接即可下载。</p>' +
  '<p lang="en">Offline: this file is not saved on this device yet. Open the link again when you are online.</p>' +
  '<p><a href="' + BASE + '">返回首页</a></p></body></html>';

// Precached files from the cache; everything else stale-while-revalidate. A request that
// asks for a fresh copy (the app's retry after bad data) goes to the network first and
// replaces what is cached.
async function asset(event, request) {
  const url = new URL(request.url);
  if (request.cache === 'no-cache' || request.cache === 'reload') {
    try {
      const response = await fetch(request);
      if (response.ok) {
        const name = (await caches.open(CACHE).then((c) => c.match(request))) ? CACHE : RUNTIME;
        await (await caches.open(name)).put(request, response.clone());
      }
      return response;
    } catch (_) {
      // Offline: whatever is cached is better than nothing.
    }
  }
  const precached = await caches.match(request, { cacheName: CACHE });
  if (precached) return precached;
  const cached = await caches.match(request, { cacheName: RUNTIME });
  // The page has the response at once; storing it (and trimming, at most every few seconds)
  // goes on after. Awaited, a trim of 400 entries held every download for half a second.
  const refresh = fetch(request).then((response) => {
    if (response.ok && response.type === 'basic') {
      const copy = response.clone();
      event.waitUntil(caches.open(RUNTIME).then((cache) => cache.put(request, copy)).then(trimSoon));
    }
    return response;
  });
  if (cached) {
    event.waitUntil(refresh.catch(() => {}));
    return cached;
  }
  // An image never seen, offline: a grey box that says so, in the place the page keeps for it
  // (no size of its own, so the page's width and height hold), not a broken-image icon.
  return refresh.catch(async (error) => {
    const standIn = await thisDeploys(url);
    if (standIn) return standIn;
    if (request.destination !== 'image') throw error;
    return new Response(OFFLINE_IMAGE, { headers: { 'content-type': 'image/svg+xml' } });
  });
}

// A page kept from an earlier deploy (in PAGES, for offline reading) names that deploy's data
// files (`data/bundle-<hash>.json`), which went with its cache: offline, this deploy's file of
// the same kind answers instead. The app reads any bundle, and the newer is what the site has.
async function thisDeploys(url) {
  const kind = /^data\/([a-z]+)-[0-9a-f]+\.json$/.exec(url.pathname.slice(BASE.length));
  if (!kind) return null;
  const path = PRECACHE.find((p) => p.startsWith(BASE + 'data/' + kind[1] + '-') && p.endsWith('.json'));
  return path ? caches.match(path, { cacheName: CACHE }) : null;
}

const OFFLINE_IMAGE = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="100%" height="100%" fill="#e8eaef"/>' +
  '<text x="50%" y="50%" text-anchor="middle" dominant-baseline="middle" font-family="sans-serif" font-size="14" fill="#596172">离线：图片联网后显示 · Offline</text></svg>';

// Pages are cached without their query: a filtered list is the list page, filtered by the app.
// A page's folder address (`/articles/x/`, what the site links) is its key, however it was
// asked for (`/articles/x`, an old link; `/articles/x/index.html`).
function pageKey(url) {
  let path = url.pathname.endsWith('/index.html')
    ? url.pathname.slice(0, -'index.html'.length)
    : url.pathname;
  if (!path.endsWith('/') && !/\.[^/]*$/.test(path)) path += '/';
  return new Request(url.origin + path);
}

// A response that followed a redirect (a host sending /articles to /articles/) cannot answer a
// navigation; the same body and headers without the redirect can.
async function unredirected(response) {
  if (!response.redirected) return response;
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers: response.headers });
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

// Trims the caches a few seconds after the first of a burst of stores (a search stores twenty
// files): reading every entry's size takes a moment. A store made while a trim is already
// reading the caches is not in what it read: the trim runs once more after it (without that,
// the last files of a long burst stayed over the cap until the next store).
let trimming = null;
let stored = false;
function trimSoon() {
  stored = true;
  trimming ??= (async () => {
    try {
      while (stored) {
        await new Promise((resolve) => setTimeout(resolve, TRIM_DELAY_MS));
        stored = false;
        await trim(RUNTIME, RUNTIME_MAX_ENTRIES);
        await trim(PAGES, PAGES_MAX_ENTRIES);
      }
    } finally {
      trimming = null;
    }
  })();
  return trimming;
}
const TRIM_DELAY_MS = 3000;

// Oldest first out, until the cache `name` is within `maxEntries` and the byte cap.
async function trim(name, maxEntries) {
  const cache = await caches.open(name);
  const keys = await cache.keys();
  let bytes = 0;
  const sizes = [];
  for (const key of keys) {
    const response = await cache.match(key);
    const size = Number(response?.headers.get('content-length')) || 0;
    sizes.push(size);
    bytes += size;
  }
  let i = 0;
  while (i < keys.length && (keys.length - i > maxEntries || bytes > RUNTIME_MAX_BYTES)) {
    bytes -= sizes[i];
    await cache.delete(keys[i]);
    i += 1;
  }
}
