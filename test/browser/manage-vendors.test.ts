// The watch list in Chromium: sign in as admin → search the catalog and add with one click →
// paste a loopback Statuspage URL, see what detection found and follow two of its components →
// pause → resume → remove keeping the history → remove deleting it. The add flow is done with
// the keyboard only (Tab, Enter, and Space for a checkbox); the page is checked at 1280 and
// 390 px, light and dark, for horizontal overflow; no script error or CSP report.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openStore, type Store } from '../../src/store/index.js';
import { adminToken, startAuthServer, type AuthServer } from '../test-support/auth-server.js';
import {
  fixture,
  startSwitchableVendor,
  type SwitchableVendor,
} from '../test-support/switchable-vendor.js';
import {
  launchBrowser,
  newContext,
  open,
  problemsOf,
  screenshotDir,
  scrollWidth,
} from './browser-kit.js';

declare const document: any;

const password = 'browser-admin-password-31';
const dir = mkdtempSync(join(tmpdir(), 'vw-watch-browser-'));
let browser: Browser;
let vendor: SwitchableVendor;

beforeAll(async () => {
  browser = await launchBrowser();
  vendor = await startSwitchableVendor();
  vendor.serve({
    summary: fixture('summary.github.2022-11-25.unresolved.json'),
    incidents: fixture('incidents.github.2026-07-31.first13.json'),
  });
});

