// Accessibility, checked by axe-core (WCAG 2.1 A and AA rules plus best practices) in Chromium on
// every page type, as a phone and as a desktop sees it, static and live; and the keyboard
// path a person without a mouse takes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SAMPLE, serve, launch, newPage } from './support.mjs';
import { expect } from './expect.mjs';

const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const article = SAMPLE.articles.find((a) => (a.body ?? []).some((b) => b.type === 'figure')) ?? SAMPLE.articles[0];
const PAGES = [
  '/',
  '/articles',
  '/articles?q=碳纤维&category=signings',
  `/articles/${article.id}`,
  '/projects',
  `/projects/${SAMPLE.projects[0].id}`,
  `/categories/${SAMPLE.taxonomies.categories[0].id}`,
  '/saved',
  '/articles/no-such-article',
];

/** axe-core's violations on the page as it stands, one line each. */
async function violations(page) {
  // Evaluated through DevTools, which the page's CSP does not govern (an injected tag would be).
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  return result.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

const RUNS = [
  [true, 'light', 'zh'], [false, 'light', 'zh'], [true, 'dark', 'zh'],
  [true, 'light', 'en'], [false, 'dark', 'en'],
];
for (const [mobile, colorScheme, lang] of RUNS) {
  test(`axe-core finds no violations on any page type (${mobile ? 'phone' : 'desktop'}, ${colorScheme}, ${lang})`, async () => {
    const server = await serve();
    const browser = await launch();
    try {
      const page = await newPage(browser, { mobile, colorScheme });
      if (lang === 'en') {
        // The reader chose English on this device before.
        await page.context().addInitScript(() => localStorage.setItem('parkreader:lang', 'en'));
      }
      const found = [];
      for (const path of PAGES) {
        await page.goto(server.url + path);
        for (const v of await violations(page)) found.push(`${path} static: ${v}`);
        await page.locator('#app:not([data-prerendered])').waitFor();
        await page.locator('.loading').waitFor({ state: 'detached' });
        assert.equal(await page.getAttribute('html', 'lang'), lang === 'en' ? 'en' : 'zh-CN', path);
        for (const v of await violations(page)) found.push(`${path} live: ${v}`);
      }
      // The share sheet, open.
      await page.goto(`${server.url}/articles/${article.id}`);
      await page.locator('#app:not([data-prerendered])').waitFor();
      await page.getByRole('button', { name: lang === 'en' ? 'Share' : '分享' }).first().click();
      await page.getByRole('dialog').waitFor();
      for (const v of await violations(page)) found.push(`share sheet: ${v}`);
      assert.deepEqual(found, []);
      assert.deepEqual(page.errors, []);
    } finally {
      server.stop();
      await browser.close();
    }
  });
}

/** Runs `check` on a page of its own browser (`options` as for `newPage`), over a server of its
 * own, and closes them whatever it gives. */
async function onItsOwn(options, check) {
  const server = await serve();
  const browser = await launch();
  try {
    const page = await newPage(browser, options);
    await check(page, server);
    await page.context().close();
  } finally {
    server.stop();
    await browser.close();
  }
}

test('a new order of a list is announced with its count, which alone did not change', () => onItsOwn({ serviceWorkers: 'block' }, async (page, server) => {
  await page.goto(`${server.url}/articles`);
  await page.locator('#app:not([data-prerendered])').waitFor();
  const status = page.getByRole('status').filter({ hasText: /^共 \d+ 篇/ });
  await expect(status).toHaveText(`共 ${SAMPLE.articles.length} 篇，按最新排序`);
  await page.getByRole('combobox', { name: '排序' }).selectOption('views');
  await expect(status).toHaveText(`共 ${SAMPLE.articles.length} 篇，按最多阅读排序`);
  // The static page's view of a shared link says its order too, before the app.
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(`${server.url}/projects?sort=amount`);
  await expect(page.getByRole('status').filter({ hasText: /^共 \d+ 个项目/ })).toHaveText(`共 ${SAMPLE.projects.length} 个项目，按投资额最大排序`);
}));

test('a screen reader hears the chips as a named group, and no link on a not-found page as the page itself', () => onItsOwn({ serviceWorkers: 'block' }, async (page, server) => {
  // The chips the app draws, and those the static page's early view draws before it: a
  // plain <div> with a label, which screen readers do not name.
  await page.goto(`${server.url}/articles?q=${encodeURIComponent('碳纤维')}&category=signings`);
  await page.locator('#app:not([data-prerendered])').waitFor();
  await expect(page.getByRole('group', { name: '已选条件' })).toBeVisible();
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(`${server.url}/projects?industry=${SAMPLE.projects[0].industry}`);
  await expect(page.getByRole('group', { name: '已选条件' })).toBeVisible();
  await page.unroute('**/*.wasm');
  // 「浏览全部文章，当前页」 on /articles/nope: the router marks a link whose address starts the
  // page's as the page.
  await page.goto(`${server.url}/articles/no-such-article`);
  await page.locator('#app:not([data-prerendered])').waitFor();
  await expect(page.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible();
  await expect(page.getByRole('link', { name: '浏览全部文章' })).toBeVisible();
  assert.equal(await page.locator('main [aria-current]').count(), 0);
}));

// Nothing matches: each offer to drop a condition is a link that the list it stands in goes
// with; taken from the keyboard, the focus goes on to the results, not to the page's body.
test('following an offer of what to drop, from the keyboard, leaves the focus at the results', async () => {
  const server = await serve();
  const browser = await launch();
  try {
    const page = await newPage(browser, { mobile: false });
    await page.goto(`${server.url}/projects?q=${encodeURIComponent('碳纤维')}&status=signed`);
    await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
    const offer = page.getByRole('status').getByRole('link', { name: /状态/ });
    await offer.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').getByRole('link', { name: /状态/ })).toBeHidden();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'results-heading');
    // The heading is for screen readers, a pixel wide: the focus shows on the line it stands
    // for (the count, the order, 分享). Nothing on screen showed where the focus was.
    const ring = await page.locator('.results-bar').evaluate((bar) => getComputedStyle(bar).outlineStyle);
    assert.equal(ring, 'solid');
    // Gone once the focus moves on.
    await page.keyboard.press('Tab');
    assert.equal(await page.locator('.results-bar').evaluate((bar) => getComputedStyle(bar).outlineStyle), 'none');
    assert.equal(new URL(page.url()).searchParams.get('status'), null);
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
    server.stop();
  }
});

// Removing saved items from the keyboard: the focus stays in the list, on the next 移除, the
// one before when the last went, and on 还没有收藏 when none is left. It fell to the page's
// body when the last entry was removed.
test('removing saved items from the keyboard keeps the focus in the list', async () => {
  const server = await serve();
  const browser = await launch();
  try {
    const page = await newPage(browser, { mobile: false });
    for (const article of SAMPLE.articles.slice(0, 3)) {
      await page.goto(`${server.url}/articles/${article.id}`);
      await page.locator('#app:not([data-prerendered])').waitFor();
      await page.getByRole('button', { name: '收藏' }).click();
      await expect(page.getByRole('button', { name: '已收藏' })).toBeVisible();
    }
    await page.goto(`${server.url}/saved`);
    const list = page.getByRole('list', { name: '我的收藏' });
    const removes = list.getByRole('button', { name: /^移除/ });
    await expect(removes).toHaveCount(3);
    const focused = () => page.evaluate(() => document.activeElement.getAttribute('aria-label') ?? document.activeElement.textContent);
    // The last: the focus goes to the one before it.
    const before = await removes.nth(1).getAttribute('aria-label');
    await removes.nth(2).focus();
    await page.keyboard.press('Enter');
    await expect(removes).toHaveCount(2);
    await expect.poll(focused).toBe(before);
    // The first: the one that takes its place.
    const next = await removes.nth(1).getAttribute('aria-label');
    await removes.nth(0).focus();
    await page.keyboard.press('Enter');
    await expect(removes).toHaveCount(1);
    await expect.poll(focused).toBe(next);
    // The only one: the focus on what the list says now.
    await page.keyboard.press('Enter');
    await expect(page.getByText('还没有收藏。', { exact: false })).toBeVisible();
    await expect.poll(() => page.evaluate(() => document.activeElement.textContent.startsWith('还没有收藏。'))).toBe(true);
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
    server.stop();
  }
});

test('the keyboard reaches search, filters, results and the share sheet, with visible focus', async () => {
  const server = await serve();
  const browser = await launch();
  try {
    const page = await newPage(browser, { mobile: false });
    await page.goto(server.url + '/articles');
    await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
    // The first Tab offers a skip link to the content.
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement.textContent.trim());
    assert.match(first, /跳到正文|跳至正文|跳过导航/);
    // Every focusable element shows a focus indicator (outline or box-shadow) when focused.
    const unmarked = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const s = getComputedStyle(el);
        let visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
        // In the header the ring must stand out from the header's own colour (WCAG 1.4.11: 3:1).
        const header = el.closest('.site-header');
        if (visible && header && s.boxShadow === 'none') {
          const lum = (c) => {
            const [r, g, b] = c.match(/\d+/g).slice(0, 3).map((v) => {
              const x = v / 255;
              return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
            });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
          };
          const [a, b] = [lum(s.outlineColor), lum(getComputedStyle(header).backgroundColor)];
          visible = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) >= 3;
        }
        return { visible, what: `${el.tagName.toLowerCase()} ${el.getAttribute('aria-label') ?? el.textContent.trim().slice(0, 20)}` };
      });
      if (info && !info.visible) unmarked.push(info.what);
    }
    assert.deepEqual(unmarked, [], 'focused elements without a visible focus indicator');
    // Typing in the search box from the keyboard filters the list.
    await page.locator('#search-input').focus();
    await page.keyboard.type('碳纤维');
    await page.getByRole('status').filter({ hasText: /共 \d+ 篇/ }).waitFor();
    // A facet checkbox toggles with Space.
    const box = page.getByRole('checkbox').first();
    await box.focus();
    await page.keyboard.press('Space');
    await page.waitForURL(/category=|tag=|year=/);
    // The share sheet opens with Enter, traps nothing, and closes with Escape back on its button.
    const share = page.getByRole('button', { name: /分享/ }).first();
    await share.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    assert.equal(await share.evaluate((el) => el === document.activeElement), true, 'focus returns to the share button');
    // Removing the last of two chips (the search's stays): the focus goes to the chip left,
    // not to the body with the button it was on.
    const chips = page.locator('.active-filters .chip');
    await expect(chips).toHaveCount(2);
    await chips.last().focus();
    await page.keyboard.press('Enter');
    await expect(chips).toHaveCount(1);
    await expect(chips.first()).toBeFocused();
    // 「清除全部」 takes its row away: the focus goes to the results' heading, where the reader
    // reads on, not to the body or the top of the page.
    await page.getByRole('button', { name: '清除全部' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: '清除全部' })).toHaveCount(0);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'results-heading');
    // The skip link moves the focus into the content, on the list as on every page.
    await page.evaluate(() => document.querySelector('.skip-link').focus());
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    assert.deepEqual(page.errors, []);
  } finally {
    server.stop();
    await browser.close();
  }
});

