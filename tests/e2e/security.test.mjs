// Hostile input in a real Chromium: a bundle whose every text field carries script, markup,
// javascript:/data:/vbscript: strings, bidi overrides and control characters, plus an SVG with
// script, built into a site by `parkreader build`, and list URLs a stranger might send. No
// script may run (a canary stays unset), every link must be http(s), tel: or mailto:, and the
// strict Content-Security-Policy must hold with no violation on any page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP, BIN, DIST, ROOT, SAMPLE, serve, launch, newPage } from './support.mjs';

const HOSTILE = join(ROOT, 'tests', 'fixtures', 'hostile');
const { payloads } = JSON.parse(readFileSync(join(HOSTILE, 'payloads.json'), 'utf8'));
const { queries } = JSON.parse(readFileSync(join(HOSTILE, 'queries.json'), 'utf8'));

/** The sample with a payload added to every text field a reader sees. */
function hostileBundle() {
  const b = structuredClone(SAMPLE);
  let i = 0;
  const next = () => payloads[i++ % payloads.length];
  const taint = (s) => `${s} ${next()}`;
  b.site.name = taint(b.site.name);
  b.site.description = taint(b.site.description);
  b.site.copyright = taint(b.site.copyright ?? '');
  // (The WeChat ID carries none: only letters, digits, `_` and `-` are one, and the build
  // refuses anything else, tests/fixtures/broken/unsafe-links.json.)
  b.site.contact.inquiry_checklist = b.site.contact.inquiry_checklist.map(taint);
  for (const list of Object.values(b.taxonomies)) for (const t of list) t.name = taint(t.name);
  for (const a of b.articles) {
    a.title = taint(a.title);
    a.summary = taint(a.summary ?? '');
    if (a.author) a.author = taint(a.author);
    if (a.source) a.source.name = taint(a.source.name);
    for (const block of a.body ?? []) {
      if ('text' in block) block.text = taint(block.text);
      if (block.items) block.items = block.items.map(taint);
      if (block.caption) block.caption = taint(block.caption);
      if (block.image) block.image.alt = taint(block.image.alt);
    }
  }
  // A figure named after an SVG that carried script: the build refuses that file (below).
  const withFigure = b.articles.find((a) => (a.body ?? []).some((x) => x.type === 'figure'));
  withFigure.body.find((x) => x.type === 'figure').image.src = '/media/payload.svg';
  for (const p of b.projects) {
    p.name = taint(p.name);
    p.summary = taint(p.summary ?? '');
    if (p.investor) p.investor = taint(p.investor);
    for (const c of p.capacity ?? []) c.product = taint(c.product);
  }
  return { bundle: b, svgArticle: withFigure };
}

/** Collects CSP violations from the first script on, in every page the context opens. */
async function watchPolicy(page) {
  await page.context().addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
}

/** Asserts nothing ran and every link is safe on the page as it stands. */
async function assertSafe(page, where) {
  const state = await page.evaluate(() => ({
    pwned: window.__pwned ?? null,
    violations: window.__violations ?? [],
    links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
    handlers: [...document.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((at) => at.name.startsWith('on')).map((at) => `${el.tagName} ${at.name}`)),
    frames: document.querySelectorAll('iframe, object, embed').length,
  }));
  assert.equal(state.pwned, null, `${where}: a payload ran`);
  assert.deepEqual(state.violations, [], `${where}: CSP violations`);
  assert.deepEqual(state.handlers, [], `${where}: event-handler attributes in the DOM`);
  assert.equal(state.frames, 0, `${where}: frames or plugins in the DOM`);
  const bad = state.links.filter((href) => !/^(https?:|tel:|mailto:)/.test(href));
  assert.deepEqual(bad, [], `${where}: links with other schemes`);
}

