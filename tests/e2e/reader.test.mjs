// A reader's journeys through the built sample site, in Chromium, by role and visible text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { expect } from './expect.mjs';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP, BIN, ROOT, SAMPLE, copyOfDist, holdRequests, serve, launch, newPage } from './support.mjs';

let server, browser;
before(async () => { [server, browser] = await Promise.all([serve(), launch()]); });
after(async () => { await browser?.close(); server?.stop(); });

const newest = [...SAMPLE.articles].sort((a, b) => b.published.localeCompare(a.published));
const categoryName = (id) => SAMPLE.taxonomies.categories.find((c) => c.id === id).name;

test('an article opened cold by deep link shows its title, byline and breadcrumb', async () => {
  const page = await newPage(browser);
  const article = SAMPLE.articles.filter((a) => a.body)[3];
  await page.goto(`${server.url}/articles/${article.id}`);
  await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
  const firstParagraph = article.body.find((b) => b.type === 'paragraph').text;
  await expect(page.getByText(firstParagraph)).toBeVisible();
  const crumbs = page.getByRole('navigation', { name: '面包屑导航' });
  await expect(crumbs.getByRole('link', { name: categoryName(article.category) })).toBeVisible();
  assert.match(await page.title(), new RegExp(article.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await expect(page.getByText(/阅读 [\d,]+/).first()).toBeVisible();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the tab names the page it shows, opened cold and after moving around', async () => {
  // The title is what the tab, the history list, bookmarks and WeChat's share card show.
  const site = SAMPLE.site.name;
  const article = SAMPLE.articles[2];
  const project = SAMPLE.projects[0];
  const category = SAMPLE.taxonomies.categories[0];
  const page = await newPage(browser, { serviceWorkers: 'block' });
  const live = () => page.locator('#app:not([data-prerendered])').waitFor();
  for (const [path, title] of [
    ['/', site],
    ['/articles', `全部文章 - ${site}`],
    [`/articles/${article.id}`, `${article.title} - ${site}`],
    [`/projects/${project.id}`, `${project.name} - ${site}`],
    [`/categories/${category.id}`, `${category.name} - ${site}`],
    ['/saved', `收藏与离线 - ${site}`],
    ['/articles/no-such-article', `页面不存在 - ${site}`],
  ]) {
    await page.goto(server.url + path);
    await live();
    await expect.poll(() => page.title(), { message: path }).toBe(title);
  }
  // Moving around inside the app.
  await page.goto(server.url + '/articles');
  await live();
  await page.getByRole('link', { name: newest[0].title }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: newest[0].title })).toBeVisible();
  await expect.poll(() => page.title()).toBe(`${newest[0].title} - ${site}`);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: '全部文章' })).toBeVisible();
  await expect.poll(() => page.title()).toBe(`全部文章 - ${site}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an article whose body is a separate file fetches it when opened', async () => {
  const page = await newPage(browser);
  const article = SAMPLE.articles.find((a) => a.body_url);
  assert.ok(article, 'sample has an article with body_url');
  const bodyRequests = [];
  // The built site renames the file after its content: /data/articles/<id>-<hash>.json.
  const stem = article.body_url.replace(/\.json$/, '-');
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith(stem)) bodyRequests.push(r.url()); });
  await page.goto(server.url + '/articles');
  await page.locator('#app:not([data-prerendered])').waitFor();
  assert.equal(bodyRequests.length, 0, 'the body is not fetched before the article opens');
  await page.getByRole('link', { name: article.title }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
  const body = JSON.parse(readFileSync(join(ROOT, 'public', article.body_url), 'utf8'));
  const firstParagraph = body.blocks.find((b) => b.type === 'paragraph').text;
  await expect(page.getByText(firstParagraph)).toBeVisible();
  assert.equal(bodyRequests.length, 1);
  await page.context().close();
});

test('home → article list → article → back returns to the list', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/');
  await expect(page.getByRole('heading', { level: 1, name: SAMPLE.site.name })).toBeVisible();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '文章' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '全部文章' })).toBeVisible();
  assert.equal(new URL(page.url()).pathname, '/articles/');
  await expect(page.getByText(`共 ${SAMPLE.articles.length} 篇`)).toBeVisible();
  const target = newest[1];
  await page.getByRole('link', { name: target.title, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: target.title })).toBeVisible();
  assert.equal(new URL(page.url()).pathname, `/articles/${target.id}/`);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: '全部文章' })).toBeVisible();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('back from an item tapped far down the list returns to where the reader was', async () => {
  // The article list draws articles in place; the project list loads each project's page, and
  // Back loads the list again, which for a sorted or filtered list is a placeholder until the
  // app has drawn it.
  const count = { articles: `共 ${SAMPLE.articles.length} 篇`, projects: `共 ${SAMPLE.projects.length} 个项目` };
  for (const path of ['/articles', '/articles?sort=views', '/projects?sort=amount']) {
    const page = await newPage(browser);
    await page.goto(server.url + path);
    const total = count[path.slice(1).split('?')[0]];
    await expect(page.getByText(total)).toBeVisible();
    await page.locator('#app:not([data-prerendered])').waitFor();
    const links = page.locator('main .card-title a');
    const card = links.nth(Math.min(8, (await links.count()) - 1));
    await card.scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 120);
    await page.waitForTimeout(300);
    const y = await page.evaluate(() => scrollY);
    assert.ok(y > 400, `scrolled down (${y})`);
    const title = await card.textContent();
    await card.tap();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await page.goBack();
    await expect(page.getByText(total)).toBeVisible();
    await page.waitForFunction((y) => Math.abs(scrollY - y) < 4, y, { timeout: 3000 }).catch(() => {});
    assert.equal(await page.evaluate(() => Math.round(scrollY)), Math.round(y), path);
    // The list is the one left, in the history entry left: the order the browser restores in
    // the static page's menu is not taken for a new choice (a new entry, and page 1).
    await page.locator('#app:not([data-prerendered])').waitFor();
    assert.equal(new URL(page.url()).search, new URL(server.url + path).search, path);
    // A reload (pull to refresh, WeChat's 刷新) keeps the place too.
    await page.reload();
    await expect(page.getByText(total)).toBeVisible();
    await page.waitForFunction((y) => Math.abs(scrollY - y) < 4, y, { timeout: 3000 }).catch(() => {});
    assert.equal(await page.evaluate(() => Math.round(scrollY)), Math.round(y), `${path}, reloaded`);
    await page.goForward();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('back to an article whose text arrives late returns to the same place in the text', async () => {
  const page = await newPage(browser);
  // The article's text is a file of its own, slow to come: the page grows above the place
  // after the place was put back.
  await page.route('**/data/articles/**', async (route) => { await new Promise((r) => setTimeout(r, 700)); await route.continue(); });
  await page.goto(server.url + '/articles');
  await page.locator('#app:not([data-prerendered])').waitFor();
  await page.locator('main .card-title a', { hasText: '农文旅融合示范项目' }).tap();
  const link = page.locator('.prose').getByRole('link', { name: '项目库' });
  await link.scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 200);
  await page.waitForTimeout(300);
  const top = await link.evaluate((a) => Math.round(a.getBoundingClientRect().top));
  await link.tap();
  await expect(page.getByRole('heading', { level: 1, name: /农文旅融合示范项目/ })).toBeVisible();
  await page.goBack();
  await expect(link).toBeVisible();
  // Until the page has settled: the text came, and the place was held through it.
  await page.waitForTimeout(2000);
  assert.equal(await link.evaluate((a) => Math.round(a.getBoundingClientRect().top)), top);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('back to a later page of a sorted project list returns to that page, in its own history entry', async () => {
  // A site with two pages of projects (the sample has one): 250 generated articles, 25 projects.
  const work = mkdtempSync(join(tmpdir(), 'parkreader-pages-'));
  mkdirSync(join(work, 'src', 'data'), { recursive: true });
  const bundle = join(work, 'src', 'data', 'bundle.json');
  execFileSync(BIN, ['generate', '--articles', '250', '--out', bundle]);
  execFileSync(BIN, ['build', bundle, '--app', APP, '--out', join(work, 'site')], { stdio: 'pipe' });
  const site = await serve(join(work, 'site'));
  try {
    const page = await newPage(browser);
    await page.goto(site.url + '/projects?sort=amount&page=2');
    const first = page.locator('#app:not([data-prerendered]) .project-card .card-title a').first();
    const title = (await first.textContent()).trim();
    await first.tap();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await page.goBack();
    await page.locator('#app:not([data-prerendered])').waitFor();
    // Before, the order the browser restored in the static menu was taken for a new choice:
    // page 1, in a new history entry, so Forward no longer led to the project.
    await expect(page.locator('.project-card .card-title a').first()).toHaveText(title);
    assert.equal(new URL(page.url()).search, '?sort=amount&page=2');
    // The page is in the title (the order is not: it narrows nothing).
    await expect.poll(() => page.title().then((t) => t.replace(/ - .*$/, ''))).toBe('投资项目 · 第 2 / 2 页');
    await page.goForward();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    // A search link to a later page opens on that page: the words the early script puts in
    // the static box are not taken for a new search typed early (which starts at page 1).
    const search = await newPage(browser);
    await search.goto(site.url + `/articles?q=${encodeURIComponent('项目')}&page=2`);
    await search.locator('#app:not([data-prerendered])').waitFor();
    await expect(search.getByRole('searchbox', { name: '搜索文章' })).toHaveValue('项目');
    await expect(search.locator('.pager [aria-current="page"]')).toHaveText('2');
    assert.equal(new URL(search.url()).searchParams.get('page'), '2');
    // The new tab's blank page and this one: no entry pushed by the takeover.
    assert.equal(await search.evaluate(() => history.length), 2);
    // The next page opens at its results, not at the top of the page, where on a phone the
    // header, search and filters fill the screen and the new page looked like the old one.
    await search.getByRole('navigation', { name: '分页' }).getByRole('link', { name: '下一页' }).click();
    await search.waitForURL(/page=3/);
    await expect(search.locator('.pager [aria-current="page"]')).toHaveText('3');
    const top = await search.locator('.article-card').first().evaluate((c) => c.getBoundingClientRect().top);
    assert.ok(top >= 0 && top < 400, `the first result is ${top} px from the top of the screen`);
    assert.deepEqual([...page.errors, ...search.errors], []);
    await search.context().close();
    await page.context().close();
  } finally {
    site.stop();
    rmSync(work, { recursive: true, force: true });
  }
});

test('a reading size chosen before is set before the first paint, not when the app starts', async () => {
  // No service worker: it would answer the app's files itself, past the route that holds them.
  const page = await newPage(browser, { serviceWorkers: 'block' });
  const article = SAMPLE.articles[0];
  await page.goto(`${server.url}/articles/${article.id}`);
  await page.locator('#app:not([data-prerendered])').waitFor();
  await page.getByRole('button', { name: '特大' }).click();
  // The page again, with the app kept from starting: the static page alone is at that size.
  await page.route(/\.wasm$/, (route) => route.abort());
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-text-size')), 'larger');
  // The app did not start: the loader says so (its handler also ends the page's
  // prerendered state, so that is no sign of a takeover).
  await expect(page.getByRole('alert')).toHaveText(/^功能未能加载/);
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-text-size')), 'larger');
  // The static page's control shows that size chosen (it said 标准 until the app came).
  const sizes = page.getByRole('group', { name: '字号' });
  await expect(sizes.getByRole('button', { name: '特大' })).toHaveAttribute('aria-pressed', 'true');
  await expect(sizes.getByRole('button', { name: '标准' })).toHaveAttribute('aria-pressed', 'false');
  await page.context().close();
});

test('a reading size tapped before the app has loaded is set at once, and kept when it starts', async () => {
  // A slow link: the article is on screen, the app's code on its way. The size changed only
  // when the app came, seconds later, under a reader who had read on.
  const page = await newPage(browser, { serviceWorkers: 'block' });
  const wasm = await holdRequests(page, '**/*.wasm');
  const article = SAMPLE.articles[0];
  await page.goto(`${server.url}/articles/${article.id}`);
  const sizes = page.locator('#app[data-prerendered]').getByRole('group', { name: '字号' });
  await sizes.getByRole('button', { name: '大', exact: true }).click();
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-text-size')), 'large');
  await expect(sizes.getByRole('button', { name: '大', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(sizes.getByRole('button', { name: '标准' })).toHaveAttribute('aria-pressed', 'false');
  await expect(sizes.locator('[aria-busy]')).toHaveCount(0);
  wasm.release();
  await page.locator('#app:not([data-prerendered])').waitFor();
  const live = page.getByRole('group', { name: '字号' });
  await expect(live.getByRole('button', { name: '大', exact: true })).toHaveAttribute('aria-pressed', 'true');
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-text-size')), 'large');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a link to a heading of another article lands on that heading, opened cold and followed in the app', async () => {
  // The guide links to the notice's 申报条件 (`notice.md#申报条件` in its file). The headings
  // had no ids: the link opened the notice at its top.
  const notice = SAMPLE.articles.find((a) => a.id === 'biomedicine-special-fund-notice-2022');
  const guide = SAMPLE.articles.find((a) => a.id === 'biomedicine-special-fund-application-guide-2022');
  const heading = (page) => page.getByRole('heading', { level: 2, name: '申报条件' });
  const atTop = async (page) => {
    const top = await heading(page).evaluate((h) => h.getBoundingClientRect().top);
    assert.ok(top >= -1 && top < 80, `the heading is at ${top}`);
  };
  // Opened cold, as a link shared with its #…: the static page, then the app, keep it at the top.
  let page = await newPage(browser, { serviceWorkers: 'block' });
  await page.goto(`${server.url}/articles/${notice.id}/#${encodeURIComponent('申报条件')}`);
  await atTop(page);
  await page.locator('#app:not([data-prerendered])').waitFor();
  await atTop(page);
  await page.context().close();
  // Followed in the app (from the list, which has every article), the notice's text arriving
  // after its page is drawn.
  page = await newPage(browser, { serviceWorkers: 'block' });
  await page.goto(`${server.url}/articles/`);
  await page.locator('#app:not([data-prerendered])').waitFor();
  await page.getByRole('link', { name: guide.title }).click();
  const link = page.getByRole('link', { name: '申报通知' });
  await link.scrollIntoViewIfNeeded();
  const y = await page.evaluate(() => Math.round(scrollY));
  const body = await holdRequests(page, `**/data/articles/${notice.id}-*`);
  await link.click();
  await page.waitForURL(new RegExp(`/articles/${notice.id}/#`));
  await expect.poll(() => body.asked > 0).toBe(true);
  body.release();
  await expect(heading(page)).toBeVisible();
  await atTop(page);
  // Back: the guide where the reader was.
  await page.goBack();
  await page.waitForURL(new RegExp(`/articles/${guide.id}/$`));
  await expect.poll(() => page.evaluate(() => Math.round(scrollY))).toBe(y);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a project shows its amount in 亿元, status, capacity and timeline', async () => {
  const page = await newPage(browser);
  const project = SAMPLE.projects.find((p) => p.investment?.amount === 3270000000 && p.investment.currency === 'CNY');
  assert.ok(project, 'sample has the 32.7亿元 project');
  await page.goto(`${server.url}/projects/${project.id}`);
  await expect(page.getByRole('heading', { level: 1, name: project.name })).toBeVisible();
  await expect(page.getByText('32.7亿元', { exact: true })).toBeVisible();
  // Its exact figure is on the page, not only in a tooltip a phone cannot show.
  await expect(page.getByText('3,270,000,000 元', { exact: true })).toBeVisible();
  const status = SAMPLE.taxonomies.statuses.find((s) => s.id === project.status).name;
  await expect(page.locator('.project-header .badge')).toHaveText(status);
  await expect(page.getByRole('heading', { name: '项目进度' })).toBeVisible();
  await expect(page.getByRole('link', { name: SAMPLE.site.contact.hotline })).toHaveAttribute('href', /^tel:/);
  await page.context().close();
});

