// Accounts in Chromium, at 1280 and 390 px, light and dark: first run → /setup → the users page →
// invite a viewer (the one-time link is shown) → sign out → sign in again → sign out; with the
// keyboard only (Tab and Enter), no horizontal overflow, no console error or CSP report.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openStore, type Store } from '../../src/store/index.js';
import { startAuthServer, type AuthServer } from '../test-support/auth-server.js';
import {
  launchBrowser,
  newContext,
  open,
  problemsOf,
  screenshotDir,
  scrollWidth,
  viewports,
} from './browser-kit.js';

const password = 'browser-admin-password-31';
let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'vw-accounts-browser-'));

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Presses Tab until the focused element matches, then Enter: what a keyboard user does. */
async function tabTo(page: Page, matches: string, maxTabs = 40): Promise<void> {
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

async function noOverflow(page: Page, width: number, name: string) {
  expect(await scrollWidth(page), `${name} overflows`).toBeLessThanOrEqual(width);
}

declare const document: any;

describe('accounts in Chromium', () => {
  for (const viewport of viewports) {
    it(`first run to sign-out with the keyboard (${viewport.name})`, async () => {
      const store: Store = await openStore(join(dir, `${viewport.name}.db`));
      await migrateToLatest(store);
      const server: AuthServer = await startAuthServer(store);
      const context = await newContext(browser, viewport);
      try {
        const page = await open(context, `${server.url}/signin`);
        expect(await page.textContent('main')).toContain('No account exists yet');
        await noOverflow(page, viewport.width, 'sign-in (first run)');

        await page.goto(`${server.url}/setup`);
        await page.focus('body');
        await typeInto(page, '#email', 'ops@example.com');
        await typeInto(page, '#password', password);
        await typeInto(page, '#confirm', password);
        await page.keyboard.press('Enter');
        await page.waitForURL(`${server.url}/manage/users`);
        expect(await page.textContent('.site-header')).toContain('ops@example.com');
        await noOverflow(page, viewport.width, 'users');

        await typeInto(page, '#invite-email', 'viewer@example.com');
        await tabTo(page, 'form[aria-label="Invite someone"] button[type=submit]');
        await page.keyboard.press('Enter');
        await page.waitForSelector('.invite-link');
        const link = (await page.textContent('.invite-link'))!;
        expect(link).toMatch(new RegExp(`^${server.url}/invite/[A-Za-z0-9_-]{43}$`));
        expect(await page.textContent('.user-table')).toContain('invited (no password yet)');
        await noOverflow(page, viewport.width, 'users with an invitation');
        await page.screenshot({
          path: join(screenshotDir, `accounts-users-${viewport.name}.png`),
          fullPage: true,
        });

        await page.goto(`${server.url}/manage/audit`);
        expect(await page.textContent('.audit-table')).toContain('user.invited');
        await noOverflow(page, viewport.width, 'audit');

        await page.focus('body');
        await tabTo(page, '.site-header button.link-button');
        await page.keyboard.press('Enter');
        await page.waitForURL(`${server.url}/signin?signedout`);
        expect(await page.textContent('main')).toContain('You are signed out.');
        expect(await page.textContent('.site-header')).toContain('Sign in');

        // A wrong password says so; the right one signs in again.
        await page.focus('body');
        await typeInto(page, '#email', 'ops@example.com');
        await typeInto(page, '#password', 'not the password');
        await page.keyboard.press('Enter');
        await page.waitForSelector('.error-message');
        expect(await page.textContent('.error-message')).toContain('wrong email or password');
        await noOverflow(page, viewport.width, 'sign-in error');
        await page.fill('#password', password);
        await page.press('#password', 'Enter');
        await page.waitForURL(`${server.url}/`);
        expect(await page.textContent('.site-header')).toContain('ops@example.com');
        await noOverflow(page, viewport.width, 'dashboard signed in');

        await page.goto(`${server.url}/account`);
        await page.click('text=Sign out everywhere');
        await page.waitForURL(`${server.url}/signin?signedout`);
        // The one failed request is the wrong password's page, answered 401 on purpose.
        expect(problemsOf(page)).toEqual([
          'console: Failed to load resource: the server responded with a status of 401 (Unauthorized)',
        ]);
      } finally {
        await context.close();
        await server.close();
        await store.close();
      }
    });
  }
});
