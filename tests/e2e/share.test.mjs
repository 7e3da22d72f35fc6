// Sharing: the canonical link of the exact view, copied or scanned, and the WeChat way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { expect } from './expect.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP, BIN, DIST, SAMPLE, serve, launch, newPage, holdRequests, openFilters } from './support.mjs';

let server, browser;
before(async () => { [server, browser] = await Promise.all([serve(DIST, { spa: false }), launch()]); });
after(async () => { await browser?.close(); server?.stop(); });

const base = SAMPLE.site.base_url.replace(/\/$/, '');

async function decodeQr(locator) {
  const png = PNG.sync.read(await locator.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.ok(code, 'a QR code was found in the picture');
  return code.data;
}

test('an article shares its canonical link: copy, and a QR code that scans to it', async () => {
  const page = await newPage(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const article = SAMPLE.articles[2];
  await page.goto(`${server.url}/articles/${article.id}`);
  await expect(page.locator('.byline time')).toHaveAttribute('title', /前|今天|昨天/); // the app has taken over
  await page.getByRole('button', { name: '分享' }).click();
  const sheet = page.getByRole('dialog', { name: '分享给朋友' });
  await expect(sheet).toBeVisible();
  // The page's folder address, which every static host serves without a redirect.
  const url = `${base}/articles/${article.id}/`;
  assert.equal(await sheet.getByRole('textbox', { name: '链接' }).inputValue(), url);
  await sheet.getByRole('button', { name: '复制链接' }).click();
  await expect(sheet.getByText('链接已复制')).toBeVisible();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);
  assert.equal(await decodeQr(sheet.getByRole('img', { name: '本页链接的二维码' })), url);
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a filtered list shares the filters with it', async () => {
  const page = await newPage(browser, { mobile: false });
  const industry = SAMPLE.projects[0].industry;
  await page.goto(`${server.url}/projects?industry=${industry}&sort=amount`);
  await expect(page.getByText(/^产业：/)).toBeVisible();
  await page.getByRole('button', { name: '分享' }).click();
  const sheet = page.getByRole('dialog', { name: '分享给朋友' });
  const url = `${base}/projects/?industry=${industry}&sort=amount`;
  assert.equal(await sheet.getByRole('textbox', { name: '链接' }).inputValue(), url);
  assert.equal(await decodeQr(sheet.getByRole('img', { name: '本页链接的二维码' })), url);
  await page.context().close();
});

test('the address bar a chat\'s link opened becomes the view\'s own, which WeChat\'s ··· shares', async () => {
  const page = await newPage(browser);
  const industry = SAMPLE.projects[0].industry;
  const unknown = 'no-such-district';
  // WeChat's parameters, a value in capitals with a full stop glued on, `&amp;`, a page past
  // the last, and a value the list does not have (which stays, with its notice).
  await page.goto(`${server.url}/projects?INDUSTRY=${industry.toUpperCase()}%E3%80%82&amp;page=99999&district=${unknown}&from=groupmessage&isappinstalled=0`);
  await expect(page.getByText(/^产业：/)).toBeVisible();
  await expect.poll(() => [...new URL(page.url()).searchParams].sort().join('&')).toBe(`district,${unknown}&industry,${industry}`);
  await expect(page.getByText(/已略去/)).toBeVisible();
  assert.deepEqual(page.errors, []);
  // Back leaves the list: the tidying replaced the entry, it added none.
  await page.goBack();
  assert.ok(!page.url().includes('/projects'), page.url());
  await page.context().close();
});

test('Back closes the share sheet and leaves the view behind it as it was', async () => {
  const page = await newPage(browser);
  const project = SAMPLE.projects[0];
  const industry = SAMPLE.taxonomies.industries.find((i) => i.id === project.industry);
  const district = SAMPLE.taxonomies.districts.find((d) => d.id === project.district);
  await page.goto(`${server.url}/projects`);
  await page.locator('#app:not([data-prerendered])').waitFor();
  await openFilters(page);
  await page.getByRole('group', { name: '产业' }).getByRole('checkbox', { name: new RegExp(`^${industry.name}`) }).check();
  await page.waitForURL(/industry=/);
  await page.getByRole('group', { name: '区域' }).getByRole('checkbox', { name: new RegExp(`^${district.name}`) }).check();
  await page.waitForURL(/district=/);
  const view = page.url();
  const sheet = page.getByRole('dialog', { name: '分享给朋友' });
  // The phone's back key (or WeChat's ‹) with the sheet open: the sheet closes, the view stays.
  await page.getByRole('button', { name: '分享' }).click();
  await expect(sheet).toBeVisible();
  await page.goBack();
  await expect(sheet).toBeHidden();
  assert.equal(page.url(), view);
  assert.ok(await page.getByRole('group', { name: '区域' }).getByRole('checkbox', { name: new RegExp(`^${district.name}`) }).isChecked());
  // Closed by its button, the sheet leaves no step behind: the next Back undoes the last filter.
  await page.getByRole('button', { name: '分享' }).click();
  await expect(sheet).toBeVisible();
  await sheet.getByRole('button', { name: '关闭' }).click();
  await expect(sheet).toBeHidden();
  assert.equal(page.url(), view);
  await page.goBack();
  await page.waitForURL((url) => !url.search.includes('district='));
  assert.match(page.url(), /industry=/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('in WeChat on a slow network the article is readable before the app loads, and sharing points to ···', async () => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN',
    userAgent: 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0.47.2560(0x28002F35) NetType/4G Language/zh_CN',
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  // Roughly a weak 3G link: 400 ms round trips, 400 kbit/s down.
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: 50 * 1024, uploadThroughput: 25 * 1024 });
  const article = SAMPLE.articles.find((a) => a.body);
  await page.goto(`${server.url}/articles/${article.id}`, { waitUntil: 'domcontentloaded' });
  await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
  await expect(page.getByText(article.body.find((b) => b.type === 'paragraph').text)).toBeVisible();
  assert.equal(await page.evaluate(() => typeof window.wasmBindings), 'undefined', 'the wasm is still on its way');
  // The reader scrolls while the app loads; the takeover keeps the place.
  await page.evaluate(() => window.scrollTo(0, 400));
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await expect(page.locator('.byline time')).toHaveAttribute('title', /前|今天|昨天/, { timeout: 60000 });
  const scrollY = await page.evaluate(() => window.scrollY);
  assert.ok(Math.abs(scrollY - 400) <= 2, `scroll position after the takeover: ${scrollY}`);
  // Once the app has arrived, sharing inside WeChat shows where the ··· menu is.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByRole('button', { name: '分享' }).click();
  await expect(page.getByText('点击右上角「···」')).toBeVisible();
  await context.close();
});

test('in WeChat on a tablet or a phone held sideways, the hint points at ··· and leaves the share sheet clear', async () => {
  // Where the sheet is a centred box, the hint sat inside it: over its title and link field,
  // its arrow pointing at the middle of the page.
  const article = SAMPLE.articles[0];
  for (const [width, height] of [[844, 390], [820, 1180], [1024, 768]]) {
    const context = await browser.newContext({
      viewport: { width, height }, isMobile: true, hasTouch: true, locale: 'zh-CN',
      userAgent: 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0.47.2560(0x28002F35) NetType/4G Language/zh_CN',
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/articles/${article.id}`);
    await page.locator('#app:not([data-prerendered])').waitFor();
    await page.getByRole('button', { name: '分享' }).click();
    const hint = page.getByText('点击右上角「···」');
    await expect(hint).toBeVisible();
    const box = await hint.boundingBox();
    const field = await page.getByRole('dialog', { name: '分享给朋友' }).getByRole('textbox', { name: '链接' }).boundingBox();
    const title = await page.getByRole('heading', { name: '分享给朋友' }).boundingBox();
    const size = `${width}×${height}`;
    assert.ok(box.x + box.width >= width - 24 && box.y <= 16, `${size}: the hint at the top right, not at ${JSON.stringify(box)}`);
    for (const [name, other] of [['title', title], ['link field', field]]) {
      assert.ok(box.y + box.height <= other.y || other.x + other.width <= box.x, `${size}: the hint covers the sheet's ${name}`);
    }
    // The link field takes a tap (the hint took it).
    await page.getByRole('textbox', { name: '链接' }).click();
    await expect(page.getByRole('textbox', { name: '链接' })).toBeFocused();
    await context.close();
  }
});

test('buttons tapped on the static page before the app has loaded are acted on once it has', async () => {
  // A slow network: the article is on screen, the app still downloading. The reader taps 收藏
  // twice (nothing seems to happen) and then 分享. No service worker: the second visit below is
  // in the same context, and a worker would hand it the wasm past the held request.
  const page = await newPage(browser, { serviceWorkers: 'block' });
  const wasm = await holdRequests(page, '**/*.wasm');
  const article = SAMPLE.articles[3];
  await page.goto(`${server.url}/articles/${article.id}`);
  const onStatic = page.locator('#app[data-prerendered]');
  // The … a tapped button shows takes no room: 「分享…」 wrapped onto a line of its own on a
  // list's bar and pushed the list down.
  const width = () => onStatic.getByRole('button', { name: '分享' }).evaluate((b) => b.getBoundingClientRect().width);
  const before = await width();
  await onStatic.getByRole('button', { name: '收藏' }).click();
  await onStatic.getByRole('button', { name: '收藏' }).click();
  await onStatic.getByRole('button', { name: '分享' }).click();
  await expect(onStatic).toHaveCount(1);
  // Each tapped button shows at once that it is waiting (分享…), as the reader expects of a tap.
  for (const name of ['收藏', '分享']) {
    const button = onStatic.getByRole('button', { name });
    await expect(button).toHaveAttribute('aria-busy', 'true');
    assert.equal(await button.evaluate((b) => getComputedStyle(b, '::after').content), '"…"');
  }
  assert.equal(await onStatic.locator('button[aria-busy]').count(), 2);
  assert.equal(await width(), before);
  await expect.poll(() => wasm.asked > 0).toBe(true);
  wasm.release();
  // Once: bookmarked (not bookmarked and unbookmarked), and the share sheet open.
  await expect(page.getByRole('button', { name: '已收藏' })).toBeVisible();
  const sheet = page.getByRole('dialog', { name: '分享给朋友' });
  await expect(sheet).toBeVisible();
  assert.equal(await sheet.getByRole('textbox', { name: '链接' }).inputValue(), `${SAMPLE.site.base_url}articles/${article.id}/`);
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(page.getByRole('button', { name: '分享' })).toBeFocused();

  // On the next visit the article is bookmarked already: the static page still says 收藏, and
  // a tap on it before the app loads must not take the bookmark away.
  const again = await page.context().newPage();
  again.errors = [];
  again.on('pageerror', (e) => again.errors.push(e.message));
  const wasmAgain = await holdRequests(again, '**/*.wasm');
  await again.goto(`${server.url}/articles/${article.id}`);
  await again.locator('#app[data-prerendered]').getByRole('button', { name: '收藏' }).click();
  wasmAgain.release();
  await again.locator('#app:not([data-prerendered])').waitFor();
  await expect(again.getByRole('button', { name: '已收藏' })).toBeVisible();
  await again.waitForTimeout(300);
  await expect(again.getByRole('button', { name: '已收藏' })).toBeVisible();
  assert.deepEqual(again.errors, []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('English and then share tapped before the app has loaded: the page turns English and the sheet opens', async () => {
  // The language switch rebuilds the page: the share button tapped after it is found afresh,
  // in English, not left as a button of the page before.
  const page = await newPage(browser, { serviceWorkers: 'block' });
  const wasm = await holdRequests(page, '**/*.wasm');
  const article = SAMPLE.articles[4];
  await page.goto(`${server.url}/articles/${article.id}`);
  const onStatic = page.locator('#app[data-prerendered]');
  await onStatic.getByRole('button', { name: 'English' }).click();
  await onStatic.getByRole('button', { name: '分享' }).click();
  await expect.poll(() => wasm.asked > 0).toBe(true);
  wasm.release();
  await expect(page.getByRole('dialog', { name: 'Share with a friend' })).toBeVisible();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  // One canonical link and one of each card tag: the app's, not the static page's besides.
  for (const tag of ['link[rel=canonical]', 'meta[name=description]', 'meta[property="og:title"]', 'meta[property="og:url"]']) {
    assert.equal(await page.locator(`head ${tag}`).count(), 1, tag);
  }
  assert.equal(await page.locator('head link[rel=canonical]').getAttribute('href'), `${SAMPLE.site.base_url}articles/${article.id}/`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** What a list shows of its view, as a reader sees it: the cards' titles, the count, the
 * ticked boxes, every option's count and state, the chips (their text as is: a tap on the
 * static page's chip is replayed on the app's chip of the same text), the order chosen, the
 * notices above the results, the filters' count, the document title and the pager's links. */
function shownView(page) {
  return page.evaluate(() => {
    const visible = (e) => e.checkVisibility();
    const text = (e) => e.textContent.replace(/\s+/g, ' ').trim();
    return {
      cards: [...document.querySelectorAll('#app .card-title')].filter(visible).map(text),
      count: text(document.querySelector('#app .result-count')),
      options: [...document.querySelectorAll('#app .facet-option')].map((o) =>
        `${o.querySelector('input').name}=${o.querySelector('input').value}:${o.querySelector('input').checked ? 'on' : ''}:${text(o.querySelector('.facet-count'))}:${o.classList.contains('disabled') ? 'off' : ''}`),
      chips: [...document.querySelectorAll('#app .active-filters button')].filter(visible).map((b) => `${b.className}|${b.getAttribute('aria-label') ?? ''}|${b.textContent}`),
      sort: document.querySelector('#app select[name=sort]').value,
      notices: [...document.querySelectorAll('#app main .notice')].filter(visible).map(text),
      filters: text(document.querySelector('#app details.filters > summary')),
      title: document.title,
      pager: [...document.querySelectorAll('#app .pager > *')].map((e) =>
        ['href', 'rel', 'aria-label', 'aria-current', 'aria-hidden', 'data-noscroll'].map((k) => e.getAttribute(k)).concat(e.tagName, e.textContent).join('|')),
    };
  });
}

test('a shared link to a filtered list reads at once, before and without the app, as the app shows it', async () => {
  // The investor's link in a WeChat group, on a slow network: the static page holds the whole
  // (small) list and shows the link's view itself, exactly as the app then draws it.
  const industries = SAMPLE.taxonomies.industries.filter((i) => SAMPLE.projects.some((p) => p.industry === i.id));
  const [a, b] = [SAMPLE.projects[0], SAMPLE.projects.find((p) => p.status !== SAMPLE.projects[0].status)];
  const category = SAMPLE.articles[0].category;
  const tag = SAMPLE.articles.find((x) => x.tags.length).tags[0];
  const links = [
    `/projects?industry=${industries[0].id}&sort=amount&from=singlemessage`,
    `/projects?district=${a.district}&status=${a.status},${b.status}`,
    `/projects?INDUSTRY=${industries[1].id.toUpperCase()}&amp;sort=AMOUNT&page=3`,
    `/articles?category=${category}&sort=views`,
    `/articles?tag=${tag}&year=${SAMPLE.articles.find((x) => x.tags.includes(tag)).published.slice(0, 4)}`,
    // Values the list does not have (an old link after an id changed) are named as left out.
    `/projects?industry=no-such,${industries[0].id},Older-Id&district=gone&sort=amount`,
    '/projects?industry=no-such',
  ];
  await sameViewEarly(server, links);
  // Chips tapped on the early view are removed once the app has taken over, each of them
  // (replayed as taps, the second undid the first).
  const page = await newPage(browser, { serviceWorkers: 'block' });
  const wasm = await holdRequests(page, '**/*.wasm');
  const third = industries[2];
  await page.goto(`${server.url}/projects?industry=${industries[0].id},${industries[1].id},${third.id}&sort=amount`);
  const onStatic = page.locator('#app[data-prerendered]');
  await onStatic.getByRole('button', { name: `移除 产业：${industries[1].name}` }).click();
  await onStatic.getByRole('button', { name: `移除 产业：${industries[0].name}` }).click();
  // Until the app applies them, the count says the filter is coming.
  assert.equal(await onStatic.locator('.result-count').evaluate((e) => getComputedStyle(e, '::after').content), '"正在准备筛选…"');
  wasm.release();
  await expect(page.locator('#app:not([data-prerendered])').getByRole('button', { name: `移除 产业：${third.name}` })).toBeVisible();
  await expect(page.getByRole('button', { name: /移除 产业/ })).toHaveCount(1);
  assert.equal(new URL(page.url()).search, `?industry=${third.id}&sort=amount`);
  // 清除全部 there clears them all.
  const clear = await newPage(browser, { serviceWorkers: 'block' });
  const held = await holdRequests(clear, '**/*.wasm');
  await clear.goto(`${server.url}/projects?industry=${industries[0].id},${industries[1].id}&sort=amount`);
  await clear.locator('#app[data-prerendered]').getByRole('button', { name: '清除全部' }).click();
  held.release();
  await clear.locator('#app:not([data-prerendered])').waitFor();
  await expect(clear.getByText(`共 ${SAMPLE.projects.length} 个项目`)).toBeVisible();
  assert.equal(new URL(clear.url()).search, '?sort=amount');
  // A search sent from the static box (Enter, the keyboard's 搜索) searches within the view.
  const search = await newPage(browser, { serviceWorkers: 'block' });
  const slow = await holdRequests(search, '**/*.wasm');
  await search.goto(`${server.url}/projects?industry=${industries[0].id}&sort=amount&from=singlemessage`);
  await search.locator('#app[data-prerendered]').getByRole('searchbox', { name: '搜索项目' }).fill('项目');
  await search.keyboard.press('Enter');
  await search.waitForURL(/q=/);
  slow.release();
  await search.locator('#app:not([data-prerendered])').waitFor();
  const params = new URL(search.url()).searchParams;
  assert.deepEqual([params.get('q'), params.get('industry'), params.get('sort')], ['项目', industries[0].id, 'amount']);
  assert.deepEqual([...page.errors, ...clear.errors, ...search.errors], []);
  await search.context().close();
  await clear.context().close();
  await page.context().close();
});

/** Opens each of `links` on `site` with the app's code held back, takes the view the static
 * page shows, then lets the app take over and checks that it shows the same view. */
async function sameViewEarly(site, links) {
  for (const link of links) {
    const page = await newPage(browser, { serviceWorkers: 'block' });
    const wasm = await holdRequests(page, '**/*.wasm');
    await page.goto(site.url + link);
    await expect(page.locator('#app[data-prerendered] .browse-results')).toBeVisible();
    await expect(page.getByText('正在按链接中的条件筛选…')).toBeHidden();
    const early = await shownView(page);
    assert.ok(early.cards.length > 0, link);
    await expect.poll(() => wasm.asked > 0).toBe(true);
    wasm.release();
    await page.locator('#app:not([data-prerendered])').waitFor();
    assert.deepEqual(early, await shownView(page), link);
    assert.deepEqual(page.errors, [], link);
    await page.context().close();
  }
}

test('on a list of several pages, the page a shared link asks for shows before the app, with its pager', async () => {
  // 600 generated articles and 60 projects: the project list is on its page whole (three pages
  // of it), the article list is too long to be.
  const work = mkdtempSync(join(tmpdir(), 'parkreader-early-'));
  const bundle = join(work, 'bundle.json');
  execFileSync(BIN, ['generate', '--articles', '600', '--out', bundle]);
  execFileSync(BIN, ['build', bundle, '--app', APP, '--out', join(work, 'site')], { stdio: 'pipe' });
  const data = JSON.parse(readFileSync(bundle, 'utf8'));
  const site = await serve(join(work, 'site'), { spa: false });
  try {
    const uses = (key) => {
      const by = new Map();
      for (const p of data.projects) by.set(p[key], [...(by.get(p[key]) ?? []), p]);
      return [...by].sort((a, b) => b[1].length - a[1].length);
    };
    const [industries, statuses] = [uses('industry'), uses('status')];
    assert.ok(industries[0][1].length + industries[1][1].length > 20, 'a view of more than one page');
    await sameViewEarly(site, [
      '/projects?sort=amount&page=2',
      '/projects?page=3',
      `/projects?industry=${industries[0][0]},${industries[1][0]}&page=2`,
      `/projects?status=${statuses[1][0]},${statuses[0][0]}&sort=amount&page=99`,
      `/projects?district=${data.projects[0].district}&page=abc`,
    ]);
    // Without JavaScript the project list shows whole (60), since no pager works; the article
    // list, too long for its page, says it is the first page.
    const off = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const plain = await off.newPage();
    await plain.goto(`${site.url}/projects?industry=${industries[0][0]}`);
    await expect(plain.getByText(/^未启用 JavaScript：这里是全部列表，/)).toBeVisible();
    await expect(plain.locator('.project-card:visible')).toHaveCount(data.projects.length);
    await plain.goto(`${site.url}/articles`);
    await expect(plain.getByText(/^未启用 JavaScript：这里是全部列表的第一页/)).toBeVisible();
    await expect(plain.locator('.article-card:visible')).toHaveCount(20);
    await off.close();
    // The article list is too long for its page: the link's view waits for the app.
    const page = await newPage(browser, { serviceWorkers: 'block' });
    const wasm = await holdRequests(page, '**/*.wasm');
    await page.goto(`${site.url}/articles?category=${data.articles[0].category}`);
    await expect(page.locator('#app[data-prerendered]').getByText('正在按链接中的条件筛选…')).toBeVisible();
    wasm.release();
    await page.locator('#app:not([data-prerendered])').waitFor();
    await expect(page.getByText('正在按链接中的条件筛选…')).toBeHidden();
    await page.context().close();
  } finally {
    site.stop();
    rmSync(work, { recursive: true, force: true });
  }
});

test('a shared link the static page cannot show says it is opening the view, never the whole list as if it were that view', async () => {
  // A search, or a view of nothing: the static page does not show such a view. It says the
  // view is being opened instead, with a way to the whole list.
  const page = await newPage(browser, { serviceWorkers: 'block' });
  const wasm = await holdRequests(page, '**/*.wasm');
  const empty = SAMPLE.taxonomies.industries.flatMap((i) => SAMPLE.taxonomies.districts.map((d) => [i, d]))
    .find(([i, d]) => SAMPLE.projects.some((p) => p.industry === i.id) && SAMPLE.projects.some((p) => p.district === d.id)
      && !SAMPLE.projects.some((p) => p.industry === i.id && p.district === d.id));
  await page.goto(`${server.url}/projects?industry=${empty[0].id}&district=${empty[1].id}&sort=amount&from=singlemessage`);
  const onStatic = page.locator('#app[data-prerendered]');
  await expect(onStatic.getByText('正在按链接中的条件筛选…')).toBeVisible();
  await expect(onStatic.getByRole('link', { name: '查看全部' })).toHaveAttribute('href', '/projects/');
  assert.equal(await page.getByText(`共 ${SAMPLE.projects.length} 个项目`).isVisible(), false);
  assert.equal(await onStatic.locator('.project-card').first().isVisible(), false);
  await expect.poll(() => wasm.asked > 0).toBe(true);
  wasm.release();
  await expect(page.getByText('没有找到符合条件的结果。')).toBeVisible();
  await expect(page.getByText('正在按链接中的条件筛选…')).toBeHidden();
  // WeChat's own parameters are not a view: the static list shows as it is.
  const plain = await newPage(browser, { serviceWorkers: 'block' });
  const held = await holdRequests(plain, '**/*.wasm');
  // Nor is the static page's own order and page, written out.
  for (const query of ['from=singlemessage&isappinstalled=0', 'sort=newest&page=1']) {
    await plain.goto(`${server.url}/projects?${query}`);
    await expect(plain.locator('#app[data-prerendered]').getByText(`共 ${SAMPLE.projects.length} 个项目`)).toBeVisible();
    await expect(plain.getByText('正在按链接中的条件筛选…')).toBeHidden();
  }
  // A search link shows its words in the static box while the view opens.
  await plain.goto(`${server.url}/projects?q=${encodeURIComponent('纤维')}&industry=${SAMPLE.projects[0].industry}`);
  await expect(plain.locator('#app[data-prerendered]').getByText('正在按链接中的条件筛选…')).toBeVisible();
  await expect(plain.locator('#app[data-prerendered]').getByRole('searchbox', { name: '搜索项目' })).toHaveValue('纤维');
  held.release();
  await expect(plain.locator('#app:not([data-prerendered])').getByRole('searchbox', { name: '搜索项目' })).toHaveValue('纤维');
  assert.deepEqual([...page.errors, ...plain.errors], []);
  await page.context().close();
  await plain.context().close();
});

test('a button tapped while the page itself is still arriving is acted on once the app has loaded', async () => {
  // A very slow link: the article's header is on screen while the rest of the page (its body,
  // its data) still streams in, and the app's code has not even been asked for.
  const page = await newPage(browser);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: 3 * 1024, uploadThroughput: 3 * 1024 });
  const article = SAMPLE.articles[6];
  await page.goto(`${server.url}/articles/${article.id}`, { waitUntil: 'commit' });
  await page.locator('#app[data-prerendered]').getByRole('button', { name: '收藏' }).click({ timeout: 30000 });
  assert.equal(await page.evaluate(() => document.readyState), 'loading', 'tapped before the page had arrived');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await page.locator('#app:not([data-prerendered])').waitFor();
  await expect(page.getByRole('button', { name: '已收藏' })).toBeVisible();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