test('the project list and a category page list what the bundle holds', async () => {
  const page = await newPage(browser, { mobile: false });
  await page.goto(server.url + '/projects');
  await expect(page.getByText(`共 ${SAMPLE.projects.length} 个项目`)).toBeVisible();
  await expect(page.getByText('1.61亿美元')).toBeVisible();
  // A project's year is its signing year only when it was signed: the facet says so. An
  // article's year is its date of publication, which needs no note.
  const yearNote = '按签约年份；未签约的按开工年份，再按计划投产年份';
  await page.locator('#app:not([data-prerendered])').waitFor();
  await expect(page.getByRole('group', { name: '年份' }).getByText(yearNote)).toBeVisible();
  await page.goto(server.url + '/articles');
  await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
  await expect(page.getByRole('group', { name: '年份' })).toBeVisible();
  await expect(page.getByText(yearNote)).toHaveCount(0);
  const category = SAMPLE.taxonomies.categories[0];
  await page.goto(`${server.url}/categories/${category.id}`);
  await expect(page.getByRole('heading', { level: 1, name: category.name })).toBeVisible();
  // The newest 30 of the category, and a way to all of them.
  const count = Math.min(SAMPLE.articles.filter((a) => a.category === category.id).length, 30);
  await page.locator('#app:not([data-prerendered])').waitFor();
  assert.equal(await page.locator('main article h3').count(), count);
  await page.getByRole('link', { name: '本分类全部文章：搜索和筛选 →' }).click();
  await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
  const option = page.getByRole('group', { name: '分类' }).getByRole('checkbox', { name: new RegExp(`^${category.name}`) });
  await expect(option).toBeVisible();
  assert.equal(await option.isChecked(), true);
  assert.equal(new URL(page.url()).search, `?category=${category.id}`);
  await page.context().close();
});

