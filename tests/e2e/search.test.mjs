// Finding things: search as you type, facets, sorting, and a URL that reproduces the view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { expect } from './expect.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP, BIN, SAMPLE, serve, launch, newPage, copyOfDist, holdRequests, openFilters } from './support.mjs';

let server, browser;
before(async () => { [server, browser] = await Promise.all([serve(), launch()]); });
after(async () => { await browser?.close(); server?.stop(); });

const cardTitles = (page, selector) => page.locator(`${selector} .card-title`).allTextContents();
const totalOf = async (page) => Number((await page.getByRole('status').filter({ hasText: /^共 \d+/ }).textContent()).match(/\d+/)[0]);

test('typing a mid-word substring, toggling two facets, and sharing the URL reproduces the view', async () => {
  const page = await newPage(browser, { mobile: false });
  await page.goto(server.url + '/projects');
  await expect(page.getByText(`共 ${SAMPLE.projects.length} 个项目`)).toBeVisible();
  const historyBefore = await page.evaluate(() => history.length);

  const box = page.getByRole('searchbox', { name: '搜索项目' });
  await box.pressSequentially('纤维', { delay: 30 });
  await expect(page.getByText('关键词：纤维')).toBeVisible();
  const historyAfterTyping = await page.evaluate(() => history.length);
  assert.ok(historyAfterTyping - historyBefore <= 1, `typing added ${historyAfterTyping - historyBefore} history entries`);
  // Every result shows the match, marked.
  const hits = await page.locator('.project-card').count();
  assert.ok(hits > 0);
  assert.equal(await page.locator('.project-card').filter({ has: page.locator('mark', { hasText: '纤维' }) }).count(), hits);

  await openFilters(page);
  const industry = page.getByRole('group', { name: '产业' });
  const firstEnabled = industry.locator('label:not(.disabled)').first();
  const industryName = (await firstEnabled.locator('.facet-label').textContent()).trim();
  await firstEnabled.getByRole('checkbox').check();
  await expect(page.getByText(`产业：${industryName}`)).toBeVisible();
  const district = page.getByRole('group', { name: '区域' });
  const districtOption = district.locator('label:not(.disabled)').first();
  const districtName = (await districtOption.locator('.facet-label').textContent()).trim();
  await districtOption.getByRole('checkbox').check();
  await expect(page.getByText(`区域：${districtName}`)).toBeVisible();

  // Facet counts agree with what is listed: a facet's only checked option counts the results.
  const total = await totalOf(page);
  assert.equal(total, await page.locator('.project-card').count());
  for (const group of [industry, district]) {
    const checked = group.locator('label', { has: page.locator('input:checked') });
    assert.equal(Number(await checked.locator('.facet-count').textContent()), total);
  }

  const url = page.url();
  assert.match(url, /q=%E7%BA%A4%E7%BB%B4/);
  const titles = await cardTitles(page, '.project-card');

  // A colleague opens the link in a fresh browser.
  const colleague = await newPage(browser);
  await colleague.goto(url);
  await expect(colleague.getByText(`共 ${total} 个项目`)).toBeVisible();
  assert.deepEqual(await cardTitles(colleague, '.project-card'), titles);
  assert.equal(await colleague.getByRole('searchbox', { name: '搜索项目' }).inputValue(), '纤维');
  // The title says which view it is (tabs, history, WeChat's share card).
  const viewTitle = `投资项目：“纤维”、${industryName}、${districtName} - ${SAMPLE.site.name}`;
  await expect.poll(() => colleague.title()).toBe(viewTitle);
  assert.equal(await page.title(), viewTitle);
  await openFilters(colleague);
  assert.ok(await colleague.getByRole('group', { name: '产业' }).getByRole('checkbox', { name: new RegExp(industryName) }).isChecked());

  // Back and forward step through the filters.
  await page.goBack();
  await expect(page.getByText(`区域：${districtName}`)).toBeHidden();
  await expect.poll(() => page.title()).toBe(`投资项目：“纤维”、${industryName} - ${SAMPLE.site.name}`);
  await page.goForward();
  await expect(page.getByText(`区域：${districtName}`)).toBeVisible();

  // Clear everything with one control.
  await page.getByRole('button', { name: '清除全部' }).click();
  await expect(page.getByText(`共 ${SAMPLE.projects.length} 个项目`)).toBeVisible();
  assert.equal(await box.inputValue(), '');
  await expect.poll(() => page.title()).toBe(`投资项目 - ${SAMPLE.site.name}`);
  assert.deepEqual([...page.errors, ...colleague.errors], []);
  await page.context().close();
  await colleague.context().close();
});

