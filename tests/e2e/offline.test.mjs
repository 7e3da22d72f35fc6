// Reading offline after one visit, safe updates when a new build is deployed, and the saved
// copy where there is no service worker. A real service worker, from the built site, over a
// real static server; the network is cut with the browser's own offline switch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, extname, join } from 'node:path';
import { expect } from './expect.mjs';
import { BIN, ROOT, SAMPLE, bundleFile, copyOfDist, serve, launch, newPage, until, openFilters } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function withSite(run) {
  const site = copyOfDist();
  const server = await serve(site.dir, { spa: false });
  try {
    await run(server, site.dir);
  } finally {
    server.stop();
    site.cleanup();
  }
}

/** Deploys a new build of the site in `dir`: the sample with its first article's title changed,
 * which it returns. */
function deployWithFirstTitleChanged(dir) {
  const next = structuredClone(SAMPLE);
  next.articles[0].title = `${SAMPLE.articles[0].title}（更新版）`;
  writeFileSync(join(dir, 'data', 'bundle.json'), JSON.stringify(next));
  cpSync(join(ROOT, 'public', 'data', 'articles'), join(dir, 'data', 'articles'), { recursive: true });
  execFileSync(BIN, ['prerender', dir]);
  return next.articles[0].title;
}

/** Waits until the service worker has installed everything and controls the page. */
async function controlled(page) {
  await page.locator('#app:not([data-prerendered])').waitFor();
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30000 });
}

/** A phone-sized page on `article`'s page, once the service worker controls it, with the
 * article bookmarked. */
async function bookmarkedUnderWorker(server, article) {
  const page = await newPage(browser);
  await page.goto(`${server.url}/articles/${article.id}`);
  await controlled(page);
  await page.getByRole('button', { name: '收藏' }).click();
  await expect(page.getByRole('button', { name: '已收藏' })).toBeVisible();
  return page;
}

