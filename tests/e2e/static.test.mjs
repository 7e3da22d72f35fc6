// Shared links on any static host: every route is a real page with its content, readable
// without JavaScript or WebAssembly, and the app takes it over without moving anything.
// The server here has no single-page-app fallback: only files and 404.html, like a plain host.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { expect } from './expect.mjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ROOT, SAMPLE, serve, launch, newPage, holdRequests, until } from './support.mjs';

let server, browser;
before(async () => { [server, browser] = await Promise.all([serve(DIST, { spa: false }), launch()]); });
after(async () => { await browser?.close(); server?.stop(); });

const article = SAMPLE.articles.find((a) => a.body && a.cover) ?? SAMPLE.articles.find((a) => a.body);
const firstParagraph = article.body.find((b) => b.type === 'paragraph').text;

test('with JavaScript off an article is readable: title, byline, body, contact, navigation', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const response = await page.goto(`${server.url}/articles/${article.id}`);
  assert.equal(response.status(), 200);
  await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
  await expect(page.getByText(firstParagraph)).toBeVisible();
  await expect(page.getByText(/^未启用 JavaScript：本页内容可以阅读；搜索、筛选/)).toBeVisible();
  await expect(page.locator('.byline time')).toBeVisible();
  await expect(page.getByRole('link', { name: SAMPLE.site.contact.hotline })).toHaveAttribute('href', /^tel:/);
  assert.match(await page.title(), new RegExp(`${SAMPLE.site.name}$`));
  // Controls that only the app works are not shown doing nothing, nor the saved list, which is
  // on the device.
  for (const name of [/收藏/, /分享/, 'English']) {
    await expect(page.getByRole('button', { name })).toHaveCount(0);
  }
  await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '收藏' })).toHaveCount(0);
  // The note stands clear of the screen's edge.
  const note = page.getByText(/^未启用 JavaScript：本页内容可以阅读/);
  assert.ok(parseFloat(await note.evaluate((p) => getComputedStyle(p).paddingLeft)) >= 12);
  // Plain links lead on without JavaScript.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '项目' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '投资项目' })).toBeVisible();
  await expect(page.getByText(SAMPLE.projects[0].name).first()).toBeVisible();
  await expect(page.getByRole('searchbox')).toHaveCount(0);
  await expect(page.getByRole('checkbox')).toHaveCount(0);
  // A shared filtered link cannot be applied: the list says it is the whole list, not the
  // link's view, and what needs JavaScript. (A list too long for its page says it is the
  // first page: the e2e test of a generated site of several pages.)
  await page.goto(`${server.url}/projects?industry=${SAMPLE.projects[0].industry}`);
  await expect(page.getByText(/^未启用 JavaScript：这里是全部列表，链接中的搜索、筛选和排序不起作用/)).toBeVisible();
  await expect(page.locator('.project-card:visible')).toHaveCount(SAMPLE.projects.length);
  await page.goto(`${server.url}/articles?q=${encodeURIComponent('碳纤维')}`);
  await expect(page.getByText(/^未启用 JavaScript：这里是全部列表，/)).toBeVisible();
  // The saved page is a page of the site (200), though what it lists is on the device.
  const saved = await page.goto(`${server.url}/saved`);
  assert.equal(saved.status(), 200);
  await expect(page.getByRole('heading', { level: 1, name: '收藏与离线' })).toBeVisible();
  // It says where they are and what it takes to see them, not 「正在读取本机保存的内容…」
  // for ever, and no buttons that do nothing; nor does any page's footer promise offline
  // reading, which needs the app's service worker.
  await expect(page.getByText(/^未启用 JavaScript：收藏和浏览记录保存在这台设备的浏览器里，启用 JavaScript 后才能查看/)).toBeVisible();
  await expect(page.getByText('正在读取本机保存的内容…').first()).toBeHidden();
  await expect(page.getByRole('heading', { name: '我的收藏' })).toBeHidden();
  await expect(page.getByRole('button', { name: '导出收藏文件' })).toHaveCount(0);
  await expect(page.getByText('看过的内容断网后仍可阅读。')).toBeHidden();
  await context.close();
});