test('a hostile bundle shows its text as text, runs nothing, and keeps every link safe', async () => {
  const work = mkdtempSync(join(tmpdir(), 'parkreader-hostile-'));
  const browser = await launch();
  let server;
  try {
    const { bundle, svgArticle } = hostileBundle();
    mkdirSync(join(work, 'src', 'data'), { recursive: true });
    cpSync(join(ROOT, 'public', 'data', 'articles'), join(work, 'src', 'data', 'articles'), { recursive: true });
    cpSync(join(ROOT, 'public', 'media'), join(work, 'src', 'media'), { recursive: true });
    cpSync(join(HOSTILE, 'payload.svg'), join(work, 'src', 'media', 'payload.svg'));
    writeFileSync(join(work, 'src', 'data', 'bundle.json'), JSON.stringify(bundle));
    const build = () => execFileSync(BIN, ['build', join(work, 'src', 'data', 'bundle.json'), '--app', APP, '--out', join(work, 'site')], { stdio: 'pipe' });
    // The builder will not publish an SVG that could run script on the site's origin…
    assert.throws(build, (e) => /payload\.svg: is an SVG with a <script> element/.test(String(e.stderr)));
    // …so the page that shows it gets a plain one under that name.
    cpSync(join(ROOT, 'public', 'media', readdirSync(join(ROOT, 'public', 'media')).find((f) => f.endsWith('.svg'))), join(work, 'src', 'media', 'payload.svg'));
    build();
    server = await serve(join(work, 'site'));
    const page = await newPage(browser);
    await watchPolicy(page);

    const article = bundle.articles[0];
    const pages = ['/', '/articles', `/articles/${article.id}`, `/articles/${svgArticle.id}`, '/projects',
      `/projects/${bundle.projects[0].id}`, '/saved'];
    for (const path of pages) {
      // The prerendered page first, as a phone sees it before WebAssembly…
      const response = await page.goto(server.url + path);
      assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
      await assertSafe(page, `${path} (static)`);
      // …then the app, which renders the same bundle itself.
      await page.locator('#app:not([data-prerendered])').waitFor();
      await page.locator('.loading').waitFor({ state: 'detached' });
      await assertSafe(page, `${path} (app)`);
    }
    // The payloads are on screen, as the characters they are.
    await page.goto(server.url + `/articles/${article.id}`);
    await page.locator('#app:not([data-prerendered])').waitFor();
    const heading = page.getByRole('heading', { level: 1, name: article.title, exact: true });
    await heading.waitFor();
    assert.equal(await heading.textContent(), article.title);
    // The share sheet and its QR code, and a search for a payload.
    await page.getByRole('button', { name: /分享/ }).first().click();
    await page.getByRole('dialog').waitFor();
    await assertSafe(page, 'share sheet');
    await page.keyboard.press('Escape');
    await page.goto(server.url + '/articles');
    await page.locator('#app:not([data-prerendered]) #search-input').fill('<script>');
    await page.getByText(/共 \d+ 篇/).waitFor();
    assert.ok(await page.locator('mark').count() > 0, 'the typed markup is found and marked as text');
    await assertSafe(page, 'search for <script>');
    assert.deepEqual(page.errors, []);
  } finally {
    server?.stop();
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
});

test('list URLs a stranger sends give a page, never a script or a crash', async () => {
  const server = await serve(DIST);
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await watchPolicy(page);
    for (const [i, qs] of queries.entries()) {
      for (const list of ['/articles', '/projects']) {
        await page.goto(`${server.url}${list}?${qs}`);
        await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
        await page.getByRole('status').filter({ hasText: /共 \d+/ }).waitFor();
        await assertSafe(page, `${list} query ${i}`);
      }
    }
    // A bad share link is a friendly not-found, with the way home.
    for (const path of ['/articles/%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E', '/projects/javascript:alert(1)']) {
      await page.goto(server.url + path);
      await page.getByRole('link', { name: /首页|返回/ }).first().waitFor();
      await assertSafe(page, path);
    }
    assert.deepEqual(page.errors, []);
  } finally {
    server.stop();
    await browser.close();
  }
});