test('no results says so and offers to drop what excludes most', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/articles?q=%E7%A9%BA%E4%B8%AD%E6%A5%BC%E9%98%81');
  await expect(page.getByText('没有找到符合条件的结果')).toBeVisible();
  await page.getByRole('link', { name: /不限关键词/ }).click();
  await expect(page.getByText(`共 ${SAMPLE.articles.length} 篇`)).toBeVisible();

  // Two words typed without a space, which find nothing as one: the list shows them searched
  // parted in two, says so, and finds what typing the space finds.
  const box = page.getByRole('searchbox', { name: '搜索文章' });
  await box.fill('金山碳纤维');
  await expect(page.getByText('没有找到「金山碳纤维」，下面是分开搜索「金山 碳纤维」的结果。')).toBeVisible();
  await expect(page.getByText('没有找到符合条件的结果')).toBeHidden();
  await expect(box).toHaveValue('金山碳纤维');
  const count = await page.getByText(/^共 [1-9]\d* 篇$/).textContent();
  await box.fill('金山 碳纤维');
  await expect(page.getByText('下面是分开搜索')).toBeHidden();
  await expect(page.getByText(count, { exact: true })).toBeVisible();
  await page.context().close();
});

test('the keyboard\'s search key on a phone puts the keyboard away over the results', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/articles`);
  await page.locator('#app:not([data-prerendered])').waitFor();
  const box = page.getByRole('searchbox');
  await box.fill('碳纤维');
  await page.waitForURL(/q=/);
  await box.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id !== 'search-input');
  assert.match(page.url(), /q=%E7%A2%B3%E7%BA%A4%E7%BB%B4/);
  await page.context().close();
});

test('a search typed in traditional characters finds the simplified text, highlighted', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/articles');
  const box = page.getByRole('searchbox', { name: '搜索文章' });
  await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
  await box.fill('碳纤维');
  const count = page.getByText(/^共 \d+ 篇$/);
  await expect(count).toBeVisible();
  const simplified = await count.textContent();
  assert.notEqual(simplified, `共 ${SAMPLE.articles.length} 篇`, 'the search narrows the list');
  // A reader in Hong Kong or Taiwan types the same words in traditional characters.
  await box.fill('碳纖維');
  await expect(page.getByText(simplified, { exact: true })).toBeVisible();
  await expect(page.locator('main article mark', { hasText: '碳纤维' }).first()).toBeVisible();
  await page.context().close();
});

test('bodies published as separate files are searched through shards fetched for the query', async () => {
  // 正式揭牌 appears only in the text of one article whose body is its own file.
  const article = SAMPLE.articles.find((a) => a.id === 'carbon-fibre-composite-institute-founded');
  assert.ok(article.body_url, 'the sample publishes this body as a separate file');
  const page = await newPage(browser);
  const shards = [];
  page.on('request', (r) => { if (/\/data\/search\//.test(r.url())) shards.push(r.url()); });
  await page.goto(server.url + '/articles');
  await expect(page.getByText(`共 ${SAMPLE.articles.length} 篇`)).toBeVisible();
  // The static page shows the count too: type once the app has taken it over, so that the
  // shard requests counted are the app's (typing before is carried over: see the test after this one).
  await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
  assert.deepEqual(shards, [], 'no shard is fetched before a search');
  await page.getByRole('searchbox', { name: '搜索文章' }).pressSequentially('正式揭牌', { delay: 30 });
  await expect(page.getByText('共 1 篇')).toBeVisible();
  await expect(page.locator('.article-card .card-title')).toHaveCount(1);
  await expect(page.locator('.article-card .card-title')).toHaveText(article.title);
  // The card shows where the body matched: the body file is fetched for the snippet.
  await expect(page.locator('.article-card .card-summary mark')).toHaveText('正式揭牌');
  assert.ok(shards.length >= 1 && shards.every((u) => /\/data\/search\/[0-9a-f]{16}\/\d+\.bin$/.test(u)), shards.join());
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a shared search link whose words are only in bodies says nothing of no results while their shards download', async () => {
  const article = SAMPLE.articles.find((a) => a.id === 'carbon-fibre-composite-institute-founded');
  const page = await newPage(browser, { serviceWorkers: 'block' });
  const shards = await holdRequests(page, '**/data/search/**');
  await page.goto(`${server.url}/articles/?q=${encodeURIComponent('正式揭牌')}`);
  await page.locator('#app:not([data-prerendered])').waitFor();
  await expect(page.getByText('正在搜索正文…')).toBeVisible();
  // The app is up and the shards are held: no "nothing found", no offer to drop the words.
  await page.waitForTimeout(500);
  await expect(page.getByText('没有找到符合条件的结果')).toHaveCount(0);
  await expect(page.getByRole('link', { name: /不限关键词/ })).toHaveCount(0);
  shards.release();
  await expect(page.getByText('共 1 篇')).toBeVisible();
  await expect(page.getByRole('link', { name: article.title })).toBeVisible();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('what a reader types and ticks on the static list before the app takes over is kept', async () => {
  // A slow phone: the prerendered list is on screen and the reader starts at once, while the
  // app still waits for its data.
  const page = await newPage(browser, { serviceWorkers: 'block' });
  const data = await holdRequests(page, '**/data/**');
  await page.goto(server.url + '/articles');
  const staticBox = page.locator('#app[data-prerendered] #search-input');
  await staticBox.waitFor();
  await openFilters(page);
  const category = page.getByRole('group', { name: '分类' }).locator('label').first();
  const categoryName = (await category.locator('.facet-label').textContent()).trim();
  await category.getByRole('checkbox').check();
  // A box ticked there: the count says the filter is coming and the cards are dimmed.
  const count = page.locator('#app[data-prerendered] .result-count');
  assert.equal(await count.evaluate((e) => getComputedStyle(e, '::after').content), '"正在准备筛选…"');
  assert.equal(await page.locator('#app[data-prerendered] .card-list').evaluate((e) => getComputedStyle(e).opacity), '0.45');
  await staticBox.click();
  // Two words on the way: the reader has typed the first and the space after it.
  await staticBox.pressSequentially('碳纤维 ', { delay: 30 });
  await expect(page.locator('#app[data-prerendered]')).toHaveCount(1);
  // Meanwhile the static count does not pass for the search's: it says the search is coming.
  assert.equal(await page.locator('#app[data-prerendered] .result-count').evaluate((e) => getComputedStyle(e, '::after').content), '"正在准备搜索…"');
  // The data arrives; the app takes over.
  await expect.poll(() => data.asked > 0).toBe(true); // the app has asked for its data
  data.release();
  await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
  const box = page.getByRole('searchbox', { name: '搜索文章' });
  await expect(box).toHaveValue('碳纤维 ');
  await expect(box).toBeFocused();
  await expect(page.getByText('关键词：碳纤维')).toBeVisible();
  await expect(page.getByText(`分类：${categoryName}`)).toBeVisible();
  // Settled: any body-search shards in, the count of what is shown.
  await expect(page.locator('.browse-results[aria-busy="true"]')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: /^共 \d+/ })).toBeVisible();
  const shown = await cardTitles(page, '.article-card');
  assert.ok(shown.length > 0, 'the sample has articles about 碳纤维 in that category');
  // The same view as the URL it now shows, opened afresh.
  await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('碳纤维');
  const fresh = await newPage(browser);
  await fresh.goto(page.url());
  await expect(fresh.locator('#app:not([data-prerendered]) .browse-results:not([aria-busy="true"])')).toHaveCount(1);
  await expect(fresh.locator('#app:not([data-prerendered]) .article-card')).toHaveCount(shown.length);
  assert.deepEqual(await cardTitles(fresh, '.article-card'), shown);
  // Typing goes on in the app's box, after what was typed before, space included.
  await page.keyboard.type('复合');
  await expect(box).toHaveValue('碳纤维 复合');
  await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('碳纤维 复合');
  assert.deepEqual(page.errors, []);
  await fresh.context().close();
  await page.context().close();
});

test('keys typed while the app takes over all reach the box', async () => {
  // The reader types on and on, two words, while the data arrives: no key may fall between the
  // static box and the app's, and the space between the words stays.
  const page = await newPage(browser, { serviceWorkers: 'block' });
  const data = await holdRequests(page, '**/data/**');
  await page.addInitScript(() => {
    // Where the focus is once the takeover's task and its microtasks are done: what the next
    // key the reader types is handed to.
    window.__focusAfterTakeover = null;
    new MutationObserver(() => {
      const app = document.getElementById('app');
      if (!app || app.hasAttribute('data-prerendered') || window.__focusAfterTakeover !== null) return;
      window.__focusAfterTakeover = 'pending';
      const next = new MessageChannel();
      next.port1.onmessage = () => { window.__focusAfterTakeover = document.activeElement?.id || document.activeElement?.tagName; };
      next.port2.postMessage(0);
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-prerendered'] });
  });
  await page.goto(server.url + '/articles');
  const staticBox = page.locator('#app[data-prerendered] #search-input');
  await staticBox.click();
  await expect.poll(() => data.asked > 0).toBe(true);
  // Letters, with a space after every fifth, so that some takeover falls just after a space.
  // Search text is kept to 200 characters: the loop stays under that. The data arrives after
  // the first key, so that at least one lands in the static box however fast the takeover.
  let typed = '';
  let before = 0;
  let after = 0;
  while (after < 5 && typed.length < 190) {
    if (typed.length === 1) data.release();
    const key = typed.length % 6 === 5 ? ' ' : 'abcdefghijklmnopqrstuvwxyz'[typed.length % 26];
    await page.keyboard.type(key);
    typed += key;
    if (await page.locator('#app[data-prerendered]').count() === 0) after += 1;
    else { assert.equal(after, 0); before += 1; }
  }
  assert.ok(before > 0, 'the app took over before the reader typed');
  assert.equal(after, 5, `the app did not take over while ${typed.length} keys were typed`);
  assert.equal(await page.evaluate(() => window.__focusAfterTakeover), 'search-input', 'the focus was back in the box for the next key');
  const box = page.getByRole('searchbox', { name: '搜索文章' });
  await expect(box).toHaveValue(typed);
  await expect(box).toBeFocused();
  await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(typed.trim());
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('pinyin still being composed in the static box is not cut off by the takeover', async () => {
  const page = await newPage(browser, { serviceWorkers: 'block' });
  const wasm = await holdRequests(page, '**/*_bg.wasm');
  const data = await holdRequests(page, '**/data/**');
  await page.goto(server.url + '/articles');
  const staticBox = page.locator('#app[data-prerendered] #search-input');
  await staticBox.click();
  const cdp = await page.context().newCDPSession(page);
  // 拼音 typed, not yet chosen, while the app's code is still downloading: the box holds the
  // letters while the input method composes.
  await expect.poll(() => wasm.asked > 0).toBe(true);
  await cdp.send('Input.imeSetComposition', { text: 'tanxianwei', selectionStart: 10, selectionEnd: 10 });
  wasm.release();
  await expect.poll(() => data.asked > 0).toBe(true);
  data.release();
  // The app is ready, and waits: the takeover would throw the composition away.
  await page.waitForTimeout(1500);
  await expect(page.locator('#app[data-prerendered]')).toHaveCount(1);
  // The reader picks the characters: the composition ends, and the app takes over with them.
  await cdp.send('Input.insertText', { text: '碳纤维' });
  await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
  const box = page.getByRole('searchbox', { name: '搜索文章' });
  await expect(box).toHaveValue('碳纤维');
  await expect(box).toBeFocused();
  await expect(page.getByText('关键词：碳纤维')).toBeVisible();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a search shard that does not download says so, and retry finds the body match', async () => {
  const page = await newPage(browser, { serviceWorkers: 'block' });
  await page.route('**/data/search/**', (route) => route.abort('internetdisconnected'));
  await page.goto(server.url + '/articles?q=' + encodeURIComponent('正式揭牌'));
  await expect(page.getByRole('alert')).toHaveText(/正文搜索索引未能下载/);
  // What the titles and summaries here hold: the words parted in two, as a search that
  // finds nothing online is (the shard that failed is not waited for, offline too).
  await expect(page.getByText('没有找到「正式揭牌」，下面是分开搜索「正式 揭牌」的结果。')).toBeVisible();
  await page.unroute('**/data/search/**');
  await page.getByRole('alert').getByRole('button', { name: '重试' }).click();
  await expect(page.getByText('共 1 篇')).toBeVisible();
  await expect(page.getByText(/分开搜索/)).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// Two words typed without a space find nothing as one, and are searched parted where the parts
// find the most. On a site whose bodies are searched through many shards (600 generated
// articles: 64), a parting after the third character (「新能源 企业」) reads pairs of characters
// the whole word does not, from shards not fetched for it: it was never tried, and the list said
// 「共 0 篇」 (or chose 「无人 机项目」, 32, over 「无人机 项目」, 312).
test('a word typed without a space is parted where the parts find the most, after any character', async () => {
  const work = mkdtempSync(join(tmpdir(), 'parkreader-parted-'));
  execFileSync(BIN, ['generate', '--articles', '600', '--out', join(work, 'bundle.json')]);
  execFileSync(BIN, ['import', join(work, 'bundle.json'), '--out', join(work, 'content')], { stdio: 'pipe' });
  execFileSync(BIN, ['build', join(work, 'content'), '--app', APP, '--out', join(work, 'site')], { stdio: 'pipe' });
  assert.ok(readdirSync(join(work, 'site', 'data', 'search', readdirSync(join(work, 'site', 'data', 'search'))[0])).length > 8);
  const site = await serve(join(work, 'site'));
  try {
    const page = await newPage(browser);
    for (const [typed, parted] of [['新能源企业', '新能源 企业'], ['无人机项目', '无人机 项目'], ['碳纤维上海石化', '碳纤维 上海石化']]) {
      await page.goto(site.url + '/articles?q=' + encodeURIComponent(parted));
      await page.locator('#app:not([data-prerendered])').waitFor();
      await expect(page.getByRole('status').filter({ hasText: /^共 \d+ 篇/ })).toBeVisible();
      const total = await totalOf(page);
      assert.ok(total > 0, parted);
      await page.goto(site.url + '/articles?q=' + encodeURIComponent(typed));
      await expect(page.getByText(`没有找到「${typed}」，下面是分开搜索「${parted}」的结果。`)).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: /^共 \d+ 篇/ })).toHaveText(new RegExp(`^共 ${total} 篇`));
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    site.stop();
    rmSync(work, { recursive: true, force: true });
  }
});

// The shards' folder is named after their hash: after a new deploy, the page open before it
// asks for a folder the host no longer has. Asking again got the same 404 for ever.
test('search shards gone after a new deploy say the site was updated, and reload finds the body match', async () => {
  const { dir, cleanup } = copyOfDist();
  const shardDir = readdirSync(join(dir, 'data/search'))[0];
  const hidden = join(dir, 'data/search', shardDir + '.away');
  renameSync(join(dir, 'data/search', shardDir), hidden);
  const site = await serve(dir);
  try {
    const page = await newPage(browser, { serviceWorkers: 'block' });
    await page.goto(site.url + '/articles?q=' + encodeURIComponent('正式揭牌'));
    const alert = page.getByRole('alert');
    await expect(alert).toHaveText(/网站内容已更新，正文搜索索引已不在原处/);
    await expect(alert.getByRole('button', { name: '重试' })).toHaveCount(0);
    renameSync(hidden, join(dir, 'data/search', shardDir));
    await alert.getByRole('button', { name: '刷新页面' }).click();
    await expect(page.getByText('共 1 篇')).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    site.stop();
    cleanup();
  }
});

test('articles sort by most read, odd URL parameters are ignored, and the menu follows back and forward', async () => {
  const page = await newPage(browser, { mobile: false });
  await page.goto(server.url + '/articles?sort=views&evil=%3Cscript%3E&page=-3&category=');
  const mostRead = [...SAMPLE.articles].sort((a, b) => b.views - a.views)[0];
  await expect(page.locator('.article-card .card-title').first()).toHaveText(mostRead.title);
  await page.getByRole('combobox', { name: '排序' }).selectOption('newest');
  const newest = [...SAMPLE.articles].sort((a, b) => b.published.localeCompare(a.published))[0];
  await expect(page.locator('.article-card .card-title').first()).toHaveText(newest.title);
  // Newest is the plain list's own order, so its address is the plain list's.
  assert.equal(new URL(page.url()).search, '');
  // Back and forward set the menu with the order, even after the reader has used it.
  const menu = page.getByRole('combobox', { name: '排序' });
  await page.goBack();
  await expect(page.locator('.article-card .card-title').first()).toHaveText(mostRead.title);
  assert.equal(await menu.inputValue(), 'views');
  await page.goForward();
  await expect(page.locator('.article-card .card-title').first()).toHaveText(newest.title);
  assert.equal(await menu.inputValue(), 'newest');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('facets work from the keyboard and keep focus on the box just ticked', async () => {
  const page = await newPage(browser, { mobile: false });
  await page.goto(server.url + '/projects');
  await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
  const status = page.getByRole('group', { name: '状态' });
  const box = status.locator('label:not(.disabled)').first().getByRole('checkbox');
  const name = (await status.locator('label:not(.disabled) .facet-label').first().textContent()).trim();
  await box.focus();
  await page.keyboard.press('Space');
  await expect(page.getByText(`状态：${name}`)).toBeVisible();
  assert.ok(await box.isChecked());
  assert.equal(await page.evaluate(() => document.activeElement?.closest('label')?.querySelector('.facet-label')?.textContent), name);
  await page.keyboard.press('Space');
  await expect(page.getByText(`状态：${name}`)).toBeHidden();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('from the search box, one key skips the filters to the results', async () => {
  const page = await newPage(browser, { mobile: false });
  await page.goto(server.url + '/projects');
  await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
  await page.getByRole('searchbox', { name: '搜索项目' }).focus();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '跳到结果' });
  await expect(skip).toBeFocused();
  // Shown once focused: a line of its own, not a clipped pixel.
  assert.ok((await skip.boundingBox()).width > 30);
  await page.keyboard.press('Enter');
  await expect(page.locator('#results-heading')).toBeFocused();
  // The next stop is in the results, not the first of the filters' checkboxes.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => !!document.activeElement.closest('.browse-results')), true);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the address bar catches up with typing: one history entry, and Back undoes the search', async () => {
  const page = await newPage(browser, { mobile: false });
  await page.goto(server.url + '/articles');
  await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
  const box = page.getByRole('searchbox', { name: '搜索文章' });
  const historyBefore = await page.evaluate(() => history.length);
  await box.pressSequentially('碳纤维', { delay: 20 });
  await expect(page.getByText('关键词：碳纤维')).toBeVisible();
  const hits = await totalOf(page);
  assert.ok(hits > 0 && hits < SAMPLE.articles.length);
  // The URL follows without a keystroke's worth of delay per character.
  await page.waitForURL((url) => url.searchParams.get('q') === '碳纤维');
  assert.equal(await page.evaluate(() => history.length) - historyBefore, 1);

  // Back and forward with the focus still in the box: the box shows the search of the URL.
  await box.focus();
  await page.goBack();
  await expect(page.getByText(`共 ${SAMPLE.articles.length} 篇`)).toBeVisible();
  assert.equal(await box.inputValue(), '');
  await page.goForward();
  await expect(page.getByText('关键词：碳纤维')).toBeVisible();
  assert.equal(await box.inputValue(), '碳纤维');

  // A result opened straight after typing; Back returns to the search as typed.
  await box.fill('碳纤维复合');
  await page.locator('.article-card .card-title a').first().click();
  await page.waitForURL(/\/articles\/[^?]+$/);
  await page.goBack();
  await expect(page.getByText('关键词：碳纤维复合')).toBeVisible();
  assert.equal(await box.inputValue(), '碳纤维复合');

  // Back again leaves the search: the unfiltered list.
  await page.goBack();
  await expect(page.getByText(`共 ${SAMPLE.articles.length} 篇`)).toBeVisible();
  assert.equal(await box.inputValue(), '');

  // The share sheet never lags: it offers the view as shown, even straight after a keystroke.
  await box.fill('签约');
  await page.getByRole('button', { name: '分享' }).click();
  assert.equal(new URL(await page.getByRole('textbox', { name: '链接' }).inputValue()).searchParams.get('q'), '签约');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a search cleared leaves no trace in the history: Back then leaves the list', async () => {
  const page = await newPage(browser, { mobile: false });
  await page.goto(server.url + '/');
  await page.goto(server.url + '/articles');
  await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
  const box = page.getByRole('searchbox', { name: '搜索文章' });
  const historyBefore = await page.evaluate(() => history.length);
  // Typed and taken back before the address bar caught up: nothing to remember.
  await box.pressSequentially('碳', { delay: 20 });
  await page.keyboard.press('Backspace');
  await page.waitForTimeout(800);
  assert.equal(await page.evaluate(() => history.length), historyBefore);
  // Searched, then cleared: the search's entry goes, and the list is as it was.
  await box.pressSequentially('碳纤维', { delay: 20 });
  await page.waitForURL((url) => url.searchParams.get('q') === '碳纤维');
  await box.fill('碳纤');
  await page.waitForURL((url) => url.searchParams.get('q') === '碳纤');
  await box.fill('');
  await page.waitForURL((url) => !url.searchParams.has('q'));
  await expect(page.getByText(`共 ${SAMPLE.articles.length} 篇`)).toBeVisible();
  await expect(box).toBeFocused();
  // One Back leaves the list. It stepped from the cleared list to the same list before.
  await page.goBack();
  await page.waitForURL(server.url + '/');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('text typed into the home page\'s box before the app runs stays in it, with the focus', async () => {
  const page = await newPage(browser);
  const held = await holdRequests(page, '**/*.wasm');
  await page.goto(server.url + '/');
  const box = page.locator('#app[data-prerendered]').getByRole('searchbox', { name: '搜索文章' });
  await box.click();
  await box.pressSequentially('碳纤维', { delay: 20 });
  held.release();
  await page.locator('#app:not([data-prerendered])').waitFor();
  const live = page.getByRole('searchbox', { name: '搜索文章' });
  await expect(live).toHaveValue('碳纤维');
  await expect(live).toBeFocused();
  await live.press('Enter');
  await page.waitForURL(/\/articles\/\?q=/);
  await expect(page.getByText('关键词：碳纤维')).toBeVisible();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the home page searches: Enter opens the article list with the search, before the app runs too', async () => {
  for (const early of [false, true]) {
    const page = await newPage(browser);
    // Early: the app's code is held back, as on a slow link; the form works all the same.
    const held = early ? await holdRequests(page, '**/*.wasm') : null;
    await page.goto(server.url + '/');
    if (!early) await page.locator('#app:not([data-prerendered])').waitFor();
    const box = page.getByRole('search').getByRole('searchbox', { name: '搜索文章' });
    await box.fill('碳纤维');
    await box.press('Enter');
    await page.waitForURL(/\/articles\/\?q=/);
    assert.equal(new URL(page.url()).searchParams.get('q'), '碳纤维');
    held?.release();
    await expect(page.getByText('关键词：碳纤维')).toBeVisible();
    await expect(page.getByRole('searchbox', { name: '搜索文章' })).toHaveValue('碳纤维');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('a link with a filter the site does not have says it was left out, not passes for filtered', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/projects?industry=bogus');
  await expect(page.getByRole('status').filter({ hasText: '链接中的筛选条件在本站已不存在，已略去：产业：bogus' })).toBeVisible();
  await expect(page.getByText(`共 ${SAMPLE.projects.length} 个项目`)).toBeVisible();
  // A link the site can follow says nothing of the kind.
  await page.goto(server.url + `/projects?industry=${SAMPLE.taxonomies.industries[0].id}`);
  await expect(page.getByRole('button', { name: `移除 产业：${SAMPLE.taxonomies.industries[0].name}` })).toBeVisible();
  await expect(page.getByText('已略去')).toHaveCount(0);
  // The same link as a chat posts it, with its full stop glued on after the value.
  await page.goto(server.url + `/projects?industry=${SAMPLE.taxonomies.industries[0].id}${encodeURIComponent('。')}`);
  await page.locator('#app:not([data-prerendered])').waitFor();
  await expect(page.getByRole('button', { name: `移除 产业：${SAMPLE.taxonomies.industries[0].name}` })).toBeVisible();
  await expect(page.getByText('已略去')).toHaveCount(0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a link written with the filters\' Chinese names and commas shows that view, before the app and with it', async () => {
  // Staff writing a link by hand use the names the filter panel shows. The page said they were
  // not on the site, and showed the whole list.
  const [first, second] = SAMPLE.taxonomies.industries;
  const count = SAMPLE.projects.filter((p) => p.industry === first.id || p.industry === second.id).length;
  assert.ok(count > 0 && count < SAMPLE.projects.length);
  const link = `/projects?industry=${encodeURIComponent(`${first.name}，${second.name}`)}`;
  for (const early of [true, false]) {
    const page = await newPage(browser, { serviceWorkers: 'block' });
    // Before the app: its code held back, the page's own script shows the view.
    if (early) await page.route('**/*.wasm', () => {});
    await page.goto(server.url + link);
    await expect(page.getByText(`共 ${count} 个项目`)).toBeVisible();
    for (const { name } of [first, second]) {
      await expect(page.getByRole('button', { name: `移除 产业：${name}` })).toBeVisible();
    }
    await expect(page.getByText(/已略去/)).toHaveCount(0);
    if (!early) {
      await page.locator('#app:not([data-prerendered])').waitFor();
      // The address now says it as the site writes it.
      const ids = [first.id, second.id].sort().join(',');
      await page.waitForURL((url) => url.searchParams.get('industry') === ids);
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('on a 320 px phone the search box\'s hint is whole, with its example', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 320, height: 568 });
  for (const [path, english] of [['/projects', false], ['/articles', false], ['/projects', true]]) {
    await page.goto(server.url + path);
    await page.locator('#app:not([data-prerendered])').waitFor();
    if (english) await page.getByRole('button', { name: 'English' }).click();
    // The hint's width in its own font, against the box's room for text. It was cut at
    // 「如：新」 on the project list.
    const { hint, width, room } = await page.locator('#search-input').evaluate((input) => {
      const style = getComputedStyle(input, '::placeholder');
      const box = getComputedStyle(input);
      const context = document.createElement('canvas').getContext('2d');
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(box.paddingLeft) - parseFloat(box.paddingRight);
      return { hint: input.placeholder, width: context.measureText(input.placeholder).width, room };
    });
    assert.match(hint, english ? /e\.g\. / : /如：/);
    assert.ok(width <= room, `${path}: 「${hint}」 is ${width.toFixed(0)} px in a box of ${room} px`);
    // What is typed stays at 16 px (iOS zooms in on a smaller field).
    assert.equal(await page.locator('#search-input').evaluate((i) => getComputedStyle(i).fontSize), '16px');
  }
  await page.context().close();
});

test('on a phone the filters fold behind 筛选, so a shared view opens on its results', async () => {
  const industry = SAMPLE.projects[0].industry;
  const page = await newPage(browser, { serviceWorkers: 'block' });
  await page.setViewportSize({ width: 320, height: 568 });
  const wasm = await holdRequests(page, '**/*.wasm');
  await page.goto(`${server.url}/projects?industry=${industry}`);
  // Before the app: the first result is on the first screen, and 筛选 counts what is ticked.
  const summary = page.locator('#app[data-prerendered] details.filters > summary');
  await expect(summary).toHaveText('筛选1');
  // A screen reader hears what the number is (it heard 「筛选 1」).
  assert.match(await summary.ariaSnapshot(), /筛选\s*，已选\s*1\s*项/);
  const top = await page.locator('.project-card').first().evaluate((c) => c.getBoundingClientRect().top);
  assert.ok(top < 568, `the first result is ${top} px down a 568 px screen`);
  await expect(page.getByRole('group', { name: '产业' })).toBeHidden();
  // A tap opens them at once, without the app; the app keeps them open, swiped as they were.
  await summary.click();
  await expect(page.getByRole('group', { name: '产业' })).toBeVisible();
  await page.locator('.facets').evaluate((row) => { row.scrollLeft = 200; });
  wasm.release();
  await page.locator('#app:not([data-prerendered])').waitFor();
  await expect(page.getByRole('group', { name: '产业' })).toBeVisible();
  assert.equal(await page.locator('.facets').evaluate((row) => row.scrollLeft), 200);
  await expect(page.locator('details.filters > summary')).toHaveText('筛选1');
  // A second tick is counted; 查看结果 folds the filters and goes to the results.
  const status = page.getByRole('group', { name: '状态' }).locator('label:not(.disabled)').first();
  await status.getByRole('checkbox').check();
  await expect(page.locator('details.filters > summary')).toHaveText('筛选2');
  await page.getByRole('button', { name: '查看结果' }).click();
  await expect(page.getByRole('group', { name: '产业' })).toBeHidden();
  await expect(page.locator('#results-heading')).toBeFocused();
  const first = await page.locator('.project-card').first().evaluate((c) => c.getBoundingClientRect().top);
  assert.ok(first >= 0 && first < 568, `the first result is at ${first} px`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
  // On a wide screen they stand open beside the results, before and after the app.
  const wide = await newPage(browser, { mobile: false, serviceWorkers: 'block' });
  const held = await holdRequests(wide, '**/*.wasm');
  await wide.goto(`${server.url}/projects`);
  await expect(wide.locator('#app[data-prerendered]').getByRole('group', { name: '产业' })).toBeVisible();
  await expect(wide.locator('details.filters > summary')).toBeHidden();
  held.release();
  await wide.locator('#app:not([data-prerendered])').waitFor();
  await expect(wide.getByRole('group', { name: '产业' })).toBeVisible();
  await expect(wide.locator('details.filters > summary')).toBeHidden();
  await wide.context().close();
});