test('an article\'s address on the old site leads to its page, with JavaScript and without', async () => {
  // content/articles/baling-thermoplastic-elastomer-project.md lists it in `aliases`.
  const moved = SAMPLE.articles.find((a) => a.id === 'baling-thermoplastic-elastomer-project');
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${server.url}/art/2023/2/16/art_1234_56789.html`);
    await page.waitForURL(`${server.url}/articles/${moved.id}/`);
    await expect(page.getByRole('heading', { level: 1, name: moved.title })).toBeVisible();
    await context.close();
  }
  // As a chat shows it, with its full stop glued on, or in capitals: the page meant.
  const page = await newPage(browser);
  for (const old of ['/art/2023/2/16/art_1234_56789.html。', '/art/2023/2/16/ART_1234_56789.HTML）', '/ART/2023/2/16/art_1234_56789.html']) {
    await page.goto(server.url + old);
    await page.waitForURL(`${server.url}/articles/${moved.id}/`);
    await expect(page.getByRole('heading', { level: 1, name: moved.title })).toBeVisible();
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a shared link paints styled from its page alone: no stylesheet to wait for', async () => {
  // A webview on a slow network: until the page has painted, every other request is lost.
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: 'zh-CN', colorScheme: 'light' });
  const page = await context.newPage();
  const others = [];
  await page.route('**/*', (route) => {
    if (route.request().resourceType() === 'document') return route.continue();
    others.push(route.request().url());
    return route.abort();
  });
  await page.goto(`${server.url}/articles/${article.id}`);
  await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
  const header = await page.getByRole('banner').evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(header, 'rgb(11, 92, 171)', 'the header in the brand colour');
  assert.deepEqual(others.filter((url) => /\.css(\?|$)/.test(url)), [], 'no stylesheet requested');
  await context.close();
});

test('each page carries its own title, description, canonical link and Open Graph tags', async () => {
  const html = await (await fetch(`${server.url}/articles/${article.id}`)).text();
  const base = SAMPLE.site.base_url.replace(/\/$/, '');
  const tag = (name, attr) => html.match(new RegExp(`<(?:link|meta)[^>]*${attr}="${name}"[^>]*>`))?.[0] ?? '';
  const value = (t, attr) => t.match(new RegExp(`${attr}="([^"]*)"`))?.[1];
  assert.equal(value(tag('canonical', 'rel'), 'href'), `${base}/articles/${article.id}/`);
  assert.equal(value(tag('og:title', 'property'), 'content'), article.title);
  assert.equal(value(tag('og:url', 'property'), 'content'), `${base}/articles/${article.id}/`);
  assert.equal(value(tag('description', 'name'), 'content'), article.summary);
  assert.equal(value(tag('name', 'itemprop'), 'content'), article.title);
  assert.equal((html.match(/<title>/g) ?? []).length, 1, 'exactly one <title>');
  // Feed readers given the site find its Atom feed.
  const feed = tag('application/atom\\+xml', 'type');
  assert.equal(value(feed, 'href'), '/feed.xml');
  assert.equal(value(feed, 'title'), SAMPLE.site.name);
  assert.ok((await fetch(`${server.url}/feed.xml`)).ok);
  // A share card's picture: absolute, never an SVG (WeChat shows none), and there.
  for (const path of [`/articles/${article.id}/`, '/', '/projects/']) {
    const page = await (await fetch(server.url + path)).text();
    const image = value(page.match(/<meta[^>]*property="og:image"[^>]*>/)?.[0] ?? '', 'content');
    assert.ok(image?.startsWith(`${base}/`), `og:image of ${path} is absolute: ${image}`);
    assert.ok(!/\.svg$/i.test(image), `og:image of ${path} is no SVG: ${image}`);
    assert.ok((await fetch(server.url + image.slice(base.length))).ok, image);
  }
});

