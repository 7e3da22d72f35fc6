// Two interface languages: Chinese by default, English on request, remembered on this device.
// Content stays as published; the interface's words, dates, amounts and the bundle's English
// taxonomy names follow the choice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { expect } from './expect.mjs';
import { execFileSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, SAMPLE, copyOfDist, serve, launch, newPage, openFilters } from './support.mjs';

let server, browser;
before(async () => { [server, browser] = await Promise.all([serve(), launch()]); });
after(async () => { await browser?.close(); server?.stop(); });

const live = (page) => page.locator('#app:not([data-prerendered])').waitFor();
const status = SAMPLE.taxonomies.statuses.find((s) => s.id === 'under-construction');
const inStatus = SAMPLE.projects.filter((p) => p.status === status.id);

test('Chinese is the default, even for a browser set to English', async () => {
  const page = await newPage(browser, { locale: 'en-US' });
  await page.goto(server.url + '/articles');
  await live(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await expect(page.getByRole('heading', { level: 1, name: '全部文章' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'English' })).toBeVisible();
  await page.context().close();
});

test('a reader switches a filtered view to English, keeps the view, and the choice is remembered', async () => {
  const page = await newPage(browser);
  const path = `/projects?status=${status.id}`;
  await page.goto(server.url + path);
  await live(page);
  await expect(page.getByText(`共 ${inStatus.length} 个项目`)).toBeVisible();

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Investment projects' })).toBeVisible();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  // The same view: the URL and the results did not change.
  assert.equal(new URL(page.url()).search, `?status=${status.id}`);
  await expect(page.getByText(`${inStatus.length} projects`, { exact: true })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of ['Home', 'Articles', 'Projects', 'Saved']) {
    await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
  }
  // The keyboard stays on the switch, which now offers Chinese.
  assert.equal(await page.evaluate(() => document.activeElement?.textContent.trim()), '中文');
  // Facets and chips use the bundle's English names; the option stays ticked.
  await openFilters(page);
  assert.match(await page.locator('details.filters > summary').ariaSnapshot(), /Filters\s*,\s*1\s*selected/);
  const statusGroup = page.getByRole('group', { name: 'Status' });
  assert.equal(await statusGroup.getByRole('checkbox', { name: new RegExp(`^${status.name_en}`) }).isChecked(), true);
  await expect(page.getByRole('button', { name: `Remove Status: ${status.name_en}` })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Sort' })).toBeVisible();
  // Content stays as published.
  await expect(page.getByRole('link', { name: inStatus[0].name }).first()).toBeVisible();

  // Remembered: a reload and another page are English too.
  await page.reload();
  await live(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Investment projects' })).toBeVisible();
  assert.deepEqual(page.errors, []);

  // A project's facts, amounts and dates in English.
  const project = SAMPLE.projects.find((p) => p.id === 'ch2000-drone-rd-manufacturing');
  await page.goto(`${server.url}/projects/${project.id}`);
  await live(page);
  await expect(page.getByRole('heading', { level: 1, name: project.name })).toBeVisible();
  await expect(page.getByText('USD 161 million', { exact: true })).toBeVisible();
  await expect(page.getByText('80 mu', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Milestones' })).toBeVisible();
  await expect(page.getByText('11 Feb 2022', { exact: true })).toBeVisible();
  // Its capacity's unit too, where it is a common one (it read 「200 架/年」).
  const [line] = project.capacity;
  await expect(page.getByText(`${line.quantity} aircraft/yr`, { exact: true })).toBeVisible();

  // An article: byline and breadcrumb.
  const article = SAMPLE.articles.find((a) => a.body);
  await page.goto(`${server.url}/articles/${article.id}`);
  await live(page);
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Home' })).toBeVisible();
  await expect(page.getByText(/^[\d,]+ views$/).first()).toBeVisible();

  // Nothing found and not found, in English.
  await page.goto(`${server.url}/articles?q=zzqqxxnothing&category=${SAMPLE.taxonomies.categories[0].id}`);
  await live(page);
  await expect(page.getByText('Nothing matches.')).toBeVisible();
  await expect(page.getByRole('link', { name: /^Without the search words \(\d+ results?\)$/ })).toBeVisible();
  await page.goto(`${server.url}/articles/no-such-article`);
  await live(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.getByText('This article could not be found. It may have been removed, or the link may be wrong.')).toBeVisible();

  // And back to Chinese, which is remembered in turn.
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible();
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await page.goto(server.url + '/projects');
  await live(page);
  await expect(page.getByRole('heading', { level: 1, name: '投资项目' })).toBeVisible();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** The Chinese text shown on `page` (and images' Chinese alt text) not marked `lang="zh-CN"`. */
function unmarkedChinese(page) {
  return page.evaluate(() => {
    const out = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      if (!/[\u4e00-\u9fff]/.test(n.data) || el.closest('script, style, noscript, [hidden], [aria-hidden="true"]')) continue;
      if (!el.checkVisibility()) continue;
      if (!el.closest('[lang]').lang.startsWith('zh')) out.push(`${el.tagName.toLowerCase()}.${el.className}: ${n.data.trim().slice(0, 20)}`);
    }
    for (const img of document.querySelectorAll('img[alt]')) {
      if (/[\u4e00-\u9fff]/.test(img.alt) && !img.closest('[lang]').lang.startsWith('zh')) out.push(`img: ${img.alt.slice(0, 20)}`);
    }
    return out;
  });
}

test('no Chinese interface word is left on an English page', async () => {
  const page = await newPage(browser);
  await page.context().addInitScript(() => localStorage.setItem('parkreader:lang', 'en'));
  const project = SAMPLE.projects[0];
  const article = SAMPLE.articles.find((a) => a.body);
  const leftovers = [];
  const missingLang = [];
  for (const path of ['/', '/articles', '/projects', `/projects/${project.id}`, `/articles/${article.id}`, '/saved']) {
    await page.goto(server.url + path);
    await live(page);
    await page.locator('.loading').waitFor({ state: 'detached' });
    // The interface's own text: the page's text with the content (from the bundle) removed.
    const text = await page.evaluate(() => {
      const clone = document.body.cloneNode(true);
      clone.querySelectorAll('.lang-switch, script').forEach((el) => el.remove());
      return clone.innerText;
    });
    const content = [
      SAMPLE.site.name, SAMPLE.site.description, SAMPLE.site.copyright, SAMPLE.site.contact?.hotline,
      ...(SAMPLE.site.contact?.inquiry_checklist ?? []),
      ...SAMPLE.articles.flatMap((a) => [a.title, a.summary, a.author, a.source?.name, a.copyright]),
      ...SAMPLE.articles.flatMap((a) => (a.body ?? []).flatMap((b) => [b.text, b.caption, ...(b.items ?? [])])),
      ...SAMPLE.projects.flatMap((p) => [p.name, p.summary, p.investor, ...(p.partners ?? []),
        ...(p.capacity ?? []).flatMap((c) => [c.product, c.unit]),
        ...(p.description ?? []).flatMap((b) => [b.text, b.caption, ...(b.items ?? [])])]),
      ...Object.values(SAMPLE.taxonomies).flat().map((t) => t.name),
    ].filter((s) => typeof s === 'string' && s.length > 0).sort((a, b) => b.length - a.length);
    let rest = text;
    for (const s of content) rest = rest.split(s).join(' ');
    const words = rest.match(/[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]+/g) ?? [];
    // The search boxes' examples show Chinese input on purpose.
    for (const w of words) leftovers.push(`${path}: ${w}`);
    // The content that stays Chinese is marked so (lang="zh-CN"), for screen readers' voices
    // and for the fonts: every piece of Chinese text on the English page.
    for (const u of await unmarkedChinese(page)) missingLang.push(`${path}: ${u}`);
  }
  assert.deepEqual(leftovers, []);
  assert.deepEqual(missingLang, []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('in English, a site\'s Chinese names without an English form are marked Chinese: options, cards, categories', async () => {
  // Most sites give no English names: the interface is English, the names stay Chinese.
  const site = copyOfDist();
  const bundle = structuredClone(SAMPLE);
  for (const list of Object.values(bundle.taxonomies)) for (const term of list) delete term.name_en;
  writeFileSync(join(site.dir, 'data', 'bundle.json'), JSON.stringify(bundle));
  cpSync(join(ROOT, 'public', 'data', 'articles'), join(site.dir, 'data', 'articles'), { recursive: true });
  execFileSync(BIN, ['prerender', site.dir]);
  const plain = await serve(site.dir);
  try {
    const page = await newPage(browser, { mobile: false });
    await page.context().addInitScript(() => localStorage.setItem('parkreader:lang', 'en'));
    const missing = [];
    const category = bundle.taxonomies.categories[0];
    for (const path of ['/articles', '/projects', `/categories/${category.id}`]) {
      await page.goto(plain.url + path);
      await live(page);
      for (const u of await unmarkedChinese(page)) missing.push(`${path}: ${u}`);
    }
    // The names are there, in Chinese, and no name went unmarked.
    await expect(page.getByRole('heading', { level: 1, name: category.name })).toBeVisible();
    assert.deepEqual(missing, []);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    plain.stop();
    site.cleanup();
  }
});