afterAll(async () => {
  await browser?.close();
  await vendor?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Presses Tab until the focused element matches: what a keyboard user does. */
async function tabTo(page: Page, matches: string, maxTabs = 80): Promise<void> {
  for (let tab = 0; tab < maxTabs; tab++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate(
      (selector) => Boolean(document.activeElement?.matches(selector)),
      matches,
    );
    if (hit) return;
  }
  throw new Error(`Tab never reached ${matches}`);
}

async function typeInto(page: Page, selector: string, text: string) {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

/** No sideways scrolling at 390 and 1280 px, light and dark, as the page stands now. */
async function noOverflowAnywhere(page: Page, name: string) {
  for (const width of [390, 1280]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height: 844 });
      await page.emulateMedia({ colorScheme });
      expect(await scrollWidth(page), `${name} at ${width} px ${colorScheme}`).toBeLessThanOrEqual(
        width,
      );
      if (width === 390 && colorScheme === 'dark') {
        await page.screenshot({
          path: join(screenshotDir, `manage-vendors-${name}-390-dark.png`),
          fullPage: true,
        });
      }
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
}

async function apiVendor(server: AuthServer, slug: string) {
  const response = await fetch(`${server.url}/api/v1/vendors/${slug}`);
  return response.status === 200 ? ((await response.json()) as Record<string, unknown>) : null;
}

describe('the watch list in Chromium', () => {
  it('adds from the catalog and from a pasted URL with the keyboard, then pauses, resumes and removes', async () => {
    const store: Store = await openStore(join(dir, 'watch.db'));
    await migrateToLatest(store);
    const server = await startAuthServer(store, {}, ['127.0.0.0/8']);
    const context = await newContext(browser, {
      width: 1280,
      height: 900,
      colorScheme: 'light',
    });
    try {
      const page = await open(context, `${server.url}/setup`);
      await page.focus('body');
      await typeInto(page, '#email', 'ops@example.com');
      await typeInto(page, '#password', password);
      await typeInto(page, '#confirm', password);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${server.url}/manage/users`);

      // The management nav leads to the watch list, empty to begin with.
      await page.focus('body');
      await tabTo(page, '.sub-nav a[href="/manage/vendors"]');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${server.url}/manage/vendors`);
      expect(await page.textContent('main')).toContain('Nothing is watched yet');
      await noOverflowAnywhere(page, 'empty');

      // The catalog: by name, and by category and platform.
      await page.focus('body');
      await typeInto(page, '#catalog-q', 'balena');
      await tabTo(page, 'form[aria-label="Search the catalog"] button');
      await page.keyboard.press('Enter');
      await page.waitForSelector('li[data-catalog="balena"]');
      expect(await page.textContent('li[data-catalog="balena"]')).toContain('statuspage');
      await page.focus('body');
      await tabTo(page, 'li[data-catalog="balena"] button');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${server.url}/manage/vendors?done=added`);
      expect(await page.textContent('.watch-table')).toContain('Balena');
      await page.goto(`${server.url}/manage/vendors?category=iot&platform=statuspage`);
      expect(await page.textContent('li[data-catalog="balena"]')).toContain('watched');
      await noOverflowAnywhere(page, 'catalog');

      // A pasted URL: detection shows the platform, the page's own name, the URL to poll and
      // the components, every one checked; two stay followed.
      await page.focus('body');
      await typeInto(page, '#paste-url', `${vendor.baseUrl}/`);
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid="detected-platform"]');
      expect(await page.textContent('[data-testid="detected-platform"]')).toContain('statuspage');
      expect(await page.textContent('[data-testid="detected-name"]')).toBe('GitHub');
      expect(await page.textContent('[data-testid="detected-url"]')).toContain(vendor.baseUrl);
      const boxes = page.locator('.component-picker input[type=checkbox]');
      const names = await page.locator('.component-picker label').allTextContents();
      expect(names).toContain('API Requests');
      expect(await boxes.count()).toBe(names.length);
      for (let index = 0; index < names.length; index++) {
        expect(await boxes.nth(index).isChecked()).toBe(true);
      }
      await noOverflowAnywhere(page, 'detected');
      await page.focus('#paste-url');
      for (let index = 0; index < names.length; index++) {
        if (names[index] === 'Git Operations' || names[index] === 'API Requests') continue;
        await tabTo(page, `#detected-component-${index}`);
        await page.keyboard.press('Space');
      }
      await page.focus('#paste-url');
      await tabTo(page, '#detected-slug');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('gh-loopback');
      await tabTo(page, 'form[aria-label="Add this vendor"] button[type=submit]');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${server.url}/manage/vendors?done=added`);
      const row = page.locator('tr[data-vendor="gh-loopback"]');
      expect(await row.textContent()).toContain('2 components');
      expect(await apiVendor(server, 'gh-loopback')).toMatchObject({
        name: 'GitHub',
        platform: 'statuspage',
        followedComponents: ['Git Operations', 'API Requests'],
        paused: false,
      });

      // Pause and resume.
      await row.locator('button', { hasText: 'Pause' }).click();
      await page.waitForURL(`${server.url}/manage/vendors?done=paused`);
      expect(await row.locator('[data-cell="state"]').textContent()).toContain('paused');
      expect((await apiVendor(server, 'gh-loopback'))?.paused).toBe(true);
      await page.goto(`${server.url}/vendors/gh-loopback`);
      expect(await page.textContent('[data-testid="paused-banner"]')).toContain('does not poll');
      await page.goto(`${server.url}/manage/vendors`);
      await row.locator('button', { hasText: 'Resume' }).click();
      await page.waitForURL(`${server.url}/manage/vendors?done=resumed`);
      expect(await row.locator('[data-cell="state"]').textContent()).toContain('watching');

      // Removal asks about the history; keeping it is the default.
      await row.locator('summary', { hasText: 'Remove' }).click();
      expect(await row.locator('input[value="keep"]').isChecked()).toBe(true);
      await noOverflowAnywhere(page, 'remove-open');
      await row.locator('button.danger').click();
      await page.waitForURL(`${server.url}/manage/vendors?done=removed-kept`);
      expect(await page.locator('tr[data-vendor="gh-loopback"]').count()).toBe(0);
      expect(await apiVendor(server, 'gh-loopback')).not.toBeNull();

      const balena = page.locator('tr[data-vendor="balena"]');
      await balena.locator('summary', { hasText: 'Remove' }).click();
      await balena.locator('input[value="delete"]').check();
      await balena.locator('button.danger').click();
      await page.waitForURL(`${server.url}/manage/vendors?done=removed-deleted`);
      expect(await apiVendor(server, 'balena')).toBeNull();
      expect(await page.textContent('main')).toContain('Nothing is watched yet');

      const audit = await fetch(`${server.url}/api/v1/audit?limit=50`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      const actions = (
        (await audit.json()) as { entries: { action: string; subject: string }[] }
      ).entries
        .filter((entry) => entry.action.startsWith('vendor.'))
        .map((entry) => `${entry.action} ${entry.subject}`)
        .reverse();
      expect(actions).toEqual([
        'vendor.added balena',
        'vendor.added gh-loopback',
        'vendor.paused gh-loopback',
        'vendor.resumed gh-loopback',
        'vendor.removed gh-loopback',
        'vendor.removed balena',
      ]);
      expect(problemsOf(page)).toEqual([]);
    } finally {
      await context.close();
      await server.close();
      await store.close();
    }
  });
});
