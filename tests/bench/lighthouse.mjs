// Lighthouse (npm `lighthouse`, pinned in package.json) on the built site, with its default
// mobile profile and simulated throttling, in Debian's Chromium: scores and paint metrics for
// the home page, an article and a filtered list, served compressed by `parkreader serve`.
// Prints figures; asserts nothing.   Usage: node tests/bench/lighthouse.mjs   (after scripts/dist.sh)
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { SAMPLE, serve } from '../e2e/support.mjs';

const server = await serve(undefined, { spa: false });
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const article = SAMPLE.articles[0];
const pages = [
  ['home', '/'],
  ['article', `/articles/${article.id}`],
  ['filtered list', '/projects?industry=' + SAMPLE.taxonomies.industries[0].id + '&sort=amount'],
];
const pct = (c) => Math.round(c.score * 100);
const ms = (a) => `${Math.round(a.numericValue)} ms`;
console.log('| page | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
try {
  for (const [name, path] of pages) {
    const { lhr } = await lighthouse(server.url + path, { port: chrome.port, output: 'json', logLevel: 'error' });
    const c = lhr.categories;
    const a = lhr.audits;
    console.log(`| ${name} | ${pct(c.performance)} | ${pct(c.accessibility)} | ${pct(c['best-practices'])} | ${pct(c.seo)} | ${ms(a['first-contentful-paint'])} | ${ms(a['largest-contentful-paint'])} | ${ms(a['total-blocking-time'])} | ${a['cumulative-layout-shift'].numericValue.toFixed(3)} |`);
    for (const id of ['accessibility', 'best-practices']) {
      for (const ref of c[id].auditRefs) {
        const audit = a[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) console.log(`  ${name}: ${id} – ${audit.id}: ${audit.title}`);
      }
    }
  }
} finally {
  await chrome.kill();
  server.stop();
}
