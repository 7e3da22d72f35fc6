// A site published under a sub-path (https://example.org/reader/), set once in the bundle's
// base_url: pages, assets, data, links, share links and QR codes all follow it.
// scripts/test.sh builds this site into dist-subpath/ before the end-to-end run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { expect } from './expect.mjs';
import { ROOT, SAMPLE, serve, launch, newPage } from './support.mjs';

const DIR = process.env.PARKREADER_SUBPATH_DIST ?? join(ROOT, 'dist-subpath');
const BASE_URL = 'https://example.org/reader/';
let server, browser;
before(async () => {
  assert.ok(existsSync(join(DIR, '404.html')), `${DIR} is built (see scripts/test.sh)`);
  [server, browser] = await Promise.all([serve(DIR, { spa: false, base: '/reader/' }), launch()]);
});
after(async () => { await browser?.close(); server?.stop(); });

test('everything works under /reader/ on a plain static host', async () => {
  const page = await newPage(browser);
  const missing = [];
  page.on('response', (r) => { if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`); });
  const article = SAMPLE.articles.find((a) => a.body && a.cover) ?? SAMPLE.articles[0];
  await page.goto(`${server.url}/reader/articles/${article.id}`);
  await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
  await expect(page.locator('.byline time')).toHaveAttribute('title', /前|今天|昨天/); // the app took over with the data
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(300);
  assert.deepEqual(missing, [], 'every asset, image and data file is found under /reader/');
  // Only the page itself is current: not the home links (site name, breadcrumb) above it.
  assert.equal(await page.locator('a[href="/reader/"][aria-current]').count(), 0);

  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '项目' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '投资项目' })).toBeVisible();
  assert.equal(new URL(page.url()).pathname, '/reader/projects/');

  await page.getByRole('button', { name: '分享' }).click();
  const sheet = page.getByRole('dialog', { name: '分享给朋友' });
  assert.equal(await sheet.getByRole('textbox', { name: '链接' }).inputValue(), `${BASE_URL}projects/`);
  const png = PNG.sync.read(await sheet.getByRole('img', { name: '本页链接的二维码' }).screenshot());
  assert.equal(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data, `${BASE_URL}projects/`);
  await page.keyboard.press('Escape');

  const industry = SAMPLE.projects[0].industry;
  await page.goto(`${server.url}/reader/projects?industry=${industry}`);
  await expect(page.getByText(/^产业：/)).toBeVisible();
  const response = await page.goto(`${server.url}/reader/no/such/page`);
  assert.equal(response.status(), 404);
  await expect(page.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible();
  await page.getByRole('link', { name: '返回首页' }).click();
  await expect(page.getByRole('heading', { level: 1, name: SAMPLE.site.name })).toBeVisible();
  assert.equal(new URL(page.url()).pathname, '/reader/');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('installable under /reader/: the manifest and the service worker follow the sub-path', async () => {
  // Chromium never offers to install from an incognito profile: use a real one.
  const profile = mkdtempSync(join(tmpdir(), 'parkreader-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    locale: 'zh-CN',
  });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto(`${server.url}/reader/`);
    await page.locator('#app:not([data-prerendered])').waitFor();
    const manifestUrl = await page.locator('link[rel="manifest"]').getAttribute('href');
    assert.equal(manifestUrl, '/reader/manifest.webmanifest');
    assert.equal(await page.locator('link[type="application/atom+xml"]').getAttribute('href'), '/reader/feed.xml');
    const manifest = await (await page.request.get(server.url + manifestUrl)).json();
    assert.equal(manifest.start_url, '/reader/');
    assert.equal(manifest.scope, '/reader/');
    assert.equal(manifest.name, SAMPLE.site.name);
    for (const icon of manifest.icons) {
      assert.ok(icon.src.startsWith('/reader/icons/'), icon.src);
      assert.equal((await page.request.get(server.url + icon.src)).status(), 200, icon.src);
    }
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(new URL(scope).pathname, '/reader/');
    // Chromium's own installability check (manifest, icons, service worker) finds nothing wrong.
    await page.waitForFunction(() => navigator.serviceWorker.controller != null);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
