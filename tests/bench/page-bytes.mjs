// Bytes a reader's browser fetches to open each kind of page of a built site, cold, served with
// its pre-compressed copies by `parkreader serve`: everything, and the content data alone (the
// part embedded in the page, or the index and body files under data/). Prints figures.
//   node tests/bench/page-bytes.mjs [SITE_DIR]     (default dist/)
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, serve, launch } from '../e2e/support.mjs';

const site = process.argv[2] ?? DIST;
const first = (dir) => readdirSync(join(site, dir)).find((n) => !n.includes('.'));
const pages = [
  ['home', '/'],
  ['article', `/articles/${first('articles')}`],
  ['project', `/projects/${first('projects')}`],
  ['category', `/categories/${first('categories')}`],
  ['article list', '/articles'],
  ['project list', '/projects'],
];
const server = await serve(site, { spa: false });
const browser = await launch();
console.log(`## ${site}\n`);
console.log('| page | requests | fetched (all) | of it HTML | of it data files | embedded part (raw JSON) | live after |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
try {
  for (const [name, path] of pages) {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const sizes = [];
    page.on('requestfinished', async (r) => {
      const s = await r.sizes().catch(() => null);
      if (s) sizes.push([new URL(r.url()).pathname, r.resourceType(), s.responseBodySize + s.responseHeadersSize]);
    });
    const t0 = Date.now();
    const response = await page.goto(server.url + path);
    const html = (await response.text());
    const part = html.match(/<script type="application\/json" id="parkreader-part">([\s\S]*?)<\/script>/);
    await page.locator('#app:not([data-prerendered])').waitFor({ timeout: 300_000 });
    const live = Date.now() - t0;
    await page.waitForTimeout(300);
    const sum = (f) => sizes.filter(f).reduce((n, [, , b]) => n + b, 0);
    const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
    console.log(`| ${name} | ${sizes.length} | ${kb(sum(() => true))} | ${kb(sum(([, t]) => t === 'document'))} | ${kb(sum(([p]) => p.includes('/data/')))} | ${part ? kb(Buffer.byteLength(part[1])) : '—'} | ${live} ms |`);
    await context.close();
  }
} finally {
  await browser.close();
  server.stop();
}