test('after one visit the reader opens, navigates, searches and filters offline', async () => {
  await withSite(async (server) => {
    const article = SAMPLE.articles[3];
    const page = await bookmarkedUnderWorker(server, article);

    await page.context().setOffline(true);
    await expect(page.getByRole('status').filter({ hasText: /^离线$/ })).toBeVisible();
    // The deep link reloads.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
    await expect(page.getByRole('button', { name: '已收藏' })).toBeVisible();

    // An address the device does not know: offline, it may be newer than the last visit.
    await page.goto(`${server.url}/articles/published-after-the-visit`);
    await expect(page.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible();
    await expect(page.getByText(/现在没有网络：它可能是本机上次联网之后才发布的/)).toBeVisible();
    // A page never opened, by its address.
    const project = SAMPLE.projects[2];
    await page.goto(`${server.url}/projects/${project.id}`);
    await expect(page.getByRole('heading', { level: 1, name: project.name })).toBeVisible();
    // An image never loaded shows a placeholder that says it needs the network, not a broken
    // image: it decodes, and it has no size of its own, so the page's width and height hold.
    const cover = SAMPLE.projects.find((p) => p.cover)?.cover ?? SAMPLE.articles.find((a) => a.cover).cover;
    const placeholder = await page.evaluate(async (src) => {
      const img = new Image(640, 360);
      img.src = `${src}?never-loaded`;
      document.querySelector('main').append(img);
      return img.decode().then(() => true, () => false);
    }, cover.src);
    assert.equal(placeholder, true, 'the offline image decodes as the placeholder');

    // An article never opened whose text is a file of its own: a small site's are precached.
    const separate = SAMPLE.articles.find((a) => a.body_url && a.id !== article.id);
    const blocks = JSON.parse(readFileSync(join(ROOT, 'public', separate.body_url), 'utf8')).blocks;
    await page.goto(`${server.url}/articles/${separate.id}`);
    await expect(page.getByRole('heading', { level: 1, name: separate.title })).toBeVisible();
    await expect(page.getByText(blocks.find((b) => b.type === 'paragraph').text)).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);

    // Search and filter a list.
    await page.goto(`${server.url}/projects`);
    await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
    const box = page.getByRole('searchbox', { name: '搜索项目' });
    await box.fill('纤维');
    await expect(page.getByText('关键词：纤维')).toBeVisible();
    await openFilters(page);
    const industry = page.getByRole('group', { name: '产业' });
    const option = industry.locator('label:not(.disabled)').first();
    const name = (await option.locator('.facet-label').textContent()).trim();
    await option.getByRole('checkbox').check();
    await expect(page.getByText(`产业：${name}`)).toBeVisible();
    const shown = await page.locator('.project-card').count();
    const expected = SAMPLE.projects.filter((p) => JSON.stringify(p).includes('纤维') && SAMPLE.taxonomies.industries.find((i) => i.id === p.industry)?.name === name).length;
    assert.equal(shown, expected);

    // Article texts published as separate files are searched offline too: the sample's search
    // shards are precached.
    await page.goto(`${server.url}/articles?q=${encodeURIComponent('正式揭牌')}`);
    await expect(page.getByText('共 1 篇')).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);

    // The saved page lists the bookmark and the reading history.
    await page.goto(`${server.url}/saved`);
    await expect(page.getByRole('list', { name: '我的收藏' }).getByRole('link', { name: article.title })).toBeVisible();
    await expect(page.getByRole('list', { name: '最近阅读' }).getByRole('link', { name: project.name })).toBeVisible();
    await expect(page.getByText(/没有网络时也能浏览/)).toBeVisible();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

test('a page opened once, before the worker took over, is itself kept and reads offline', async () => {
  await withSite(async (server) => {
    // A link opened once from a chat: the page and what it shows arrive before any worker. The
    // link is an old one, without the slash the site now writes: the worker keeps the page
    // under the folder address, and finds it there for either.
    const page = await newPage(browser);
    const article = SAMPLE.articles.find((a) => a.body_url) ?? SAMPLE.articles[1];
    await page.goto(`${server.url}/articles/${article.id}`);
    await controlled(page);
    await until(page, async () => Boolean(await caches.match(location.pathname.replace(/\/?$/, '/'))));
    await page.context().setOffline(true);
    // Offline, the address gives that very page (with its text), not only the app shell.
    const response = await page.reload();
    assert.ok((await response.text()).includes(`>${article.title}</h1>`), 'the prerendered page was kept');
    await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

test('the files a reader\'s searches bring never push a page read out of what reads offline', async () => {
  await withSite(async (server) => {
    const page = await newPage(browser);
    const article = SAMPLE.articles.find((a) => a.body_url) ?? SAMPLE.articles[1];
    await page.goto(`${server.url}/articles/${article.id}/`);
    await controlled(page);
    await until(page, async () => Boolean(await caches.match(location.pathname)));
    // More files through the worker than its cache of files keeps (400), as the search shards
    // and snippet bodies of some forty searches are; each is answered at once.
    await page.evaluate(async (n) => {
      for (let i = 0; i < n; i++) await (await fetch(`/robots.txt?n=${i}`)).text();
    }, 450);
    // A few seconds later the cache of files is trimmed to its cap, oldest first.
    await until(page, async () => (await (await caches.open('parkreader-runtime')).keys()).length <= 400);
    await page.context().setOffline(true);
    const response = await page.reload();
    assert.ok((await response.text()).includes(`>${article.title}</h1>`), 'the page read is still kept');
    await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
    await page.context().close();
  });
});

test('offline, an attachment not downloaded before says it needs the network, not that the page does not exist', async () => {
  await withSite(async (server) => {
    const page = await newPage(browser);
    const article = SAMPLE.articles.find((a) => a.id === 'biomedicine-special-fund-application-guide-2022');
    await page.goto(`${server.url}/articles/${article.id}/`);
    await controlled(page);
    const attachment = page.locator('.prose').getByRole('link', { name: /申报指南（PDF/ });
    await expect(attachment).toBeVisible();
    const href = await attachment.getAttribute('href');
    await page.context().setOffline(true);
    // Opened as the link opens it: a navigation (in a tab of its own).
    const response = await page.goto(server.url + href);
    assert.equal(response.status(), 503);
    await expect(page.getByRole('heading', { level: 1, name: '此文件需联网下载' })).toBeVisible();
    await expect(page.getByText('页面不存在')).toHaveCount(0);
    await page.getByRole('link', { name: '返回首页' }).click();
    await expect(page.getByRole('heading', { level: 1, name: SAMPLE.site.name })).toBeVisible();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

test('offline, an attachment opened before is the same file, not rewritten as a page', async () => {
  await withSite(async (server, dir) => {
    // An attachment that downloads (a PDF shows in the browser's viewer), with bytes that are
    // no UTF-8 text.
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x80, 0x81, 0xc3, 0x28, 0x00, 0x7f, 0xe2, 0x82]);
    writeFileSync(join(dir, 'files', 'forms.zip'), bytes);
    const page = await newPage(browser);
    await page.goto(`${server.url}/`);
    await controlled(page);
    // Opened as a link opens it (a navigation), once online and once offline, from the
    // worker's pages kept.
    const fetched = async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.goto(`${server.url}/files/forms.zip`).catch(() => {})]);
      return readFileSync(await download.path());
    };
    assert.deepEqual(await fetched(), bytes);
    await page.context().setOffline(true);
    // Before, a kept page's older-copy check read the file as text and wrote it back: the
    // bytes that are no UTF-8 became U+FFFD.
    assert.deepEqual(await fetched(), bytes);
    await page.context().close();
  });
});

test('a page taken down is no longer kept for offline reading once the host says it is gone', async () => {
  await withSite(async (server, dir) => {
    const page = await newPage(browser);
    const article = SAMPLE.articles[3];
    await page.goto(`${server.url}/articles/${article.id}`);
    await controlled(page);
    await until(page, async () => Boolean(await caches.match(location.pathname.replace(/\/?$/, '/'))));
    // The publisher takes the article down; the reader follows the link again, online.
    rmSync(join(dir, 'articles', article.id), { recursive: true });
    const gone = await page.goto(`${server.url}/articles/${article.id}`);
    assert.equal(gone.status(), 404);
    // Its copy is gone from the worker's cache, which offline would have shown as if it were
    // still published (the next deploy's data no longer has it).
    await until(page, async () => !(await caches.match(location.pathname.replace(/\/?$/, '/'))));
    await page.context().close();
  });
});

test('after one visit, a bad link on a host with no 404 page of its own shows the site\'s not-found page', async () => {
  // A plain static server: files and folders' index.html, and for anything else a bare 404
  // of its own (as `python3 -m http.server` or a bucket without error-page settings).
  const site = copyOfDist();
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
    '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json',
    '.xml': 'application/xml', '.txt': 'text/plain', '.bin': 'application/octet-stream', '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp' };
  const server = createServer((req, res) => {
    let path = join(site.dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
    if (!existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('Error response 404: Nothing matches the given URI');
    }
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
    res.end(readFileSync(path));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}`;
  try {
    const page = await newPage(browser);
    await page.goto(url + '/');
    await controlled(page);
    // Without the worker, the host's own page (the first visit, or a browser without one).
    const plain = await (await fetch(url + '/articles/no-such-article')).text();
    assert.match(plain, /Nothing matches/);
    const response = await page.goto(url + '/articles/no-such-article');
    assert.equal(response.status(), 404);
    await expect(page.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible();
    await expect(page.getByText('找不到这篇文章')).toBeVisible();
    await page.getByRole('link', { name: '返回首页' }).click();
    await expect(page.getByRole('heading', { level: 1, name: SAMPLE.site.name })).toBeVisible();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    server.close();
    site.cleanup();
  }
});

test('a page loaded after a new deploy is that deploy: its worker takes over without offering an update', async () => {
  await withSite(async (server, dir) => {
    const page = await newPage(browser);
    const article = SAMPLE.articles[0];
    await page.goto(`${server.url}/articles/${article.id}`);
    await controlled(page);
    const oldCache = await page.evaluate(() => caches.keys().then((keys) => keys.find((k) => k !== 'parkreader-runtime')));
    assert.ok(oldCache, 'the first version\'s cache');
    // The publisher deploys a new build; the reader reloads, and the page comes from the
    // network with the new title.
    const newTitle = deployWithFirstTitleChanged(dir);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: newTitle })).toBeVisible();
    await page.locator('#app:not([data-prerendered])').waitFor();
    // The new worker installs, finds the page already its own, and takes over (its first act
    // is to drop the old version's cache): no offer to "update" to what is on screen.
    await until(page, (old) => caches.keys().then((keys) => !keys.includes(old)), oldCache);
    await expect(page.getByRole('button', { name: '有更新，点击刷新' })).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1, name: newTitle })).toBeVisible();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

test('after a new deploy, pages read before it open offline with the new deploy\'s data, not an error', async () => {
  await withSite(async (server, dir) => {
    const article = SAMPLE.articles[0];
    const page = await bookmarkedUnderWorker(server, article);
    // Read online: the article list and the saved page, each kept for offline reading, each
    // naming this deploy's index.
    for (const path of ['/articles/', '/saved']) {
      await page.goto(server.url + path);
      await page.locator('#app:not([data-prerendered])').waitFor();
      // Kept under its folder address (`/saved/`).
      await until(page, (p) => caches.open('parkreader-pages').then((c) => c.match(p.replace(/\/?$/, '/'))).then(Boolean), path);
    }
    const oldCache = await page.evaluate(() => caches.keys().then((keys) => keys.find((k) => /^parkreader-[0-9a-f]+$/.test(k))));
    // A new deploy; the reader opens the home page once, and its worker takes over.
    const newTitle = deployWithFirstTitleChanged(dir);
    await page.goto(server.url + '/');
    await until(page, (old) => caches.keys().then((keys) => !keys.includes(old)), oldCache);
    await page.context().setOffline(true);
    // The list: this deploy's page, and its data. Before, the copy kept from the first deploy
    // came first; its index had gone with the old cache: 「网络连接失败」 over the saved copy.
    await page.goto(server.url + '/articles/');
    await page.locator('#app:not([data-prerendered])').waitFor();
    await expect(page.getByRole('link', { name: newTitle })).toBeVisible();
    // The saved page is only the old deploy's copy: the new deploy's index answers its
    // request for the old one.
    await page.goto(server.url + '/saved');
    await expect(page.getByRole('list', { name: '我的收藏' }).getByRole('link', { name: newTitle })).toBeVisible();
    await expect(page.getByText('网络连接失败')).toHaveCount(0);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

test('on a host that sends no Cache-Control, a new deploy is what the worker shows and keeps, not the browser\'s copy of the last', async () => {
  // A host as nginx is installed: each file's date, nothing about caching. The browser may then
  // reuse a page without asking for a tenth of its age: hours, for a site deployed days ago.
  const site = copyOfDist();
  const daysAgo = (Date.now() - 3 * 86400e3) / 1000;
  const backdate = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) backdate(path);
      utimesSync(path, daysAgo, daysAgo);
    }
  };
  backdate(site.dir);
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
    '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json',
    '.bin': 'application/octet-stream', '.png': 'image/png' };
  const server = createServer((req, res) => {
    let path = join(site.dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
    const found = existsSync(path) && statSync(path).isFile();
    if (!found) path = join(site.dir, '404.html');
    res.writeHead(found ? 200 : 404, {
      'content-type': types[extname(path)] ?? 'application/octet-stream',
      'last-modified': statSync(path).mtime.toUTCString(),
    });
    res.end(readFileSync(path));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}`;
  try {
    const page = await newPage(browser);
    await page.goto(url + '/articles/');
    await controlled(page);
    await page.goto(url + '/');
    await page.locator('#app:not([data-prerendered])').waitFor();
    const oldCache = await page.evaluate(() => caches.keys().then((keys) => keys.find((k) => /^parkreader-[0-9a-f]+$/.test(k))));
    const newTitle = deployWithFirstTitleChanged(site.dir);
    const newBundle = '/data/' + basename(bundleFile(site.dir));
    // Online, the list the worker answers is the new deploy's.
    await page.goto(url + '/articles/');
    await expect(page.getByRole('link', { name: newTitle })).toBeVisible();
    // The new deploy's worker keeps, for offline, pages that name the new deploy's index.
    const kept = (old) => caches.keys().then(async (keys) => {
      const name = keys.find((k) => /^parkreader-[0-9a-f]+$/.test(k) && k !== old);
      const cache = name && await caches.open(name);
      const pages = cache && await Promise.all(['/', '/articles/'].map((p) => cache.match(p)));
      return pages?.every(Boolean) ? Promise.all(pages.map((r) => r.text())) : null;
    });
    await until(page, kept, oldCache);
    for (const text of await page.evaluate(kept, oldCache)) {
      assert.match(text, new RegExp(`content="${newBundle}"`));
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    server.close();
    site.cleanup();
  }
});

test('the saved page says which saved items the site no longer has, and any entry can be removed', async () => {
  await withSite(async (server) => {
    const page = await newPage(browser);
    const article = SAMPLE.articles[0];
    // A bookmark of an article since taken down, beside one of an article still published.
    const library = { version: 1, history: [], bookmarks: [
      { kind: 'article', id: 'taken-down-2023', title: '已撤下的旧文章', at: 2 },
      { kind: 'article', id: article.id, title: article.title, at: 1 },
    ] };
    await page.addInitScript((text) => { if (!localStorage.getItem('parkreader:library')) localStorage.setItem('parkreader:library', text); }, JSON.stringify(library));
    await page.goto(`${server.url}/saved`);
    const list = page.getByRole('list', { name: '我的收藏' });
    await expect(list.getByText('已下线')).toBeVisible();
    await expect(list.getByText('已撤下的旧文章')).toBeVisible();
    await expect(list.getByRole('link', { name: '已撤下的旧文章' })).toHaveCount(0);
    await expect(list.getByRole('link', { name: article.title })).toBeVisible();
    await list.getByRole('button', { name: '移除：已撤下的旧文章' }).click();
    await expect(list.getByText('已撤下的旧文章')).toHaveCount(0);
    await expect(list.getByRole('link', { name: article.title })).toBeVisible();
    // Kept so on the device.
    await page.reload();
    await expect(page.getByRole('list', { name: '我的收藏' }).getByRole('link', { name: article.title })).toBeVisible();
    await expect(page.getByText('已撤下的旧文章')).toHaveCount(0);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

test('an article text the worker holds broken reads once the host has it right', async () => {
  await withSite(async (server, dir) => {
    const article = SAMPLE.articles.find((a) => a.body_url);
    const folder = join(dir, 'data', 'articles');
    const name = readdirSync(folder).find((f) => f.startsWith(`${article.id}-`) && f.endsWith('.json'));
    const good = readFileSync(join(folder, name), 'utf8');
    const page = await newPage(browser);
    await page.goto(`${server.url}/articles/`);
    await controlled(page);
    // The worker's copy is cut short (as one stored from a broken upload, since put right on
    // the host): a deploy whose files are broken when it installs does not install at all.
    await page.evaluate(async ([path, text]) => {
      for (const key of await caches.keys()) {
        const cache = await caches.open(key);
        if (await cache.match(path)) await cache.put(path, new Response(text, { headers: { 'content-type': 'application/json' } }));
      }
    }, [`/data/articles/${name}`, good.slice(0, good.length / 2)]);
    await page.getByRole('main').getByRole('link', { name: article.title, exact: true }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
    // Before, 「正文加载失败：内容数据已下载，但格式有误」, and 重试 got the worker's copy again.
    const { blocks } = JSON.parse(good);
    const opening = blocks.find((b) => b.type === 'paragraph').text.slice(0, 20);
    await expect(page.getByText(opening).first()).toBeVisible();
    await expect(page.getByText(/正文加载失败/)).toHaveCount(0);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

test('the reading history clears at one tap, and the undo puts it back', async () => {
  await withSite(async (server) => {
    const page = await newPage(browser);
    const [a, b] = SAMPLE.articles;
    const library = { version: 1,
      bookmarks: [{ kind: 'article', id: a.id, title: a.title, at: 3 }],
      history: [{ kind: 'article', id: a.id, title: a.title, at: 2 }, { kind: 'article', id: b.id, title: b.title, at: 1 }] };
    await page.addInitScript((text) => { if (!localStorage.getItem('parkreader:library')) localStorage.setItem('parkreader:library', text); }, JSON.stringify(library));
    await page.goto(`${server.url}/saved`);
    const history = page.getByRole('list', { name: '最近阅读' });
    await expect(history.getByRole('link')).toHaveCount(2);
    await expect(page.getByRole('button', { name: '撤销' })).toHaveCount(0);
    await page.getByRole('button', { name: '清空阅读记录' }).click();
    await expect(page.getByText('已清空 2 条阅读记录。')).toBeVisible();
    await expect(page.getByText('还没有阅读记录。')).toBeVisible();
    await expect(page.getByRole('button', { name: '清空阅读记录' })).toHaveCount(0);
    // The bookmarks stay; the focus is on the undo, not lost to the page.
    await expect(page.getByRole('list', { name: '我的收藏' }).getByRole('link', { name: a.title })).toBeVisible();
    await expect(page.getByRole('button', { name: '撤销' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(history.getByRole('link')).toHaveCount(2);
    await expect(page.getByText('已恢复阅读记录。')).toBeVisible();
    await expect(page.getByRole('button', { name: '清空阅读记录' })).toBeFocused();
    await expect(page.getByRole('button', { name: '撤销' })).toHaveCount(0);
    // Cleared again, it stays so on the device.
    await page.getByRole('button', { name: '清空阅读记录' }).click();
    await expect(page.getByText('还没有阅读记录。')).toBeVisible();
    await page.reload();
    await expect(page.getByText('还没有阅读记录。')).toBeVisible();
    await expect(page.getByRole('list', { name: '我的收藏' }).getByRole('link', { name: a.title })).toBeVisible();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

test('a saved article its publisher renamed (with its old id in aliases) stays saved under its new address', async () => {
  await withSite(async (server, dir) => {
    // The publisher renames the first article's file and keeps its old address; the bundle
    // then names the old id (`moved`).
    const article = SAMPLE.articles[0];
    const renamed = `${article.id}-renamed`;
    const next = JSON.parse(JSON.stringify(SAMPLE).replaceAll(`"${article.id}"`, `"${renamed}"`));
    next.moved = { articles: { [article.id]: renamed } };
    writeFileSync(join(dir, 'data', 'bundle.json'), JSON.stringify(next));
    cpSync(join(ROOT, 'public', 'data', 'articles'), join(dir, 'data', 'articles'), { recursive: true });
    execFileSync(BIN, ['prerender', dir]);
    // A reader saved and read it under its old id.
    const page = await newPage(browser);
    const library = { version: 1,
      bookmarks: [{ kind: 'article', id: article.id, title: article.title, at: 2 }],
      history: [{ kind: 'article', id: article.id, title: article.title, at: 2 }] };
    await page.addInitScript((text) => { if (!localStorage.getItem('parkreader:library')) localStorage.setItem('parkreader:library', text); }, JSON.stringify(library));
    await page.goto(`${server.url}/saved`);
    // Before, 「已下线」 and no link.
    const list = page.getByRole('list', { name: '我的收藏' });
    const link = list.getByRole('link', { name: article.title });
    await expect(link).toBeVisible();
    await expect(page.getByText('已下线')).toHaveCount(0);
    await expect(page.getByRole('list', { name: '最近阅读' }).getByRole('link', { name: article.title })).toBeVisible();
    await link.click();
    await until(page, (path) => location.pathname === path, `/articles/${renamed}/`);
    await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
    // Its page knows it is saved: one tap would have saved it twice.
    await expect(page.getByRole('button', { name: '已收藏' })).toBeVisible();
    const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('parkreader:library')));
    assert.deepEqual(kept.bookmarks.map((e) => e.id), [renamed]);
    assert.deepEqual(kept.history.map((e) => e.id), [renamed]);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

test('an article a new deploy took down, opened from a list loaded before it, says the site changed, and the reload shows the site as it is now', async () => {
  await withSite(async (server, dir) => {
    // Where no service worker keeps the deploy the page came with (iOS webviews; any page on
    // a large site, whose bodies are not all kept), a body is fetched when its article opens.
    const page = await newPage(browser, { serviceWorkers: 'block' });
    await page.goto(server.url + '/articles/');
    await page.locator('#app:not([data-prerendered])').waitFor();
    // The list opens articles in place, with the data it has; the publisher takes the newest
    // down and deploys.
    const gone = [...SAMPLE.articles].filter((a) => a.body_url).sort((a, b) => b.published.localeCompare(a.published))[0];
    const link = page.getByRole('main').getByRole('link', { name: gone.title, exact: true }).first();
    await expect(link).toBeVisible();
    const next = structuredClone(SAMPLE);
    next.articles = next.articles.filter((a) => a.id !== gone.id);
    for (const p of next.projects) p.related_articles = (p.related_articles ?? []).filter((id) => id !== gone.id);
    writeFileSync(join(dir, 'data', 'bundle.json'), JSON.stringify(next));
    rmSync(join(dir, 'data', 'articles'), { recursive: true, force: true });
    cpSync(join(ROOT, 'public', 'data', 'articles'), join(dir, 'data', 'articles'), { recursive: true });
    rmSync(join(dir, 'data', 'articles', `${gone.id}.json`));
    rmSync(join(dir, 'articles', gone.id), { recursive: true, force: true });
    execFileSync(BIN, ['prerender', dir]);
    // The tab still has the old deploy's data: the article opens, its text is gone from the
    // host. Before, 「正文加载失败：服务器没有返回内容数据（HTTP 404）。请稍后重试。」 and a
    // retry that could only fail again.
    await link.click();
    await expect(page.getByRole('heading', { level: 1, name: gone.title })).toBeVisible();
    const alert = page.getByRole('alert').filter({ hasText: '网站内容已更新' });
    await expect(alert).toBeVisible();
    await expect(page.getByText('HTTP 404')).toHaveCount(0);
    await alert.getByRole('button', { name: '刷新页面' }).click();
    // The site as it is now: the article is no longer there, and the page says so.
    await expect(page.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible({ timeout: 30000 });
    await expect(page.getByText(/^找不到这篇文章/)).toBeVisible();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

test('a deploy whose data was cut short in the upload does not install, and the last good one still reads offline', async () => {
  await withSite(async (server, dir) => {
    const article = SAMPLE.articles[0];
    const page = await bookmarkedUnderWorker(server, article);
    deployWithFirstTitleChanged(dir);
    const broken = bundleFile(dir);
    for (const copy of ['.br', '.gz']) rmSync(broken + copy, { force: true });
    writeFileSync(broken, readFileSync(broken, 'utf8').slice(0, 5000));
    // The new worker's install: before, it installed, was offered, and once taken deleted the
    // last good deploy's files, so that offline the site said its data was broken.
    const state = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration.update();
      const worker = registration.installing;
      if (!worker) return 'nothing to install';
      return new Promise((done) => worker.addEventListener('statechange', () => {
        if (worker.state === 'installed' || worker.state === 'redundant') done(worker.state);
      }));
    });
    assert.equal(state, 'redundant');
    await expect(page.getByRole('button', { name: '有更新，点击刷新' })).toHaveCount(0);
    await page.context().setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: article.title, exact: true })).toBeVisible();
    await page.locator('#app:not([data-prerendered])').waitFor();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await page.goto(`${server.url}/articles/`);
    await expect(page.getByRole('main').getByRole('link', { name: article.title, exact: true }).first()).toBeVisible();
    await expect(page.getByText('内容数据有误')).toHaveCount(0);
    await page.context().close();
  });
});

test('offline, a page read before the last deploy says it is the older copy', async () => {
  await withSite(async (server, dir) => {
    const article = SAMPLE.articles[0];
    const page = await bookmarkedUnderWorker(server, article);
    // A new deploy corrects the article's title; the reader opens another page, which is the
    // new deploy's, and its worker takes over.
    const deploys = () => page.evaluate(async () => (await caches.keys()).filter((k) => /^parkreader-[0-9a-f]+$/.test(k)).join());
    const before = await deploys();
    const newTitle = deployWithFirstTitleChanged(dir);
    await page.goto(`${server.url}/`);
    await controlled(page);
    await until(page, async (old) => {
      const now = (await caches.keys()).filter((k) => /^parkreader-[0-9a-f]+$/.test(k));
      return now.length === 1 && now[0] !== old;
    }, before);
    await page.context().setOffline(true);
    // The list, from this deploy's data, has the new title; the page kept from before has the
    // old one, and said nothing of it.
    await page.goto(`${server.url}/articles/${article.id}/`);
    await expect(page.getByRole('heading', { level: 1, name: article.title, exact: true })).toBeVisible();
    await expect(page.getByText('本页是本机保存的旧版本')).toBeVisible();
    await page.locator('#app:not([data-prerendered])').waitFor();
    await expect(page.getByText('本页是本机保存的旧版本')).toBeVisible();
    // A page of this deploy says nothing of the kind.
    await page.goto(`${server.url}/articles/`);
    await expect(page.getByRole('main').getByRole('link', { name: newTitle }).first()).toBeVisible();
    await expect(page.getByText('本页是本机保存的旧版本')).toHaveCount(0);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

test('a new deploy is offered, switches only when accepted, and keeps bookmarks', async () => {
  await withSite(async (server, dir) => {
    const article = SAMPLE.articles[0];
    const page = await bookmarkedUnderWorker(server, article);

    // The publisher deploys a new build with a changed bundle into the served folder.
    const newTitle = deployWithFirstTitleChanged(dir);

    // The reader comes back to the tab: the page asks for updates and offers the new version,
    // but keeps showing what it showed until the reader agrees.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
    const prompt = page.getByRole('button', { name: '有更新，点击刷新' });
    await expect(prompt).toBeVisible({ timeout: 30000 });
    await expect(page.getByRole('heading', { level: 1, name: article.title, exact: true })).toBeVisible();

    await prompt.click();
    await expect(page.getByRole('heading', { level: 1, name: newTitle })).toBeVisible({ timeout: 30000 });
    await page.locator('#app:not([data-prerendered])').waitFor();
    await expect(page.getByRole('button', { name: '已收藏' })).toBeVisible();
    await expect(prompt).toBeHidden();
    // The bookmark, saved under the old title, is named as the site names the article now.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '收藏' }).click();
    await expect(page.getByRole('list', { name: '我的收藏' }).getByRole('link', { name: newTitle })).toBeVisible();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

test('a reader going from page to page in the app is offered a new deploy, not half an hour later', async () => {
  await withSite(async (server, dir) => {
    // The list holds every article and opens them in place, from the data it loaded.
    const page = await newPage(browser);
    await page.goto(`${server.url}/articles/`);
    await controlled(page);
    const newTitle = deployWithFirstTitleChanged(dir);
    // No tab switch, no reconnect: the reader opens an article from the list. (The page asked
    // only when it came back into view, reconnected, or every 30 minutes.)
    const article = SAMPLE.articles[3];
    await page.getByRole('main').getByRole('link', { name: article.title, exact: true }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
    const prompt = page.getByRole('button', { name: '有更新，点击刷新' });
    await expect(prompt).toBeVisible({ timeout: 30000 });
    // The prompt reloads the page: the next address is asked once that is done (asked at
    // once, the reload cut it off, net::ERR_ABORTED, when the deploy had taken longer).
    await Promise.all([page.waitForEvent('load'), prompt.click()]);
    await page.goto(`${server.url}/articles/`);
    await expect(page.getByRole('main').getByRole('link', { name: newTitle, exact: true }).first()).toBeVisible({ timeout: 30000 });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

test('without a service worker, a failed data load shows the copy saved on the device, and says so', async () => {
  await withSite(async (server) => {
    const page = await newPage(browser, { serviceWorkers: 'block' });
    await page.goto(`${server.url}/articles`);
    await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
    assert.equal(await page.evaluate(() => navigator.serviceWorker?.controller ?? null), null);

    // Second visit: the data cannot be fetched.
    await page.route('**/data/**', (route) => route.abort('internetdisconnected'));
    const project = SAMPLE.projects[1];
    await page.goto(`${server.url}/projects?q=${encodeURIComponent(project.name)}`);
    const notice = page.getByRole('status').filter({ hasText: '正在显示本机于' });
    await expect(notice).toBeVisible();
    assert.match(await notice.textContent(), /\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 保存的内容/);
    await expect(page.locator('.project-card .card-title', { hasText: project.name })).toBeVisible();

    // The network is back: retry shows the live data and the notice goes.
    await page.unroute('**/data/**');
    await notice.getByRole('button', { name: '重试' }).click();
    await expect(notice).toBeHidden();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

test('bookmarks and history export to a file and import on another device', async () => {
  await withSite(async (server) => {
    const page = await newPage(browser, { mobile: false });
    const article = SAMPLE.articles[5];
    const project = SAMPLE.projects[4];
    await page.goto(`${server.url}/articles/${article.id}`);
    await page.locator('#app:not([data-prerendered])').waitFor();
    await page.getByRole('button', { name: '收藏' }).click();
    await page.goto(`${server.url}/projects/${project.id}`);
    await page.locator('#app:not([data-prerendered])').waitFor();
    await page.getByRole('button', { name: '收藏' }).click();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '收藏' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出收藏文件' }).click(),
    ]);
    const file = await download.path();

    // Another browser: nothing saved, then the file is imported.
    const other = await newPage(browser, { mobile: false });
    await other.goto(`${server.url}/saved`);
    await expect(other.getByText('还没有收藏。', { exact: false })).toBeVisible();
    await other.getByText('导入收藏文件').setInputFiles(file);
    await expect(other.getByText('已导入 2 条收藏、2 条阅读记录。')).toBeVisible();
    const bookmarks = other.getByRole('list', { name: '我的收藏' }).getByRole('link');
    assert.deepEqual(await bookmarks.allTextContents(), [project.name, article.title]);
    // Importing the same file again adds nothing, and says why (「已导入 0 条收藏、0 条阅读记录。」
    // read as a failed import); a wrong file is refused with the reason.
    await other.getByText('导入收藏文件').setInputFiles(file);
    await expect(other.getByText('文件里的收藏和阅读记录，本机都已经有了，没有新增。')).toBeVisible();
    await other.getByText('导入收藏文件').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"version":9,"bookmarks":[],"history":[]}') });
    await expect(other.getByText('导入失败：收藏文件的版本 9 无法识别')).toBeVisible();
    // A file that is not one at all (a photo, a bundle) is told apart in words a reader knows.
    await other.getByText('导入收藏文件').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]) });
    await expect(other.getByText('导入失败：这不是本站导出的收藏文件，请选择用「导出收藏文件」保存的 .json 文件')).toBeVisible();
    assert.equal(await bookmarks.count(), 2);
    // The file edited by hand: a third item without its title, a fourth of an unknown kind.
    // What reads is imported and the rest counted (one such entry refused the whole file, as
    // not this site's).
    const edited = JSON.parse(readFileSync(file, 'utf8'));
    const third = SAMPLE.articles[7];
    edited.bookmarks.push({ kind: 'article', id: third.id, title: third.title, at: Date.now() }, { kind: 'article', id: 'x', at: 1 }, { kind: 'video', id: 'y', title: 'y', at: 1 });
    await other.getByText('导入收藏文件').setInputFiles({ name: 'edited.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(edited)) });
    await expect(other.getByText('已导入 1 条收藏、0 条阅读记录；另有 2 条无法读取，已跳过。')).toBeVisible();
    assert.equal(await bookmarks.count(), 3);
    assert.deepEqual([...page.errors, ...other.errors], []);
    await other.context().close();

    // A browser whose storage is full: the import is not kept, and it says so, leaving the
    // bookmarks as they were. (It said 已导入, and the import and every change after it were
    // gone on the next visit.)
    const full = await newPage(browser, { mobile: false });
    await full.goto(`${server.url}/saved`);
    await full.locator('#app:not([data-prerendered])').waitFor();
    await full.evaluate(() => {
      const set = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (key === 'parkreader:library' && value.length > 300) throw new DOMException('full', 'QuotaExceededError');
        return set.call(this, key, value);
      };
    });
    await full.getByText('导入收藏文件').setInputFiles(file);
    await expect(full.getByText('导入失败：这台设备的浏览器存储空间不足，没有保存；原有的收藏和阅读记录不变')).toBeVisible();
    await expect(full.getByText('还没有收藏。', { exact: false })).toBeVisible();
    assert.equal(await full.getByRole('list', { name: '我的收藏' }).count(), 0);
    await full.context().close();
    await page.context().close();
  });
});
