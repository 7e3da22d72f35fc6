// Byte budgets of the built sample site, as a host serving the .br copies sends them. Bytes are
// deterministic for a given toolchain, so they are asserted here; times are not (see
// scripts/bench.sh). The budgets live in tests/budget.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ROOT } from './support.mjs';

const BUDGET = JSON.parse(readFileSync(join(ROOT, 'tests', 'budget.json'), 'utf8'));
const br = (file) => statSync(`${file}.br`).size;
const top = readdirSync(DIST);
const one = (pattern) => {
  const found = top.filter((f) => pattern.test(f));
  assert.equal(found.length, 1, `one file matching ${pattern} in dist/: ${found}`);
  return join(DIST, found[0]);
};

function pages(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return pages(path);
    return e.name === 'index.html' ? [path] : [];
  });
}

test('what a reader downloads stays within its byte budget', () => {
  const bySize = (list) => list.map((p) => [br(p), p]).sort((a, b) => b[0] - a[0])[0];
  const largest = bySize(pages(DIST));
  // The pages shared links open most: the home page and each article's, project's and
  // category's (not the lists, which carry the whole list).
  const detail = bySize(pages(DIST).filter((p) => /\/(articles|projects|categories)\/[^/]+\/index\.html$/.test(p) || p === join(DIST, 'index.html')));
  const sizes = {
    wasm: br(one(/_bg\.wasm$/)),
    js: br(one(/^parkreader-app-[0-9a-f]+\.js$/)),
    css: br(one(/^main-[0-9a-f]+\.css$/)),
    shell: br(join(DIST, '404.html')),
    service_worker: br(join(DIST, 'sw.js')),
    home_page: br(join(DIST, 'index.html')),
    largest_page: largest[0],
    largest_detail_page: detail[0],
  };
  const over = [];
  for (const [name, bytes] of Object.entries(sizes)) {
    console.log(`${name.padEnd(16)} ${String(bytes).padStart(8)} B brotli (budget ${BUDGET[name]})`);
    if (!(bytes <= BUDGET[name])) over.push(`${name}: ${bytes} > ${BUDGET[name]}${name === 'largest_page' ? ` (${largest[1]})` : name === 'largest_detail_page' ? ` (${detail[1]})` : ''}`);
  }
  assert.deepEqual(over, []);
});