test('a category with no articles yet says so', async () => {
  // The publisher has set up a category before writing its first article.
  const site = copyOfDist();
  const bundle = structuredClone(SAMPLE);
  bundle.taxonomies.categories.push({ id: 'talent-policy', name: '人才政策' });
  writeFileSync(join(site.dir, 'data', 'bundle.json'), JSON.stringify(bundle));
  cpSync(join(ROOT, 'public', 'data', 'articles'), join(site.dir, 'data', 'articles'), { recursive: true });
  execFileSync(BIN, ['prerender', site.dir]);
  const server = await serve(site.dir);
  try {
    const page = await newPage(browser);
    await page.goto(`${server.url}/categories/talent-policy`);
    await expect(page.getByRole('heading', { level: 1, name: '人才政策' })).toBeVisible();
    await expect(page.getByText('本分类暂无文章。')).toBeVisible();
    await page.locator('#app:not([data-prerendered])').waitFor();
    await expect(page.getByText('本分类暂无文章。')).toBeVisible();
    await expect(page.getByRole('link', { name: '本分类全部文章：搜索和筛选 →' })).toHaveCount(0);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    server.stop();
    site.cleanup();
  }
});

/** A copy of the sample site built again from the sample bundle as `change` leaves it. */
async function sampleSiteWith(change) {
  const site = copyOfDist();
  const bundle = structuredClone(SAMPLE);
  change(bundle);
  writeFileSync(join(site.dir, 'data', 'bundle.json'), JSON.stringify(bundle));
  cpSync(join(ROOT, 'public', 'data', 'articles'), join(site.dir, 'data', 'articles'), { recursive: true });
  execFileSync(BIN, ['prerender', site.dir]);
  const server = await serve(site.dir);
  return { url: server.url, stop: () => { server.stop(); site.cleanup(); } };
}

