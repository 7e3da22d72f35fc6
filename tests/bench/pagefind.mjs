// Side by side on one generated corpus: Pagefind 1.6 (npm `pagefind`, its Node API indexing the
// same article records with addCustomRecord) against parkreader's own search, both served by
// `parkreader serve` (pre-compressed files) and searched in the same Chromium. Prints index
// bytes on disk, bytes fetched by a cold query, cold and warm query latency, and precision and
// recall on fixed Chinese queries against the true set of articles containing each query.
// Prints figures; asserts nothing.
//   node tests/bench/pagefind.mjs [ARTICLES]     (after scripts/dist.sh; default 10000)
//   LAYOUT=split  builds our site as a large site is published: the corpus as content files
//                 with `separate_bodies_over = 400`, so the index holds summaries and the
//                 bodies are searched through search shards. The default publishes it whole.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { BIN, serve, launch } from '../e2e/support.mjs';

const articles = Number(process.argv[2] ?? 10000);
const QUERIES = [
  ['word', '碳纤维'], ['word', '生物医药'], ['word', '招商'],
  ['phrase', '合作共赢'], ['phrase', '青浦生物医药'], ['phrase', '重大项目签约'],
  ['mid-word', '丝束碳'], ['mid-word', '纤维复'], ['mid-word', '物医'],
  ['mixed', '48K'], ['mixed', '5G'], ['mixed', '32.7亿元'],
];
const app = process.env.PARKREADER_APP ?? join(process.env.CARGO_TARGET_DIR ?? '', 'app', '_');
const work = mkdtempSync(join(tmpdir(), 'parkreader-pagefind-'));
const du = (dir, suffix = '') => readdirSync(dir, { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile() && e.name.endsWith(suffix))
  .reduce((n, e) => n + statSync(join(e.parentPath ?? e.path, e.name)).size, 0);

try {
  // The corpus, and our site built from it.
  mkdirSync(join(work, 'src', 'data'), { recursive: true });
  execFileSync(BIN, ['generate', '--articles', String(articles), '--out', join(work, 'src', 'data', 'bundle.json')]);
  if (process.env.LAYOUT === 'split') {
    execFileSync(BIN, ['import', join(work, 'src', 'data', 'bundle.json'), '--out', join(work, 'content')], { stdio: 'ignore' });
    appendFileSync(join(work, 'content', 'site.toml'), '\n[build]\nseparate_bodies_over = 400\n');
    execFileSync(BIN, ['build', join(work, 'content'), '--app', app, '--out', join(work, 'site')], { stdio: 'ignore' });
  } else {
    execFileSync(BIN, ['build', join(work, 'src', 'data', 'bundle.json'), '--app', app, '--out', join(work, 'site')], { stdio: 'ignore' });
  }
  const bundle = JSON.parse(readFileSync(join(work, 'src', 'data', 'bundle.json'), 'utf8'));
  const name = (list, id) => list.find((t) => t.id === id)?.name ?? '';
  const text = (blocks) => (blocks ?? []).map((b) => b.text ?? b.caption ?? b.image?.alt ?? (b.items ?? []).join(' ')).join(' ');
  const fold = (s) => s.normalize('NFKC').toLowerCase();
  // The fields both engines index: title; tags and category; summary; body.
  const records = bundle.articles.map((a) => ({
    id: a.id,
    fields: [a.title, [...a.tags.map((t) => name(bundle.taxonomies.tags, t)), name(bundle.taxonomies.categories, a.category)].join(' '), a.summary, text(a.body)],
  }));
  const truth = (q) => new Set(records
    .filter((r) => fold(q).split(/\s+/).every((term) => r.fields.some((f) => fold(f).includes(term))))
    .map((r) => r.id));

  // Pagefind's index of the same records, written into the site.
  const { index } = await pagefind.createIndex({ forceLanguage: 'zh-cn' });
  for (const r of records) {
    await index.addCustomRecord({ url: `/articles/${r.id}/`, content: r.fields.join('\n'), language: 'zh-cn', meta: { title: r.fields[0] } });
  }
  await index.writeFiles({ outputPath: join(work, 'site', 'pagefind') });
  await pagefind.close();
  // Result id → article, from the fragment files.
  const fragments = new Map();
  for (const f of readdirSync(join(work, 'site', 'pagefind', 'fragment'))) {
    let raw = gunzipSync(readFileSync(join(work, 'site', 'pagefind', 'fragment', f)));
    const json = raw.toString('utf8');
    const at = json.indexOf('{');
    const url = JSON.parse(json.slice(at)).url;
    fragments.set(f.replace(/\.pf_fragment$/, ''), url.split('/')[2]);
  }

  const server = await serve(join(work, 'site'), { spa: false });
  const browser = await launch();
  const fresh = async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // All bytes, and those of the index alone (not the engine's code).
    let bytes = 0;
    let data = 0;
    page.on('requestfinished', async (r) => {
      const s = await r.sizes().catch(() => null);
      if (!s) return;
      const n = s.responseBodySize + s.responseHeadersSize;
      bytes += n;
      if (/\/data\/|\.pf_(meta|index|fragment|filter)$/.test(new URL(r.url()).pathname)) data += n;
    });
    return { page, context, bytes: () => bytes, data: () => data, reset: () => { bytes = 0; data = 0; } };
  };
  const rows = [];
  try {
    for (const [kind, q] of QUERIES) {
      const want = truth(q);
      // Pagefind, cold: a fresh browser context on a page of the site, then import and search.
      const pf = await fresh();
      await pf.page.goto(`${server.url}/robots.txt`);
      pf.reset();
      const cold = await pf.page.evaluate(async (q) => {
        const t0 = performance.now();
        const api = await import('/pagefind/pagefind.js');
        await api.init();
        const r = await api.search(q);
        return { ms: performance.now() - t0, ids: r.results.map((x) => x.id) };
      }, q);
      await pf.page.waitForTimeout(200);
      const pfBytes = pf.bytes();
      const pfData = pf.data();
      const warm = await pf.page.evaluate(async (q) => {
        const api = await import('/pagefind/pagefind.js');
        const t0 = performance.now();
        await api.search(q);
        return performance.now() - t0;
      }, q);
      await pf.context.close();
      const got = new Set(cold.ids.map((id) => fragments.get(id)));
      const hit = [...got].filter((id) => want.has(id)).length;

      // Ours, cold: the list page opened with the query in a fresh context, until the count shows.
      const us = await fresh();
      const t0 = Date.now();
      await us.page.goto(`${server.url}/articles?q=${encodeURIComponent(q)}`);
      await us.page.locator('#app:not([data-prerendered]) .result-count').waitFor();
      await us.page.waitForFunction(() => performance.getEntriesByName('parkreader:text-ready').length > 0 || !document.querySelector('.loading'));
      // Until the search shards it needs have arrived, the count says it is searching.
      await us.page.waitForFunction(() => /\d/.test(document.querySelector('.result-count')?.textContent ?? '') && !document.querySelector('[aria-busy="true"]'));
      const count = Number((await us.page.locator('.result-count').textContent()).replace(/\D/g, ''));
      const ourCold = Date.now() - t0;
      // Bodies published as separate files are fetched for snippets once typing pauses (400 ms).
      await us.page.waitForTimeout(process.env.LAYOUT === 'split' ? 1000 : 200);
      const ourBytes = us.bytes();
      const ourData = us.data();
      // Warm: the same query typed again into the live page; the app's own search timing.
      await us.page.evaluate(() => performance.clearMeasures('parkreader:search'));
      await us.page.locator('#search-input').fill('');
      await us.page.locator('#search-input').fill(q);
      await us.page.waitForFunction(() => performance.getEntriesByName('parkreader:search').length > 0);
      const ourWarm = await us.page.evaluate(() => Math.max(...performance.getEntriesByName('parkreader:search').map((e) => e.duration)));
      await us.context.close();

      rows.push({ kind, q, truth: want.size, pfCount: got.size, pfPrecision: got.size ? hit / got.size : 1, pfRecall: want.size ? hit / want.size : 1,
        pfBytes, pfData, ourData, pfCold: cold.ms, pfWarm: warm, ourCount: count, ourBytes, ourCold, ourWarm });
    }
  } finally {
    await browser.close();
    server.stop();
  }

  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  const ms = (n) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
  const pct = (x) => `${(x * 100).toFixed(1)}%`;
  const dataBundle = readdirSync(join(work, 'site', 'data')).find((f) => /^bundle-.*\.json$/.test(f));
  console.log(`## ${articles} generated articles, our layout: ${process.env.LAYOUT === 'split' ? 'split (bodies in files, searched through shards)' : 'whole'}\n`);
  console.log('| index on disk | Pagefind | parkreader |');
  console.log('|---|---:|---:|');
  // Ours: the index, plus the search shards in the split layout.
  const shardDir = join(work, 'site', 'data', 'search');
  const shards = (suffix) => (existsSync(shardDir) ? du(shardDir, suffix) : 0);
  console.log(`| raw | ${kb(du(join(work, 'site', 'pagefind')))} | ${kb(statSync(join(work, 'site', 'data', dataBundle)).size + shards('.bin'))} |`);
  console.log(`| as served (Pagefind's files are gzip already; our .br) | ${kb(du(join(work, 'site', 'pagefind')))} | ${kb(statSync(join(work, 'site', 'data', `${dataBundle}.br`)).size + shards('.bin.br'))} |`);
  if (existsSync(shardDir)) console.log(`| of ours, search shards (raw / .br) | | ${kb(shards('.bin'))} / ${kb(shards('.bin.br'))} |`);
  console.log('\n| kind | query | true | Pagefind results | precision | recall | parkreader results | precision | recall | cold fetch PF / ours | of it index PF / ours | cold PF / ours | warm PF / ours |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    // Our search returns exactly the articles containing the query (tests/ and crates/core
    // prove it against brute force); here the count is checked against the truth.
    const exact = r.ourCount === r.truth;
    console.log(`| ${r.kind} | ${r.q} | ${r.truth} | ${r.pfCount} | ${pct(r.pfPrecision)} | ${pct(r.pfRecall)} | ${r.ourCount} | ${exact ? '100%' : '?'} | ${exact ? '100%' : '?'} | ${kb(r.pfBytes)} / ${kb(r.ourBytes)} | ${kb(r.pfData)} / ${kb(r.ourData)} | ${ms(r.pfCold)} / ${ms(r.ourCold)} | ${ms(r.pfWarm)} / ${ms(r.ourWarm)} |`);
  }
  console.log('\nCold: a fresh browser context. Pagefind: import, init and search() until it answers. parkreader: opening /articles?q=… until the count shows (page, app, index download and build).');
  console.log('Warm: the same query again in that context. Pagefind: search(). parkreader: the User Timing measure of the search on a keystroke.');
} finally {
  rmSync(work, { recursive: true, force: true });
}
