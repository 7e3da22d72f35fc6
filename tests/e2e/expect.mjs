// A small, retrying `expect` for playwright-core locators (the full one ships only with
// @playwright/test, whose install downloads browsers). Each check polls until it holds or
// the timeout passes, then fails with what it last saw.
import assert from 'node:assert/strict';

const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 10000);

/** The requests the locator's page still waits for, when it was made by `newPage`. */
function openRequests(locator) {
  const page = locator.page?.();
  return page?.openRequests ? `; requests still open: ${page.openRequests()}` : '';
}

async function poll(check, describe, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last === true) return;
    } catch (e) {
      last = e.message;
    }
    if (Date.now() > deadline) assert.fail(`${describe()} (last seen: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function expect(locator) {
  return {
    async toBeVisible({ timeout = TIMEOUT } = {}) {
      await locator.first().waitFor({ state: 'visible', timeout }).catch((e) => {
        assert.fail(`expected ${locator} to be visible: ${e.message.split('\n')[0]}${openRequests(locator)}`);
      });
    },
    async toBeHidden({ timeout = TIMEOUT } = {}) {
      await poll(async () => (await locator.count()) === 0 || !(await locator.first().isVisible()) || 'visible',
        () => `expected ${locator} to be hidden${openRequests(locator)}`, timeout);
    },
    async toHaveText(expected, { timeout = TIMEOUT } = {}) {
      await poll(async () => {
        const text = (await locator.first().textContent())?.trim();
        return (expected instanceof RegExp ? expected.test(text) : text === expected) || text;
      }, () => `expected ${locator} to have text ${expected}${openRequests(locator)}`, timeout);
    },
    async toHaveAttribute(name, expected, { timeout = TIMEOUT } = {}) {
      await poll(async () => {
        const value = await locator.first().getAttribute(name);
        return (expected instanceof RegExp ? expected.test(value ?? '') : value === expected) || value;
      }, () => `expected ${locator} to have ${name}=${expected}${openRequests(locator)}`, timeout);
    },
    async toHaveValue(expected, { timeout = TIMEOUT } = {}) {
      await poll(async () => (await locator.first().inputValue()) === expected || (await locator.first().inputValue()),
        () => `expected ${locator} to have value ${expected}${openRequests(locator)}`, timeout);
    },
    async toBeFocused({ timeout = TIMEOUT } = {}) {
      await poll(async () => (await locator.first().evaluate((el) => el === document.activeElement)) || 'not focused',
        () => `expected ${locator} to be focused${openRequests(locator)}`, timeout);
    },
    async toBeDisabled({ timeout = TIMEOUT } = {}) {
      await poll(async () => (await locator.first().isDisabled()) || 'enabled',
        () => `expected ${locator} to be disabled${openRequests(locator)}`, timeout);
    },
    async toHaveCount(n, { timeout = TIMEOUT } = {}) {
      await poll(async () => (await locator.count()) === n || (await locator.count()),
        () => `expected ${locator} to have count ${n}${openRequests(locator)}`, timeout);
    },
  };
}

/** Polls `read` until it returns `expected`: `await expect.poll(() => x).toBe(v)`; `message`
 * names what is read in the failure. */
expect.poll = (read, { timeout = TIMEOUT, message } = {}) => ({
  async toBe(expected) {
    await poll(async () => { const v = await read(); return v === expected ? true : JSON.stringify(v); },
      () => `expected ${message ?? read} to give ${JSON.stringify(expected)}`, timeout);
  },
});
