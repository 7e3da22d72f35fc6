// What a reader sees when the content cannot be used: a named problem, a retry that works,
// and nothing lost. Each case serves a real copy of dist/ with the bundle broken on purpose.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from './expect.mjs';
import { ROOT, SAMPLE, bundleFile, copyOfDist, serve, launch, newPage } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('an invalid bundle names the problems, and retry loads the fixed bundle', async () => {
  const site = copyOfDist();
  const bundlePath = bundleFile(site.dir);
  const good = readFileSync(bundlePath);
  copyFileSync(join(ROOT, 'tests/fixtures/broken/dangling-references.json'), bundlePath);
  const server = await serve(site.dir);
  try {
    const page = await newPage(browser);
    await page.goto(server.url + '/articles');
    await expect(page.getByRole('heading', { level: 1, name: '内容数据有误' })).toBeVisible();
    await expect(page.getByText('格式有误')).toBeVisible();
    await page.getByText('技术细节').click();
    await expect(page.getByText('articles[0].category: "news" is not a category in taxonomies.categories')).toBeVisible();
    // The publisher fixes the file; the reader taps retry and gets the content, same URL.
    writeFileSync(bundlePath, good);
    await page.getByRole('button', { name: '重试' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '全部文章' })).toBeVisible();
    await expect(page.getByText(`共 ${SAMPLE.articles.length} 篇`)).toBeVisible();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    server.stop();
    site.cleanup();
  }
});

test('a bundle that is not JSON says so, with line and column', async () => {
  const site = copyOfDist();
  copyFileSync(join(ROOT, 'tests/fixtures/broken/not-json.json'), bundleFile(site.dir));
  const server = await serve(site.dir);
  try {
    const page = await newPage(browser);
    await page.goto(server.url + '/');
    await expect(page.getByRole('heading', { level: 1, name: '内容数据有误' })).toBeVisible();
    await page.getByText('技术细节').click();
    await expect(page.getByText('the bundle is not valid JSON (line 5, column 3)')).toBeVisible();
    await page.context().close();
  } finally {
    server.stop();
    site.cleanup();
  }
});

test('a missing bundle shows a not-found-data screen with retry', async () => {
  const site = copyOfDist();
  rmSync(bundleFile(site.dir));
  const server = await serve(site.dir);
  try {
    const page = await newPage(browser);
    await page.goto(server.url + `/articles/${SAMPLE.articles[0].id}`);
    await expect(page.getByRole('heading', { level: 1, name: '找不到内容数据' })).toBeVisible();
    await expect(page.getByText('HTTP 404')).toBeVisible();
    await expect(page.getByRole('button', { name: '重试' })).toBeVisible();
    await page.context().close();
  } finally {
    server.stop();
    site.cleanup();
  }
});
