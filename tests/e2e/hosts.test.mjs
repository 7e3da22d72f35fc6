// The site on a host like GitHub Pages, nginx or S3, which answers a folder's address without
// its slash (`/articles/x`) with a redirect to `/articles/x/`: a reader following the site's
// own links, sharing a view and reading offline is never sent through one, since every
// address the site writes is the folder's. A link shared before (without the slash) still opens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { expect } from './expect.mjs';
import { SAMPLE, copyOfDist, launch, newPage, openFilters } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json',
  '.xml': 'application/xml', '.bin': 'application/octet-stream', '.png': 'image/png' };

/** A static host that redirects a folder's address without its slash, as nginx's default and
 * GitHub Pages do (301, the query kept), and serves `404.html` for what it does not have. */
async function redirectingHost(dir) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let path = join(dir, decodeURIComponent(url.pathname));
    if (existsSync(path) && statSync(path).isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        res.writeHead(301, { location: url.pathname + '/' + url.search });
        return res.end();
      }
      path = join(path, 'index.html');
    }
    if (!existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      return res.end(readFileSync(join(dir, '404.html')));
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    res.end(readFileSync(path));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

test('on a host that redirects a folder without its slash, the site\'s own links never pass through a redirect', async () => {
  const site = copyOfDist();
  const host = await redirectingHost(site.dir);
  try {
    const page = await newPage(browser);
    // Every response of the page and of its service worker (whose precache asks for the list
    // pages by the addresses the build wrote).
    const redirects = [];
    page.context().on('response', (r) => { if (r.status() >= 300 && r.status() < 400) redirects.push(`${r.status()} ${r.url()}`); });
    await page.goto(host.url + '/');
    await page.locator('#app:not([data-prerendered])').waitFor();
    const article = SAMPLE.articles.find((a) => a.category) ?? SAMPLE.articles[0];
    // Home → the article list → an article → its category → the project list, filtered →
    // a project: pages loaded whole (detail pages) and views drawn in place alike.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '文章' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '全部文章' })).toBeVisible();
    await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
    await page.getByRole('link', { name: article.title, exact: true }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
    assert.equal(new URL(page.url()).pathname, `/articles/${article.id}/`);
    const category = SAMPLE.taxonomies.categories.find((c) => c.id === article.category);
    await page.locator('#app:not([data-prerendered])').waitFor();
    await page.getByRole('navigation', { name: '面包屑导航' }).getByRole('link', { name: category.name }).click();
    await expect(page.getByRole('heading', { level: 1, name: category.name })).toBeVisible();
    await page.locator('#app:not([data-prerendered])').waitFor();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '项目' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '投资项目' })).toBeVisible();
    await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
    const project = SAMPLE.projects[0];
    const industry = SAMPLE.taxonomies.industries.find((i) => i.id === project.industry);
    await openFilters(page);
    await page.getByRole('group', { name: '产业' }).getByRole('checkbox', { name: new RegExp(`^${industry.name}`) }).check();
    await page.waitForURL(/\/projects\/\?industry=/);
    assert.match(page.url(), /\/projects\/\?industry=/, 'the address bar, which WeChat\'s own menu shares');
    await page.getByRole('link', { name: project.name }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: project.name })).toBeVisible();
    // The share sheet's link is the folder's address too.
    await page.locator('#app:not([data-prerendered])').waitFor();
    await page.getByRole('button', { name: '分享' }).click();
    const link = page.getByRole('dialog', { name: '分享给朋友' }).getByRole('textbox', { name: '链接' });
    await expect(link).toBeVisible();
    assert.equal(await link.inputValue(), `${SAMPLE.site.base_url}projects/${project.id}/`);
    assert.deepEqual(redirects, [], 'no redirect on the way');
    // A link shared before the slash: the host redirects it once, and it opens.
    await page.goto(`${host.url}/articles/${article.id}`);
    await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
    // (Seen by the page and by the worker that fetched it for the page.)
    assert.ok(redirects.length > 0, 'the old address was redirected');
    assert.deepEqual(new Set(redirects), new Set([`301 ${host.url}/articles/${article.id}`]));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    host.close();
    site.cleanup();
  }
});
