// Per-keystroke search latency in Chromium: the built app, served by `parkreader serve`, with a
// generated bundle of N articles. For each keystroke it measures from the input event to the
// last DOM mutation it causes (results, counts, chips re-rendered), and separately the time the
// app spends answering the query in WebAssembly (its `parkreader:search` User Timing measure).
// Usage: node tests/bench/search-keystrokes.mjs 10000   (after scripts/dist.sh)
//   LAYOUT=split  builds the site the way a large site is published instead: the corpus as
//                 content files with `separate_bodies_over = 400` (bodies in their own files,
//                 searched through search shards), built by `parkreader build`, served with its
//                 compressed copies. The default serves the generated bundle whole, uncompressed.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleFile, copyOfDist, serve, launch, newPage } from '../e2e/support.mjs';

const LAYOUT = process.env.LAYOUT ?? 'whole';
const APP = process.env.PARKREADER_APP ?? join(process.env.CARGO_TARGET_DIR ?? join(process.env.HOME, '.cache/parkreader/target'), 'app', '_');

/** A site of `size` generated articles in the chosen layout: { dir, cleanup }. */
function site(size) {
  if (LAYOUT !== 'split') {
    const copy = copyOfDist();
    execFileSync(BIN, ['generate', '--articles', String(size), '--out', bundleFile(copy.dir)]);
    return copy;
  }
  const work = mkdtempSync(join(tmpdir(), 'parkreader-split-'));
  mkdirSync(join(work, 'src', 'data'), { recursive: true });
  execFileSync(BIN, ['generate', '--articles', String(size), '--out', join(work, 'src', 'data', 'bundle.json')]);
  execFileSync(BIN, ['import', join(work, 'src', 'data', 'bundle.json'), '--out', join(work, 'content')]);
  appendFileSync(join(work, 'content', 'site.toml'), '\n[build]\nseparate_bodies_over = 400\n');
  execFileSync(BIN, ['build', join(work, 'content'), '--app', APP, '--out', join(work, 'site')], { stdio: 'ignore', maxBuffer: 1 << 30 });
  return { dir: join(work, 'site'), cleanup: () => rmSync(work, { recursive: true, force: true }) };
}

const sizes = (process.argv[2] ?? '10000').split(',').map(Number);
const BIN = process.env.PARKREADER_BIN
  ?? join(process.env.CARGO_TARGET_DIR ?? join(process.env.HOME, '.cache/parkreader/target'), 'debug', 'parkreader');
const TIMEOUT = Number(process.env.TIMEOUT_MS ?? 120000);
const TYPED = ['碳纤维复合材料', '合作共赢', '丝束碳', '金山区 新材料', '产业链', '光伏组件'];

const browser = await launch();
console.log(`layout: ${LAYOUT === 'split' ? 'split (index of summaries, bodies in files searched through shards, compressed)' : 'whole (the generated bundle, bodies inline, served uncompressed)'}\n`);
console.log('| articles | cold: bytes fetched, all / data | page load to live app | index build (wasm, in slices after the list is live) | keystrokes | search p50 | search p95 | input→DOM p50 | input→DOM p95 | input→DOM max |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const size of sizes) {
  const built = site(size);
  const server = await serve(built.dir);
  const page = await newPage(browser, { mobile: false });
  // What a cold visit to the list fetches before it can search: everything, and the data.
  let bytes = 0;
  let data = 0;
  page.on('requestfinished', async (r) => {
    const s = await r.sizes().catch(() => null);
    if (!s) return;
    bytes += s.responseBodySize + s.responseHeadersSize;
    if (new URL(r.url()).pathname.includes('/data/')) data += s.responseBodySize + s.responseHeadersSize;
  });
  const t0 = Date.now();
  await page.goto(server.url + '/articles');
  // The static /articles page shows at once; wait until the app has taken it over.
  await page.locator('#app:not([data-prerendered]) #search-input').waitFor({ timeout: TIMEOUT });
  const firstList = Date.now() - t0;
  // The text index builds in slices after the list is live; type once it is complete.
  await page.waitForFunction(() => performance.getEntriesByName('parkreader:text-ready').length > 0, null, { timeout: TIMEOUT });
  const indexMs = await page.evaluate(() => performance.getEntriesByName('parkreader:index').reduce((t, e) => t + e.duration, 0));
  const { times, searches } = await page.evaluate(async (typed) => {
    const input = document.getElementById('search-input');
    const list = document.querySelector('.browse');
    // Input event to the end of the DOM update it causes, seen by a MutationObserver.
    const searches = [];
    const keystroke = async (value) => {
      performance.clearMeasures('parkreader:search');
      let last = null;
      const observer = new MutationObserver(() => { last = performance.now(); });
      observer.observe(list, { subtree: true, childList: true, characterData: true, attributes: true });
      input.focus();
      input.value = value;
      const start = performance.now();
      input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
      await new Promise((r) => setTimeout(r, 150));
      observer.disconnect();
      for (const e of performance.getEntriesByName('parkreader:search')) searches.push(e.duration);
      return (last ?? start) - start;
    };
    const out = [];
    for (let round = 0; round < 3; round++) {
      for (const text of typed) {
        const chars = [...text];
        for (let end = 1; end <= chars.length; end++) out.push(await keystroke(chars.slice(0, end).join('')));
        await keystroke('');
      }
    }
    return { times: out, searches };
  }, TYPED);
  const pct = (list, p) => {
    const sorted = [...list].sort((a, b) => a - b);
    return `${sorted[Math.round((sorted.length - 1) * p)].toFixed(2)} ms`;
  };
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  console.log(`| ${size} | ${kb(bytes)} / ${kb(data)} | ${firstList} ms | ${indexMs.toFixed(0)} ms | ${times.length} | ${pct(searches, 0.5)} | ${pct(searches, 0.95)} | ${pct(times, 0.5)} | ${pct(times, 0.95)} | ${pct(times, 1)} |`);
  await page.context().close();
  server.stop();
  built.cleanup();
}
await browser.close();
