// A shared link on a slow mobile link, in Chromium: when the static page paints (FCP), and when
// the app has taken it over (the moment `#app` loses `data-prerendered`), for the home page, an
// article, the project list sorted by amount, the article list and a search link, served compressed by `parkreader serve`,
// service worker blocked (a first visit). The link: 300 ms latency, 200 KB/s down, 90 KB/s up
// (CDP network emulation). Prints figures; asserts nothing.
//   node tests/bench/takeover.mjs [runs] [SITE_DIR]     (default 5 runs on dist/, after scripts/dist.sh)
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, serve, launch } from '../e2e/support.mjs';

const runs = Number(process.argv[2] ?? 5);
const site = process.argv[3] ?? DIST;
const server = await serve(site, { spa: false });
const browser = await launch();
const article = readdirSync(join(site, 'articles')).find((n) => !n.includes('.'));
const pages = [
  ['home', '/'],
  ['article', `/articles/${article}`],
  ['project list', '/projects?sort=amount'],
  ['article list', '/articles/'],
  ['article search', `/articles/?q=${encodeURIComponent('投资')}`],
];
const range = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `${s[Math.floor(s.length / 2)]} ms (${s[0]}–${s[s.length - 1]})`;
};
console.log(`## ${site}\n`);
console.log(`| page (${runs} runs) | first contentful paint, median (range) | app took over, median (range) |`);
console.log('|---|---:|---:|');
try {
  for (const [name, path] of pages) {
    const fcp = [];
    const takeover = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 300, downloadThroughput: 200 * 1024, uploadThroughput: 90 * 1024 });
      await page.addInitScript(() => {
        new MutationObserver((_, observer) => {
          const app = document.getElementById('app');
          if (app && !app.hasAttribute('data-prerendered') && app.childElementCount) {
            window.__takeover = performance.now();
            observer.disconnect();
          }
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-prerendered'] });
      });
      await page.goto(server.url + path);
      await page.waitForFunction(() => window.__takeover, null, { timeout: 60000 });
      const t = await page.evaluate(() => ({
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
        takeover: window.__takeover,
      }));
      fcp.push(Math.round(t.fcp));
      takeover.push(Math.round(t.takeover));
      await context.close();
    }
    console.log(`| ${name} | ${range(fcp)} | ${range(takeover)} |`);
  }
} finally {
  await browser.close();
  server.stop();
}