test('a page opened from the keyboard starts at its content, and back returns the focus to the link followed', async () => {
  const server = await serve();
  const browser = await launch();
  try {
    const page = await newPage(browser, { mobile: false });
    await page.goto(`${server.url}/articles/?q=${encodeURIComponent('碳纤维')}`);
    await page.locator('#app:not([data-prerendered]) #search-input').waitFor();
    const results = page.getByRole('region', { name: '文章列表' }).getByRole('link');
    await expect(results.nth(2)).toBeVisible();
    const title = (await results.nth(2).textContent()).trim();
    await results.nth(2).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    // The new page's content has the focus (not the body): the next Tab is in it, not the skip
    // link or the header.
    await expect(page.locator('#main')).toBeFocused();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => !!document.activeElement.closest('#main')), true, 'the next Tab is in the content');
    // Back: the list, with the focus on the link followed.
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1, name: title })).toHaveCount(0);
    await expect(page.getByRole('region', { name: '文章列表' }).getByRole('link', { name: title })).toBeFocused();
    // From the header's links too.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '项目' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: '投资项目' })).toBeVisible();
    await expect(page.locator('#main')).toBeFocused();
    assert.deepEqual(page.errors, []);
  } finally {
    server.stop();
    await browser.close();
  }
});

test('the reading size applies to the page and stays for the next visit; print shows the article alone', async () => {
  const server = await serve();
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await page.goto(`${server.url}/articles/${article.id}`);
    await page.locator('#app:not([data-prerendered])').waitFor();
    // On a touch screen, the small buttons are still a finger's size.
    for (const name of ['收藏', '分享', '标准', '大', '特大']) {
      const height = await page.getByRole('button', { name, exact: true }).first().evaluate((b) => b.getBoundingClientRect().height);
      assert.ok(height >= 40, `${name}: ${height} px tall`);
    }
    const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.prose p')).fontSize));
    const before = await size();
    const sizes = page.getByRole('group', { name: '字号' });
    await sizes.getByRole('button', { name: '特大' }).click();
    assert.equal(await sizes.getByRole('button', { name: '特大' }).getAttribute('aria-pressed'), 'true');
    assert.ok(await size() >= before * 1.2, `${await size()} vs ${before}`);
    await page.reload();
    await page.locator('#app:not([data-prerendered])').waitFor();
    assert.ok(await size() >= before * 1.2, 'kept after a reload');
    await page.getByRole('group', { name: '字号' }).getByRole('button', { name: '标准' }).click();
    assert.equal(await size(), before);
    // Printing: the title and the body, without the header, share or bookmark controls.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByRole('heading', { level: 1 }).isVisible(), true);
    assert.equal(await page.locator('.prose').isVisible(), true);
    for (const hidden of ['.site-header', '.share-button', '.bookmark-button', '.text-size']) {
      assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} printed`);
    }
    assert.deepEqual(page.errors, []);
  } finally {
    server.stop();
    await browser.close();
  }
});