test('a site that features no project shows its newest on the home page; one with none has no empty section, and its list says it is empty', async () => {
  // A new site's projects are written `featured = false`: before, the home page had an empty
  // 「重点项目」 heading over nothing.
  const unfeatured = await sampleSiteWith((b) => b.projects.forEach((p) => { p.featured = false; }));
  try {
    // The static page (no JavaScript), then the app's.
    for (const javaScriptEnabled of [false, true]) {
      const page = await newPage(browser, { javaScriptEnabled });
      await page.goto(unfeatured.url + '/');
      if (javaScriptEnabled) await page.locator('#app:not([data-prerendered])').waitFor();
      const section = page.getByRole('region', { name: '最新项目' });
      await expect(section.locator('.project-card')).toHaveCount(4);
      await expect(page.getByRole('heading', { name: '重点项目' })).toHaveCount(0);
      assert.deepEqual(page.errors, []);
      await page.context().close();
    }
  } finally {
    unfeatured.stop();
  }
  const none = await sampleSiteWith((b) => {
    b.projects = [];
    b.articles.forEach((a) => { delete a.related_projects; });
  });
  try {
    const page = await newPage(browser);
    await page.goto(none.url + '/');
    await page.locator('#app:not([data-prerendered])').waitFor();
    await expect(page.getByRole('heading', { level: 2, name: '最新动态' })).toBeVisible();
    await expect(page.getByRole('heading', { name: /重点项目|最新项目/ })).toHaveCount(0);
    for (const javaScriptEnabled of [false, true]) {
      const list = await newPage(browser, { javaScriptEnabled });
      await list.goto(none.url + '/projects');
      if (javaScriptEnabled) await list.locator('#app:not([data-prerendered])').waitFor();
      await expect(list.getByRole('status').filter({ hasText: '这里还没有发布内容。' })).toBeVisible();
      await expect(list.getByText('可以试试')).toHaveCount(0);
      assert.deepEqual(list.errors, []);
      await list.context().close();
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    none.stop();
  }
});

test('an article\'s tags lead to the list of every article with that tag', async () => {
  const page = await newPage(browser);
  const article = SAMPLE.articles.find((a) => a.tags.length > 0
    && SAMPLE.articles.filter((b) => b.tags.includes(a.tags[0])).length > 1);
  const tag = SAMPLE.taxonomies.tags.find((t) => t.id === article.tags[0]);
  const tagged = SAMPLE.articles.filter((b) => b.tags.includes(tag.id)).length;
  await page.goto(`${server.url}/articles/${article.id}/`);
  await page.locator('#app:not([data-prerendered])').waitFor();
  const tags = page.getByRole('navigation', { name: '标签' });
  await expect(tags.getByRole('link')).toHaveCount(article.tags.length);
  await tags.getByRole('link', { name: tag.name }).click();
  await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
  assert.equal(new URL(page.url()).search, `?tag=${tag.id}`);
  await expect(page.getByText(`共 ${tagged} 篇`)).toBeVisible();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// A page reloaded keeps the reader's history: Back from it can come to an address of the
// document before (the list the reader came from) without loading a page. A page that holds
// only its part of the data must not draw that address from it (it showed 10 of 19 articles).
test('Back from a page reloaded after the list opened it shows the whole list again, where the reader was', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/articles/`);
  await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
  await expect(page.getByText(`共 ${SAMPLE.articles.length} 篇`)).toBeVisible();
  // Down at the list's end, further than the article's page reaches, to a card there.
  await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForTimeout(300);
  const y = await page.evaluate(() => scrollY);
  const title = await page.evaluate(() => [...document.querySelectorAll('.card-title a')]
    .find((a) => a.getBoundingClientRect().top > 0).textContent);
  const card = page.getByRole('link', { name: title }).first();
  await card.click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.reload();
  await page.locator('#app:not([data-prerendered])').waitFor();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  // Reading down the article a little.
  await page.mouse.wheel(0, 300);
  await page.waitForTimeout(300);
  await page.goBack();
  await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
  await expect(page.getByText(`共 ${SAMPLE.articles.length} 篇`)).toBeVisible();
  // Where the reader was: the article page's own height had been noted as the list's place.
  await page.waitForFunction((y) => Math.abs(scrollY - y) < 2, y, { timeout: 5000 }).catch(() => {});
  assert.equal(Math.round(await page.evaluate(() => scrollY)), Math.round(y));
  const box = await page.getByRole('link', { name: title }).first().boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= page.viewportSize().height, JSON.stringify(box));
  // Forward again: the article, whole.
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the project list loads only its own part of the data, and its links load the pages they name', async () => {
  const page = await newPage(browser, { mobile: false });
  const documents = [];
  const data = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (r.resourceType() === 'document') documents.push(path);
    if (path.startsWith('/data/')) data.push(path);
  });
  // Nothing matches the words within the industry: the way out is a link to the same list.
  const industry = SAMPLE.taxonomies.industries.find((i) => SAMPLE.projects.some((p) => p.industry === i.id));
  const inIndustry = SAMPLE.projects.filter((p) => p.industry === industry.id).length;
  await page.goto(`${server.url}/projects?industry=${industry.id}&q=${encodeURIComponent('没有这样的项目')}`);
  await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
  await expect(page.getByText('没有找到符合条件的结果')).toBeVisible();
  // Every project, from a file that holds no article: never the index of the whole site. The
  // device keeps it for offline use apart from the index.
  assert.deepEqual(data.map((p) => p.replace(/-[0-9a-f]{16}\.json$/, '.json')), ['/data/projects.json']);
  const saved = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('parkreader:bundle')).sort());
  assert.deepEqual(saved, ['parkreader:bundle-meta:projects', 'parkreader:bundle:projects']);
  await page.getByRole('link', { name: `不限关键词（${inIndustry} 个结果）` }).click();
  await expect(page.getByText(`共 ${inIndustry} 个项目`)).toBeVisible();
  assert.equal(new URL(page.url()).search, `?industry=${industry.id}`);
  assert.equal(documents.length, 1, `the list's own link stays in the page: ${documents}`);
  // A project's page shows its news, which the list's part does not hold: it is loaded whole.
  const project = SAMPLE.projects.find((p) => p.industry === industry.id && p.related_articles.length > 0)
    ?? SAMPLE.projects.find((p) => p.industry === industry.id);
  await page.getByRole('link', { name: project.name }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: project.name })).toBeVisible();
  assert.deepEqual(documents.slice(1), [`/projects/${project.id}/`]);
  for (const id of project.related_articles) {
    const title = SAMPLE.articles.find((a) => a.id === id).title;
    await expect(page.getByRole('link', { name: title }).first()).toBeVisible();
  }
  // The main navigation from the list loads the article list, which has every article.
  await page.goBack();
  await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '文章' }).click();
  await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
  await expect(page.getByText(`共 ${SAMPLE.articles.length} 篇`)).toBeVisible();
  assert.equal(documents.at(-1), '/articles/');
  // The index replaced the part on the device: it holds everything the part did.
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('parkreader:bundle')).sort()),
    ['parkreader:bundle', 'parkreader:bundle-meta']);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the line breaks of a body\'s text show: a quote of two paragraphs reads as two lines', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/articles/jinshan-rural-tourism-demonstration-opens`);
  const quote = page.getByRole('blockquote');
  await expect(quote.getByText('我们希望游客来了不只是拍张照', { exact: false })).toBeVisible();
  const lines = async () => (await quote.locator('p').evaluate((p) => p.innerText)).split('\n');
  // On the static page, and once the app has drawn it again.
  assert.deepEqual(await lines(), ['我们希望游客来了不只是拍张照，而是能吃上一顿农家饭、住上一晚、带走一份土特产。', '游客留下来，村民的收入才能跟着涨。']);
  await page.locator('#app:not([data-prerendered])').waitFor();
  assert.equal((await lines()).length, 2);
  await expect(quote.getByText('—— 项目运营方负责人')).toBeVisible();
  await page.context().close();
});

test('links in an article\'s text lead to the pages they name', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/articles/jinshan-rural-tourism-demonstration-opens`);
  const body = page.locator('.prose');
  const project = SAMPLE.projects.find((p) => p.id === 'jinshan-rural-tourism-demonstration');
  // On the static page, before the app: plain links.
  await expect(body.getByRole('link', { name: '项目库' })).toHaveAttribute('href', `/projects/${project.id}/`);
  await expect(body.getByRole('link', { name: '2021年集中开工的14个项目' })).toHaveAttribute('href', '/articles/fourteen-projects-groundbreaking-2021/');
  // The text around them reads on as before.
  await expect(body.getByText('中就包含乡村旅游领域。本站', { exact: false })).toBeVisible();
  await page.locator('#app:not([data-prerendered])').waitFor();
  await body.getByRole('link', { name: '项目库' }).click();
  await expect(page.getByRole('heading', { level: 1, name: project.name })).toBeVisible();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a part in bold is bold, before and after the app', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/articles/biomedicine-special-fund-notice-2022`);
  const bold = page.locator('.prose strong', { hasText: '逾期提交或材料不全的，将不予受理' });
  await expect(bold).toBeVisible();
  await page.locator('#app:not([data-prerendered])').waitFor();
  await expect(bold).toHaveText('逾期提交或材料不全的，将不予受理');
  assert.equal(await bold.evaluate((b) => getComputedStyle(b).fontWeight), '700');
  // The sentence reads on around it.
  assert.ok((await bold.locator('xpath=..').textContent()).includes('报送盖章材料。逾期提交或材料不全的，将不予受理。申报指南'));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a link in a list item leads where it names, and an attachment is the document it names', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/articles/biomedicine-special-fund-application-guide-2022`);
  const step = page.locator('.prose ol > li').first();
  const check = async () => {
    await expect(step).toHaveText('对照申报通知确认申报条件，登录申报系统注册账号并完善企业信息；');
    // (To the notice's heading 申报条件, as the guide's file names it: `…notice-2022.md#申报条件`.)
    await expect(step.getByRole('link', { name: '申报通知' })).toHaveAttribute('href', '/articles/biomedicine-special-fund-notice-2022/#申报条件');
  };
  // On the static page, before the app, and once the app has drawn it again.
  await check();
  await page.locator('#app:not([data-prerendered])').waitFor();
  await check();
  // An attachment published with the site says its kind and size, and opens apart from the app.
  const attachment = page.locator('.prose').getByRole('link', { name: '2022年生物医药产业专项资金申报指南（PDF，1 KB）' });
  await expect(attachment).toHaveAttribute('target', '_blank');
  const href = await attachment.getAttribute('href');
  assert.match(href, /^\/files\/2022年生物医药产业专项资金申报指南-[0-9a-f]{16}\.pdf$/);
  const pdf = await page.request.get(new URL(href, server.url).href);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.ok((await pdf.body()).subarray(0, 5).equals(Buffer.from('%PDF-')));
  await step.getByRole('link', { name: '申报通知' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /关于组织申报2022年度生物医药产业发展专项资金的通知/ })).toBeVisible();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an address with an id in capitals, an old page\'s .html or punctuation after it shows the item, at its own address', async () => {
  const page = await newPage(browser);
  const article = SAMPLE.articles[0];
  await page.goto(`${server.url}/articles/${article.id.toUpperCase()}`);
  await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
  await page.waitForURL(`${server.url}/articles/${article.id}/`);
  const project = SAMPLE.projects[0];
  await page.goto(`${server.url}/projects/${project.id}.html`);
  await expect(page.getByRole('heading', { level: 1, name: project.name })).toBeVisible();
  await page.waitForURL(`${server.url}/projects/${project.id}/`);
  // Punctuation a chat message glued on after the link.
  const other = SAMPLE.articles[1];
  await page.goto(`${server.url}/articles/${other.id}${encodeURIComponent('。')}`);
  await expect(page.getByRole('heading', { level: 1, name: other.title })).toBeVisible();
  await page.waitForURL(`${server.url}/articles/${other.id}/`);
  // A zero-width space, which text copied out of a chat carries unseen, before the id.
  const fourth = SAMPLE.articles[3];
  await page.goto(`${server.url}/articles/${encodeURIComponent('\u200b')}${fourth.id}/`);
  await expect(page.getByRole('heading', { level: 1, name: fourth.title })).toBeVisible();
  await page.waitForURL(`${server.url}/articles/${fourth.id}/`);
  // After the slash the site's links end in, as a chat glues it on.
  const third = SAMPLE.articles[2];
  await page.goto(`${server.url}/articles/${third.id}/${encodeURIComponent('。')}`);
  await expect(page.getByRole('heading', { level: 1, name: third.title })).toBeVisible();
  await page.waitForURL(`${server.url}/articles/${third.id}/`);
  // The folder's own file, which a host serves as it is: the app, once up, shows it too.
  // Doubled slashes, a slip of chat and CMS links: the host serves the page, and the app, once
  // up, shows it too (it showed "page not found").
  const doubled = SAMPLE.projects[2];
  await page.goto(`${server.url}//projects//${doubled.id}/?from=groupmessage`);
  await page.locator('#app:not([data-prerendered])').waitFor();
  await expect(page.getByRole('heading', { level: 1, name: doubled.name })).toBeVisible();
  await page.waitForURL(`${server.url}/projects/${doubled.id}/?from=groupmessage`);
  const category = SAMPLE.taxonomies.categories[0];
  await page.goto(`${server.url}/categories/${category.id}/index.html`);
  await page.locator('#app:not([data-prerendered])').waitFor();
  await expect(page.getByRole('heading', { level: 1, name: category.name })).toBeVisible();
  await page.waitForURL(`${server.url}/categories/${category.id}/`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a chat\'s punctuation after a link goes to the item\'s page before the app, and without JavaScript an unknown address says it is not found', async () => {
  // The app never arrives: the plain shell's early script alone takes the reader on.
  const page = await newPage(browser, { serviceWorkers: 'block' });
  await page.route('**/*.wasm', (route) => route.abort());
  const article = SAMPLE.articles[5];
  await page.goto(`${server.url}/articles/${article.id}${encodeURIComponent('）。')}?from=singlemessage`);
  await page.waitForURL(`${server.url}/articles/${article.id}/?from=singlemessage`);
  await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
  const project = SAMPLE.projects[1];
  await page.goto(`${server.url}/projects/${project.id}.html`);
  await page.waitForURL(`${server.url}/projects/${project.id}/`);
  await expect(page.getByRole('heading', { level: 1, name: project.name })).toBeVisible();
  // A list's address with a chat's punctuation, or in capitals.
  const industry = SAMPLE.taxonomies.industries[0];
  await page.goto(`${server.url}/projects/${encodeURIComponent('。')}?industry=${industry.id}`);
  await page.waitForURL(`${server.url}/projects/?industry=${industry.id}`);
  await expect(page.getByRole('heading', { level: 1, name: '投资项目' })).toBeVisible();
  await page.goto(`${server.url}/PROJECTS/`);
  await page.waitForURL(`${server.url}/projects/`);
  await page.goto(`${server.url}/${encodeURIComponent('。')}`);
  await page.waitForURL(`${server.url}/`);
  await expect(page.getByRole('heading', { level: 1, name: SAMPLE.site.name })).toBeVisible();
  // The list's name in capitals, as typed by hand.
  await page.goto(`${server.url}/ARTICLES/${article.id}`);
  await page.waitForURL(`${server.url}/articles/${article.id}/`);
  await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
  // The whole address in capitals, the id too, and an old page's ending after it.
  await page.goto(`${server.url}/ARTICLES/${article.id.toUpperCase()}${encodeURIComponent('。')}`);
  await page.waitForURL(`${server.url}/articles/${article.id}/`);
  await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
  await page.goto(`${server.url}/projects/${project.id.toUpperCase()}.html`);
  await page.waitForURL(`${server.url}/projects/${project.id}/`);
  await expect(page.getByRole('heading', { level: 1, name: project.name })).toBeVisible();
  // The words of the message the link was pasted into, after a comma or a space.
  // After the address's closing slash too (`/articles/x/，你看看`).
  for (const tail of ['，大家看看', ' 欢迎转发！', '。详见附件', '/，你看看', '/ 欢迎转发']) {
    await page.goto(`${server.url}/articles/${article.id}${encodeURI(tail)}`);
    await page.waitForURL(`${server.url}/articles/${article.id}/`);
    await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
  }
  await page.context().close();

  const off = await browser.newContext({ javaScriptEnabled: false });
  const plain = await off.newPage();
  await plain.goto(`${server.url}/articles/no-such-article/`);
  await expect(plain.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible();
  await expect(plain.getByText('正在加载内容…')).toBeHidden();
  await plain.getByRole('link', { name: '全部文章' }).click();
  await expect(plain.getByRole('heading', { level: 1, name: '全部文章' })).toBeVisible();
  await off.close();
});

test('an address the host answers 404 says at once that the page is not found, before the app and without it', async () => {
  // A host that answers an address without a page with 404.html and status 404.
  const site = await serve(undefined, { spa: false });
  try {
    // WebAssembly never arrives: the static page alone.
    const page = await newPage(browser, { serviceWorkers: 'block' });
    await page.route('**/*.wasm', (route) => route.abort());
    const failed = page.waitForEvent('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource'));
    await page.goto(`${site.url}/articles/no-such-article/`);
    await expect(page.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible();
    await expect(page.getByText('正在加载内容…')).toHaveCount(0);
    await failed;
    // The loader's failure adds no 「页面未能加载」 to a page that says what it is.
    await expect(page.getByText('页面未能加载')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible();
    await page.getByRole('link', { name: '全部文章' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '全部文章' })).toBeVisible();
    await page.context().close();
    // On a slow link: the same at once, then the app's own, with what the link likely meant.
    const slow = await newPage(browser, { serviceWorkers: 'block' });
    const held = await holdRequests(slow, '**/*.wasm');
    await slow.goto(`${site.url}/projects/no-such-project`);
    await expect(slow.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible();
    await expect(slow.getByText('正在加载内容…')).toHaveCount(0);
    held.release();
    await expect(slow.getByText('找不到这个项目')).toBeVisible();
    await expect(slow.getByRole('heading', { level: 1, name: '页面不存在' })).toHaveCount(1);
    assert.deepEqual(slow.errors, []);
    await slow.context().close();
  } finally {
    site.stop();
  }
});

test('an unknown article id shows a friendly not-found with a way home', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/articles/no-such-article`);
  await expect(page.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible();
  await expect(page.getByText('找不到这篇文章')).toBeVisible();
  await page.getByRole('link', { name: '返回首页' }).click();
  await expect(page.getByRole('heading', { level: 1, name: SAMPLE.site.name })).toBeVisible();
  await page.goto(`${server.url}/no/such/page`);
  await expect(page.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible();
  await page.goto(`${server.url}/projects/nope`);
  await expect(page.getByText('找不到这个项目')).toBeVisible();
  // A way on to the list the reader was looking for, not only home.
  await page.getByRole('link', { name: '浏览全部项目' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '投资项目' })).toBeVisible();
  // An address mistyped (two letters swapped), or cut short by a chat: the page offers the
  // item it most likely meant.
  const article = SAMPLE.articles[3];
  const swapped = article.id.slice(0, 3) + article.id[4] + article.id[3] + article.id.slice(5);
  await page.goto(`${server.url}/articles/${swapped}`);
  await expect(page.getByText('找不到这篇文章')).toBeVisible();
  await expect(page.getByText('您要找的是不是：')).toBeVisible();
  await page.getByRole('link', { name: article.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
  const project = SAMPLE.projects.find((p) => SAMPLE.projects.filter((o) => o.id.startsWith(p.id.slice(0, 8))).length === 1);
  await page.goto(`${server.url}/projects/${project.id.slice(0, 8)}`);
  await page.getByRole('link', { name: project.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: project.name })).toBeVisible();
  // A category's address mistyped: the category it most likely meant.
  const category = SAMPLE.taxonomies.categories.find((c) => c.id.length > 5);
  await page.goto(`${server.url}/categories/${category.id.slice(0, -1)}x/`);
  await expect(page.getByText('您要找的是不是：')).toBeVisible();
  await page.locator('.not-found').getByRole('link', { name: category.name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: category.name })).toBeVisible();
  // Nothing near: no guess.
  await page.goto(`${server.url}/articles/no-such-article`);
  await expect(page.getByText('找不到这篇文章')).toBeVisible();
  await expect(page.getByText('您要找的是不是：')).toBeHidden();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an amount is never broken inside itself on a narrow phone at the largest reading size', async () => {
  // Before, 「32.7亿|元」 and 「3,270,000,0|00 元」 at 320px with 特大, and 「1.61亿美|元」 at 375px:
  // two columns of facts whatever their width.
  const projects = SAMPLE.projects.filter((p) => p.investment);
  for (const [width, size] of [[320, 'larger'], [375, 'larger'], [320, 'normal']]) {
    const page = await newPage(browser, { viewport: { width, height: 700 } });
    await page.addInitScript((s) => localStorage.setItem('parkreader:text-size', s), size);
    for (const project of projects) {
      await page.goto(`${server.url}/projects/${project.id}/`);
      await page.locator('#app:not([data-prerendered])').waitFor();
      const amount = page.locator('.fact dd[title]');
      await expect(amount).toBeVisible();
      const lines = await amount.evaluate((dd) => [dd.firstElementChild, dd.querySelector('small')].filter(Boolean)
        .map((e) => { const r = document.createRange(); r.selectNodeContents(e);
          return new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.bottom))).size; }));
      assert.ok(lines.every((n) => n === 1), `${project.id} at ${width}px, ${size}: ${await amount.textContent()} on ${lines} lines`);
    }
    await page.context().close();
  }
  // A phone of the usual width keeps its facts side by side.
  const page = await newPage(browser, { viewport: { width: 375, height: 700 } });
  await page.goto(`${server.url}/projects/${projects[0].id}/`);
  // Measured once the app has the page (read as it took over, the grid had no columns yet).
  await page.locator('#app:not([data-prerendered])').waitFor();
  const columns = await page.locator('.facts').evaluate((e) => getComputedStyle(e).gridTemplateColumns.split(' ').length);
  assert.ok(columns >= 2, `${columns} column`);
  await page.context().close();
});

test('pages fit a 390px phone screen without sideways scrolling', async () => {
  const page = await newPage(browser);
  for (const path of ['/', '/articles', `/articles/${newest[0].id}`, '/projects', `/projects/${SAMPLE.projects[0].id}`]) {
    await page.goto(server.url + path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} overflows by ${overflow}px`);
  }
  // On the narrowest phones, with the offline badge too, the header shows the site's whole name
  // and every section; before, the name was cut to 「金…」 at 320px and vanished offline.
  await page.setViewportSize({ width: 320, height: 640 });
  for (const offline of [false, true]) {
    await page.context().setOffline(offline);
    await page.evaluate((o) => window.dispatchEvent(new Event(o ? 'offline' : 'online')), offline);
    if (offline) await expect(page.getByRole('status').filter({ hasText: /^离线$/ })).toBeVisible();
    const name = page.getByRole('link', { name: SAMPLE.site.name, exact: true }).first();
    await expect(name).toBeVisible();
    const cut = await name.evaluate((e) => e.scrollWidth - e.clientWidth);
    assert.equal(cut, 0, `the site name is cut by ${cut}px (offline: ${offline})`);
    for (const section of ['首页', '文章', '项目', '收藏']) {
      const box = await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: section }).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 320, `${section} is off screen (offline: ${offline})`);
    }
  }
  await page.context().setOffline(false);
  await page.context().close();
});
