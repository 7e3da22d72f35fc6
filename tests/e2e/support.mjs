// Shared pieces for the end-to-end specs: a real static server over a built site, a real
// Chromium, and the sample bundle to know what the reader should see.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = join(ROOT, 'dist');
export const SAMPLE = JSON.parse(readFileSync(join(ROOT, 'public', 'data', 'bundle.json'), 'utf8'));

const TARGET = process.env.CARGO_TARGET_DIR ?? join(process.env.HOME, '.cache/parkreader/target');
export const BIN = process.env.PARKREADER_BIN ?? join(TARGET, 'debug', 'parkreader');
/** The app Trunk built for a site at `/` (scripts/dist.sh), for tests that build sites of their own. */
export const APP = join(TARGET, 'app', '_');

/** Serves `dir` with `parkreader serve` on a free port; resolves to { url, stop }. */
export function serve(dir = DIST, { spa = true, base = '/' } = {}) {
  const args = ['serve', dir, '--port', '0', '--base', base, ...(spa ? ['--spa'] : [])];
  const child = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/at (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) resolve({ url: m[1], stop: () => child.kill() });
    });
  });
}

/** The bundle file a built site's pages load (its name carries a content hash): the index, or
 * what the page at `page` (a file of the site) names, such as the project list's part. */
export function bundleFile(dir, page = '404.html') {
  const shell = readFileSync(join(dir, page), 'utf8');
  const url = shell.match(/<meta name="parkreader-bundle" content="([^"]+)"/)[1];
  return join(dir, url.replace(/^\//, ''));
}

/** A copy of dist/ in a temporary folder, to break on purpose; `cleanup` removes it. */
export function copyOfDist() {
  const dir = mkdtempSync(join(tmpdir(), 'parkreader-dist-'));
  // Timestamps kept: a .br older than its file is not served (serve.rs), and a copy in
  // directory order would otherwise decide which compressed copies count.
  cpSync(DIST, dir, { recursive: true, preserveTimestamps: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** Holds the page's requests matching `pattern` until `release()`: a slow network, where the
 * prerendered page is on screen long before the app can take it over. `asked` counts the
 * requests held. */
export async function holdRequests(page, pattern) {
  let release;
  const released = new Promise((r) => { release = r; });
  const held = { asked: 0, release: () => release() };
  await page.route(pattern, async (route) => { held.asked += 1; await released; await route.continue(); });
  return held;
}

/** Waits until `fn`, run in the page (it may be async), gives a truthy value, asking every 100 ms
 * for at most `timeout` ms. Not `page.waitForFunction`: given an async function, it takes the
 * promise itself for a truthy value and returns at once. */
export async function until(page, fn, arg, { timeout = 30000 } = {}) {
  const end = Date.now() + timeout;
  while (!(await page.evaluate(fn, arg))) {
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${fn}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A phone-sized page that fails the test on any uncaught page error. `options` go to the
 * browser context (e.g. `{ serviceWorkers: 'block' }`, as in iOS in-app webviews). */
export async function newPage(browser, { mobile = true, ...options } = {}) {
  const context = await browser.newContext({
    ...(mobile
      ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' }
      : { viewport: { width: 1280, height: 900 }, locale: 'zh-CN' }),
    ...options,
  });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e));
  // A navigation that times out, or a check that fails (expect.mjs), says which requests were
  // still open: a response that never came looks like a page that never updated.
  const open = new Set();
  page.on('request', (r) => open.add(r));
  page.on('requestfinished', (r) => open.delete(r));
  page.on('requestfailed', (r) => open.delete(r));
  page.openRequests = () =>
    [...open].map((r) => `${r.method()} ${r.url()}${r.serviceWorker() ? ' (service worker)' : ''}`).join(', ') || 'none';
  const goto = page.goto.bind(page);
  page.goto = async (...args) => {
    try {
      return await goto(...args);
    } catch (e) {
      e.message += `\nrequests still open: ${page.openRequests()}`;
      throw e;
    }
  };
  return page;
}

/** Opens a list's filters as a reader does on a phone, where they are folded behind 「筛选」
 * (Filters; on a wide screen they are open already). */
export async function openFilters(page) {
  const filters = page.locator('#app details.filters');
  if (!(await filters.evaluate((d) => d.open))) await filters.locator('summary', { hasText: /筛选|Filters/ }).click();
  await filters.locator('.facets').waitFor();
}
