// What a reader sees when the content cannot be used: the problem named in plain words, a
// retry that works, and nothing lost. Each case serves a real copy of dist/ with the data
// broken on purpose.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from './expect.mjs';
import { ROOT, SAMPLE, bundleFile, copyOfDist, serve, launch, newPage } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const article = SAMPLE.articles.find((a) => a.body);

async function withBrokenSite(breakIt, run, page = '404.html') {
  const site = copyOfDist();
  const file = bundleFile(site.dir, page);
  const good = readFileSync(file);
  breakIt(file);
  const server = await serve(site.dir, { spa: false });
  try {
    await run({ ...server, dir: site.dir }, () => writeFileSync(file, good));
  } finally {
    server.stop();
    site.cleanup();
  }
}

// The article list is prerendered and downloads the site's bundle; a detail page carries its own
// part of it and needs no download (the last test).
const newestTitle = [...SAMPLE.articles].sort((a, b) => b.published.localeCompare(a.published))[0].title;

test('a prerendered page keeps its content when the data is invalid, names the problem, and retry recovers', async () => {
  await withBrokenSite((file) => copyFileSync(join(ROOT, 'tests/fixtures/broken/dangling-references.json'), file), async (server, repair) => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/articles`);
    const notice = page.getByRole('alert');
    await expect(notice.getByText('内容数据有误')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: '全部文章' })).toBeVisible();
    await expect(page.getByRole('link', { name: newestTitle }).first()).toBeVisible();
    await notice.getByText('技术细节').click();
    await expect(notice.getByText('articles[0].category: "news" is not a category in taxonomies.categories')).toBeVisible();
    // The publisher fixes the file; the reader taps retry and the app takes over.
    repair();
    await notice.getByRole('button', { name: '重试' }).click();
    await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
    await expect(page.getByText(`共 ${SAMPLE.articles.length} 篇`)).toBeVisible();
    await expect(page.getByRole('alert')).toBeHidden();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

test('a page the app builds itself shows the error screen, and retry loads the fixed data', async () => {
  await withBrokenSite((file) => copyFileSync(join(ROOT, 'tests/fixtures/broken/dangling-references.json'), file), async (server, repair) => {
    const page = await newPage(browser);
    // No static file for this address: 404.html starts the app, which needs the data.
    await page.goto(`${server.url}/articles/not-published-yet`);
    await expect(page.getByRole('heading', { level: 1, name: '内容数据有误' })).toBeVisible();
    await expect(page.getByText('格式有误')).toBeVisible();
    await page.getByText('技术细节').click();
    await expect(page.getByText('projects[1].related_articles[0]: "ghost" is not an article id in articles')).toBeVisible();
    repair();
    await page.getByRole('button', { name: '重试' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible();
    await expect(page.getByText('找不到这篇文章')).toBeVisible();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

// A publisher uploads a cut-short bundle, then the whole file again with its old date (`cp -a`,
// `rsync -a`, `scp -p`): a host answers a browser that asks whether its copy is still current
// "304, yes" by date, so a retry that only asks keeps the cut-short copy for ever.
test('retry fetches a bundle put back with an older date than the broken copy, and a reload keeps it', async () => {
  let dated;
  await withBrokenSite((file) => {
    const good = readFileSync(file);
    dated = statSync(file).mtime;
    writeFileSync(file, good.subarray(0, good.length >> 1));
  }, async (server, repair) => {
    const file = bundleFile(server.dir);
    const page = await newPage(browser);
    await page.goto(`${server.url}/articles`);
    const notice = page.getByRole('alert');
    await expect(notice.getByText('内容数据有误')).toBeVisible();
    repair();
    utimesSync(file, dated, dated);
    await notice.getByRole('button', { name: '重试' }).click();
    await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
    await expect(page.getByText(`共 ${SAMPLE.articles.length} 篇`)).toBeVisible();
    await expect(page.getByRole('alert')).toBeHidden();
    await page.reload();
    await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
    await expect(page.getByText(`共 ${SAMPLE.articles.length} 篇`)).toBeVisible();
    await expect(page.getByRole('alert')).toBeHidden();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

test('data that is not JSON is reported with line and column', async () => {
  await withBrokenSite((file) => copyFileSync(join(ROOT, 'tests/fixtures/broken/not-json.json'), file), async (server) => {
    const page = await newPage(browser);
    await page.goto(server.url + '/projects');
    await expect(page.getByRole('alert').getByText('内容数据有误')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: '投资项目' })).toBeVisible();
    await page.getByText('技术细节').click();
    await expect(page.getByText('the bundle is not valid JSON (line 5, column 3)')).toBeVisible();
    await page.context().close();
  }, 'projects/index.html');
});

test('missing data (an old cached page after a new deploy) keeps the page readable', async () => {
  await withBrokenSite((file) => rmSync(file), async (server) => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/articles`);
    await expect(page.getByRole('alert').getByText('找不到内容数据')).toBeVisible();
    await expect(page.getByRole('alert').getByText('HTTP 404')).toBeVisible();
    await expect(page.getByRole('link', { name: newestTitle }).first()).toBeVisible();
    await expect(page.getByRole('button', { name: '重试' })).toBeVisible();
    await page.context().close();
  });
});

test('missing data on a shared search link shows the whole saved list and says so, not a filtering placeholder for ever', async () => {
  await withBrokenSite((file) => rmSync(file), async (server) => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/articles/?q=${encodeURIComponent('碳纤维')}`);
    const alert = page.getByRole('alert');
    await expect(alert.getByText('找不到内容数据')).toBeVisible();
    await expect(alert.getByText('下面是本页保存的全部列表，未按链接中的条件筛选。')).toBeVisible();
    await expect(page.getByText('正在按链接中的条件筛选')).toBeHidden();
    await expect(page.getByRole('link', { name: newestTitle }).first()).toBeVisible();
    // The static page's controls, which only the app works, are off; the retry is not.
    await expect(page.getByRole('searchbox').first()).toBeDisabled();
    assert.equal(await alert.getByRole('button', { name: '重试' }).isEnabled(), true);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

test('the saved page with the data gone lists what this device keeps and says what went wrong', async () => {
  await withBrokenSite((file) => rmSync(file), async (server) => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/saved/`);
    await expect(page.getByRole('alert').getByText('找不到内容数据')).toBeVisible();
    await expect(page.getByText('还没有收藏')).toBeVisible();
    // The static page's placeholder, which only the app replaces, is gone.
    await expect(page.getByText('正在读取本机保存的内容')).toHaveCount(0);
    await page.context().close();
  });
});

test('a detail page carries its own data: it comes alive with the site bundle gone', async () => {
  await withBrokenSite((file) => rmSync(file), async (server) => {
    const page = await newPage(browser);
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(`${server.url}/articles/${article.id}`);
    await page.locator('#app:not([data-prerendered])').waitFor();
    await expect(page.getByText(article.body.find((b) => b.type === 'paragraph').text)).toBeVisible();
    // Live: relative dates and a working share sheet, with no alert and no data download.
    await expect(page.locator('.byline time')).toHaveAttribute('title', /前|今天|昨天/);
    await page.getByRole('button', { name: '分享' }).first().click();
    await expect(page.getByRole('dialog')).toBeVisible();
    assert.equal(await page.getByRole('alert').count(), 0);
    assert.deepEqual(requests.filter((p) => p.startsWith('/data/')), []);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