test('deep links, filtered lists and unknown paths all open on a host without rewrites', async () => {
  const page = await newPage(browser);
  const project = SAMPLE.projects[1];
  await page.goto(`${server.url}/projects/${project.id}`);
  await expect(page.getByRole('heading', { level: 1, name: project.name })).toBeVisible();
  // A list's name typed in the singular, as a hand writes it: the page meant.
  await page.goto(`${server.url}/project/${project.id}`);
  await page.waitForURL(`${server.url}/projects/${project.id}/`);
  await expect(page.getByRole('heading', { level: 1, name: project.name })).toBeVisible();
  await page.goto(`${server.url}/Category/${SAMPLE.taxonomies.categories[0].id}`);
  await page.waitForURL(`${server.url}/categories/${SAMPLE.taxonomies.categories[0].id}/`);
  // A filtered list: the static /articles page, then the app applies the query.
  const category = SAMPLE.taxonomies.categories[1];
  const count = SAMPLE.articles.filter((a) => a.category === category.id).length;
  await page.goto(`${server.url}/articles?category=${category.id}`);
  await expect(page.getByText(`共 ${count} 篇`)).toBeVisible();
  // A link to a page's file by name is that page, not an unknown one, once the app runs too.
  await page.goto(`${server.url}/projects/index.html?industry=${SAMPLE.projects[0].industry}`);
  await page.locator('#app:not([data-prerendered])').waitFor();
  await expect(page.getByRole('heading', { level: 1, name: '投资项目' })).toBeVisible();
  assert.equal(new URL(page.url()).pathname, '/projects/');
  await expect(page.getByRole('heading', { level: 1, name: '页面不存在' })).toHaveCount(0);
  // Doubled slashes, as a hand-edited link or a host leaves them: the same list, on this site.
  await page.goto(`${server.url}//articles//index.html?category=${category.id}`);
  await page.locator('#app:not([data-prerendered])').waitFor();
  await expect(page.getByText(`共 ${count} 篇`)).toBeVisible();
  assert.equal(new URL(page.url()).pathname, '/articles/');
  // No file at all: 404.html starts the app, which says what is missing.
  const response = await page.goto(`${server.url}/articles/${article.id}/nope`);
  assert.equal(response.status(), 404);
  await expect(page.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the app takes over a prerendered page without moving anything', async () => {
  // The takeover replaces the static nodes, so the browser's layout-shift entries (which follow
  // nodes that move) would not see a line that wraps differently and pushes the text down: compare
  // where things are on the static page and on the live one, on phones of two widths.
  const place = (page) => page.evaluate(() => [...document.querySelectorAll('#app h1, #app h2, #app p, #app li, #app time')]
    .map((e) => { const r = e.getBoundingClientRect(); return `${e.tagName} ${Math.round(r.top)} ${Math.round(r.height)}`; }));
  for (const width of [360, 412]) {
    const viewport = { width, height: 800 };
    const still = await newPage(browser, { javaScriptEnabled: false, viewport });
    await still.goto(`${server.url}/articles/${article.id}`);
    // What the page says to readers without JavaScript, which a reader with it never sees, goes;
    // the controls it hides from them, which a reader with it sees at once, show.
    await still.evaluate(() => {
      document.querySelectorAll('noscript').forEach((n) => n.remove());
      document.documentElement.setAttribute('data-js', '');
    });
    const live = await newPage(browser, { viewport });
    await live.addInitScript(() => {
      window.__cls = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await live.goto(`${server.url}/articles/${article.id}`);
    // Taken over: the running app knows today, and says how long ago the article was published.
    await expect(live.locator('.byline time')).toHaveAttribute('title', /前|今天|昨天/);
    await live.waitForTimeout(300);
    assert.deepEqual(await place(live), await place(still), `at ${width} px`);
    const cls = await live.evaluate(() => window.__cls);
    assert.ok(cls < 0.02, `cumulative layout shift ${cls}`);
    await still.context().close();
    await live.context().close();
  }
});

test('a shared list asks for its data with the page, not after the app, and downloads it once', async () => {
  for (const [path, file] of [['/articles/', '/data/bundle-'], ['/projects/', '/data/projects-']]) {
    const page = await newPage(browser);
    const asked = [];
    page.on('request', (r) => {
      const at = new URL(r.url()).pathname;
      if (at.startsWith('/data/') || at.endsWith('.wasm')) asked.push(at);
    });
    await page.goto(server.url + path);
    await page.locator('#app:not([data-prerendered])').waitFor();
    await expect(page.getByRole('search')).toBeVisible();
    // The app's own request is the one the page began (the same mode and credentials), so the
    // file is fetched once, and before the app's code.
    const data = asked.filter((p) => p.startsWith(file));
    assert.equal(data.length, 1, `${path}: ${asked.join(', ')}`);
    assert.ok(asked.indexOf(data[0]) < asked.findIndex((p) => p.endsWith('.wasm')), `${path}: ${asked.join(', ')}`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('a tap held on a static link while the app arrives still follows the link', async () => {
  // A slow app: the list is on screen, and the reader's finger is down on a title just as the
  // app's code and data arrive. The takeover waits for it to lift; otherwise the press landed
  // on the static link and the release on the app's copy, and the tap went nowhere.
  const page = await newPage(browser, { serviceWorkers: 'block' });
  const wasm = await holdRequests(page, '**/*.wasm');
  await page.goto(`${server.url}/articles`);
  const target = SAMPLE.articles[0];
  const link = page.locator('#app[data-prerendered]').getByRole('link', { name: target.title, exact: true }).first();
  await link.scrollIntoViewIfNeeded();
  const box = await link.boundingBox();
  await page.mouse.move(box.x + 8, box.y + box.height / 2);
  await page.mouse.down();
  wasm.release();
  // The app has all it needs and holds the takeover back while the finger is down.
  await page.locator('#app[data-prerendered][data-takeover-waits]').waitFor();
  await page.mouse.up();
  await page.waitForURL(`${server.url}/articles/${target.id}/`);
  await expect(page.getByRole('heading', { level: 1, name: target.title })).toBeVisible();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the static page stays the largest paint: the takeover is never reported as one', async () => {
  // Chromium reports a paint's largest-contentful-paint candidate only once the frame is shown;
  // a takeover before then made the app's copy of the text the largest paint, after the app's
  // download, and the static paint was never reported (about half the runs, before the app
  // waited for the report).
  for (const path of ['/', `/articles/${article.id}`, '/articles']) {
    for (let run = 0; run < 3; run++) {
      const page = await newPage(browser, { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75 });
      await page.addInitScript(() => {
        window.__lcp = [];
        new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__lcp.push(e.startTime); })
          .observe({ type: 'largest-contentful-paint', buffered: true });
        new MutationObserver(() => {
          if (!document.getElementById('app')?.hasAttribute('data-prerendered')) window.__takeover ??= performance.now();
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-prerendered'] });
      });
      await page.goto(server.url + path);
      await page.locator('#app:not([data-prerendered])').waitFor();
      await page.waitForTimeout(300);
      const { lcp, takeover, wasm } = await page.evaluate(() => ({
        lcp: window.__lcp,
        takeover: window.__takeover,
        wasm: performance.getEntriesByType('resource').find((e) => e.name.endsWith('_bg.wasm'))?.startTime,
      }));
      // The wasm, the largest download, starts once the static page is on screen.
      assert.ok(lcp[0] < wasm, `${path}: largest paint at ${lcp[0]} ms, wasm requested at ${wasm} ms`);
      // The static page's paint is reported before the takeover (an image that finishes later
      // may rightly be a later, larger paint).
      assert.ok(lcp.length > 0 && lcp[0] < takeover, `${path}: largest paints at ${lcp} ms, takeover at ${takeover} ms`);
      await page.context().close();
    }
  }
});

test('in a browser that reports no paints (older webviews) the app still takes over', async () => {
  const page = await newPage(browser);
  await page.addInitScript(() => { delete window.PerformanceObserver; });
  await page.goto(`${server.url}/articles/${article.id}`);
  await page.locator('#app:not([data-prerendered])').waitFor({ timeout: 10000 });
  await expect(page.locator('.byline time')).toHaveAttribute('title', /前|今天|昨天/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('without WebAssembly the static page stays readable, and says what does not work', async () => {
  const page = await newPage(browser);
  await page.addInitScript(() => { delete window.WebAssembly; });
  await page.goto(`${server.url}/articles/${article.id}`);
  await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
  await expect(page.getByText(firstParagraph)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText(/^功能未能加载，搜索、筛选和收藏暂不可用。\s*重试$/);
  await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
  await expect(page.getByText('看过的内容断网后仍可阅读。')).toHaveCount(0);
  // The saved page: the notice, and not 「正在读取本机保存的内容…」 for ever.
  await page.goto(`${server.url}/saved`);
  await expect(page.getByRole('alert')).toHaveText(/^功能未能加载，搜索、筛选和收藏暂不可用。\s*重试$/);
  await expect(page.getByText('正在读取本机保存的内容…')).toHaveCount(0);
  await expect(page.getByRole('button', { name: '导出收藏文件' })).toHaveCount(0);
  await page.context().close();
});

test('the notice that the app did not load does not move what the reader is reading', async () => {
  const page = await newPage(browser, { serviceWorkers: 'block' });
  let fail;
  const failed = new Promise((r) => { fail = r; });
  await page.route('**/*.wasm', async (route) => { await failed; await route.abort(); });
  await page.goto(`${server.url}/articles/${article.id}`);
  // The reader has scrolled down while the app's code was on its way.
  await page.mouse.wheel(0, 600);
  await page.waitForFunction(() => scrollY > 300);
  const line = page.locator('.prose p').nth(2);
  const top = await line.evaluate((p) => Math.round(p.getBoundingClientRect().top));
  fail();
  await expect(page.getByRole('alert')).toHaveText(/^功能未能加载/);
  assert.equal(await line.evaluate((p) => Math.round(p.getBoundingClientRect().top)), top);
  await page.context().close();
});

test('a filtered link whose app does not download shows its view, or else the whole list, says so, and retries', async () => {
  // The WeChat case on a failing network: the page arrived, the app's code did not. Before,
  // the page said it was opening the view for ever.
  const page = await newPage(browser, { serviceWorkers: 'block' });
  await page.route('**/*.wasm', (route) => route.abort());
  const industry = SAMPLE.projects[0].industry;
  const count = SAMPLE.projects.filter((p) => p.industry === industry).length;
  // The list is small enough for its page to hold it whole: the link's view shows all the same.
  await page.goto(`${server.url}/projects?industry=${industry}`);
  await expect(page.getByRole('alert')).toHaveText(/^功能未能加载，搜索、筛选和收藏暂不可用。\s*重试$/);
  await expect(page.getByText(`共 ${count} 个项目`)).toBeVisible();
  await expect(page.locator('.project-card')).toHaveCount(SAMPLE.projects.length); // the rest, hidden
  assert.equal(await page.locator('.card-grid').first().locator('.project-card').count(), count);
  assert.equal(await page.locator('.card-grid').first().evaluate((e) => getComputedStyle(e).opacity), '1');
  // What would do nothing is disabled: the search box, the filters, the order, the chips.
  await expect(page.getByRole('searchbox', { name: '搜索项目' })).toBeDisabled();
  await expect(page.getByRole('combobox', { name: '排序' })).toBeDisabled();
  await expect(page.getByRole('button', { name: /^移除 / })).toBeDisabled();
  await expect(page.getByText('正在按链接中的条件筛选…')).toBeHidden();
  // With what a chat glues on after the link (`。`, `、`, `.`, `”`): the same view, no value
  // said to be left out. (It showed the whole list, and said the value was not on the site.)
  for (const glued of ['。', '、', '.', '”']) {
    await page.goto(`${server.url}/projects?industry=${industry}${encodeURIComponent(glued)}&from=groupmessage`);
    await expect(page.getByText(`共 ${count} 个项目`)).toBeVisible();
    await expect(page.getByText(/已略去/)).toHaveCount(0);
  }
  // A search link: the static list shows as it is, not dimmed as if a search were pending.
  await page.goto(`${server.url}/articles?q=${encodeURIComponent('金山')}`);
  await expect(page.getByRole('alert')).toHaveText(/下面是全部列表，未按链接筛选/);
  await expect(page.getByText(`共 ${SAMPLE.articles.length} 篇`)).toBeVisible();
  assert.equal(await page.locator('.card-list').evaluate((e) => getComputedStyle(e).opacity), '1');
  await expect(page.getByText('正在按链接中的条件筛选…')).toBeHidden();
  // The box does not say 「金山」 over the whole list it did not search; and what does nothing
  // looks it (it was drawn as live as ever).
  const box = page.getByRole('searchbox', { name: '搜索文章' });
  await expect(box).toHaveValue('');
  assert.ok(Number(await box.evaluate((e) => getComputedStyle(e).opacity)) < 1);
  assert.equal(await page.getByRole('combobox', { name: '排序' }).evaluate((e) => getComputedStyle(e).cursor), 'not-allowed');
  // An address the host has no page for (its 404): the page says so, with the way on, and
  // the app that does not come adds no 「页面未能加载」 to it.
  const failed = page.waitForEvent('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource'));
  await page.goto(`${server.url}/articles/${SAMPLE.articles[0].id}/nope`);
  await expect(page.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible();
  await expect(page.getByRole('link', { name: '返回首页' })).toHaveAttribute('href', '/');
  await failed;
  await expect(page.getByText('页面未能加载')).toHaveCount(0);
  await expect(page.locator('.loading')).toHaveCount(0);
  const q = encodeURIComponent(SAMPLE.projects[0].investor);
  await page.goto(`${server.url}/projects?q=${q}&industry=${industry}`);
  await expect(page.getByRole('alert')).toHaveText(/下面是全部列表/);
  await page.unroute('**/*.wasm');
  await page.getByRole('button', { name: '重试' }).click();
  await expect(page.locator('.project-card').first()).toBeVisible();
  await expect(page.getByText(`共 ${SAMPLE.projects.length} 个项目`)).toBeHidden();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.context().close();
});

test('a list link as a chat or a phone keyboard bends it shows its view before the app: its order and page too', async () => {
  // The app's code does not come (a slow WeChat webview, for the first seconds): what shows is
  // the static page's early view of the link.
  const page = await newPage(browser, { serviceWorkers: 'block' });
  await page.route('**/*.wasm', (route) => route.abort());
  const counts = new Map();
  for (const p of SAMPLE.projects) counts.set(p.industry, (counts.get(p.industry) ?? 0) + 1);
  const [industry, count] = [...counts].sort((a, b) => b[1] - a[1])[0];
  assert.ok(count > 1);
  const shown = async () => {
    await expect(page.getByText(`共 ${count} 个项目`)).toBeVisible();
    await expect(page.getByText(/已略去/)).toHaveCount(0);
    return {
      names: await page.locator('.card-grid').first().locator('.project-card h3').allTextContents(),
      sort: await page.getByRole('combobox', { name: '排序' }).inputValue(),
    };
  };
  await page.goto(`${server.url}/projects/?industry=${industry}&sort=amount`);
  const meant = await shown();
  assert.equal(meant.sort, 'amount');
  for (const bent of [
    // A chat's punctuation after the order: it was the list in newest order, 最新 in the box.
    `?industry=${industry}&sort=amount${encodeURIComponent('）')}`,
    `?industry=${industry}&sort=amount${encodeURIComponent('。')}&from=singlemessage`,
    // Full-width ＆ and ＝ of a Chinese keyboard: the whole list, or a value 「已略去」.
    `?industry${encodeURIComponent('＝')}${industry}${encodeURIComponent('＆')}sort=amount`,
    // An invisible character after a value or the order: 「已略去：产业：…」 for a value that looks right.
    `?industry=${industry}%E2%80%8B&sort=amount%E2%80%8B`,
  ]) {
    await page.goto(`${server.url}/projects/${bent}`);
    assert.deepEqual(await shown(), meant, bent);
  }
  // A full-width ？ for the ?: it was 「找不到这个项目」, the query read as a project's id.
  await page.goto(`${server.url}/projects/${encodeURIComponent('？')}industry=${industry}&sort=amount`);
  await until(page, () => location.search.startsWith('?industry='));
  assert.deepEqual(await shown(), meant);
  await page.context().close();
});

test('a picture on an article\'s first screen loads at once; those further down load as they come into view', async () => {
  // Loaded lazily, a picture at the top waited for the page's layout, and its largest paint with it.
  let checked = 0;
  for (const article of SAMPLE.articles) {
    const blocks = article.body ?? JSON.parse(readFileSync(join(ROOT, 'public', article.body_url), 'utf8')).blocks;
    const expected = blocks.map((b, n) => b.type === 'figure' && (n < 3 ? 'eager' : 'lazy')).filter(Boolean);
    if (!expected.length) continue;
    const html = await (await fetch(`${server.url}/articles/${article.id}/`)).text();
    const prose = html.slice(html.search(/<div [^>]*class="prose"/));
    const shown = [...prose.slice(0, prose.indexOf('</div>')).matchAll(/<img[^>]* loading="(\w+)"/g)].map((m) => m[1]);
    assert.deepEqual(shown, expected, article.id);
    checked += expected.includes('eager') ? 1 : 0;
  }
  assert.ok(checked > 0, 'no article starts with a picture');
});
