// A watch-list vendor's probes in Chromium at 390 px: sign in as admin, add a vendor from the
// catalog, open its edit part and add a probe with a long URL and hostile "body includes" text
// (no JavaScript needed: plain forms), see a refused one come back with the error beside its
// field, remove the probe; a config vendor's probes are listed read-only. No horizontal overflow,
// no script run from the hostile text, no script error or CSP report.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  migrateToLatest,
  openStore,
  syncConfigVendors,
  type Store,
} from '../../src/store/index.js';
import { startAuthServer } from '../test-support/auth-server.js';
import {
  canary,
  launchBrowser,
  newContext,
  open,
  problemsOf,
  screenshotDir,
  scrollWidth,
} from './browser-kit.js';

const password = 'browser-admin-password-31';
const hostile = '<img src=x onerror="window.__xss=1">';
const longUrl = `https://api.example.com/${'very-long-path-segment-'.repeat(8)}health?check=${'x'.repeat(60)}`;
const dir = mkdtempSync(join(tmpdir(), 'vw-probes-browser-'));
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function fitsAt390(page: Page, name: string) {
  expect(await scrollWidth(page), name).toBeLessThanOrEqual(390);
  await page.screenshot({
    path: join(screenshotDir, `manage-vendor-probes-${name}-390.png`),
    fullPage: true,
  });
}

describe('a vendor’s probes on the watch list in Chromium', () => {
  it('adds, refuses and removes a probe at 390 px, escaping hostile text', async () => {
    const store: Store = await openStore(join(dir, 'probes.db'));
    await migrateToLatest(store);
    await syncConfigVendors(
      store.db,
      [
        {
          slug: 'fromfile',
          name: 'From File',
          statusPageUrl: 'https://status.fromfile.example',
          platform: 'statuspage',
          category: 'other',
          intervalSeconds: 60,
          probes: [
            {
              name: 'file-api',
              url: longUrl,
              method: 'HEAD',
              expectStatus: [200, 401],
              bodyIncludes: null,
              intervalSeconds: 30,
              timeoutSeconds: 10,
            },
          ],
          suspectAfter: 2,
        },
      ],
      new Date().toISOString(),
    );
    const server = await startAuthServer(store);
    const context = await newContext(browser, { width: 390, height: 844, colorScheme: 'dark' });
    try {
      const page = await open(context, `${server.url}/setup`);
      await page.fill('#email', 'ops@example.com');
      await page.fill('#password', password);
      await page.fill('#confirm', password);
      await page.press('#confirm', 'Enter');
      await page.waitForURL(`${server.url}/manage/users`);
      await page.goto(`${server.url}/manage/vendors?q=balena`);
      await page.locator('li[data-catalog="balena"] button').click();
      await page.waitForURL(`${server.url}/manage/vendors?done=added`);

      // The config vendor's probes: listed, without buttons, saying where they change.
      const fromFile = page.locator('tr[data-vendor="fromfile"]');
      await fromFile.locator('summary', { hasText: 'Probes (1)' }).click();
      expect(await fromFile.locator('li[data-probe="file-api"]').textContent()).toContain(
        'expects 200, 401',
      );
      expect(await fromFile.textContent()).toContain('Set in the config file');
      expect(await fromFile.locator('button').count()).toBe(1); // its push URL only
      await fitsAt390(page, 'config');

      // Add one through the edit part's form.
      const row = page.locator('tr[data-vendor="balena"]');
      await row.locator('summary', { hasText: 'Edit' }).click();
      expect(await row.textContent()).toContain('No probes yet.');
      await page.fill('#probe-name-balena', 'api');
      await page.fill('#probe-url-balena', longUrl);
      await page.fill('#probe-expect-balena', '200, 401');
      await page.fill('#probe-body-balena', hostile);
      await page.fill('#probe-interval-balena', '1m');
      await fitsAt390(page, 'form');
      await row.locator('button', { hasText: 'Add probe' }).click();
      await page.waitForURL(`${server.url}/manage/vendors?done=probe-added`);
      const listed = row.locator('li[data-probe="api"]');
      expect(await listed.textContent()).toContain(hostile);
      expect(await listed.textContent()).toContain('every 1m');
      expect(await canary(page)).toBeUndefined();
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      await row.locator('summary', { hasText: 'Edit' }).click();
      await fitsAt390(page, 'listed');

      // A HEAD probe cannot check the body: the form comes back open, the error by its field.
      await page.fill('#probe-name-balena', 'web');
      await page.fill('#probe-url-balena', 'https://www.example.com/');
      await page.selectOption('#probe-method-balena', 'HEAD');
      await page.fill('#probe-body-balena', 'ok');
      await row.locator('button', { hasText: 'Add probe' }).click();
      await page.waitForSelector('#probe-body-balena-error');
      expect(await page.textContent('#probe-body-balena-error')).toContain(
        'a HEAD probe reads no body',
      );
      expect(await page.getAttribute('#probe-body-balena', 'aria-invalid')).toBe('true');
      expect(await page.inputValue('#probe-name-balena')).toBe('web');
      expect(await page.locator('tr[data-vendor="balena"] details[open]').count()).toBe(1);
      await fitsAt390(page, 'refused');

      // Remove it: the vendor has no probes again.
      await page
        .locator('tr[data-vendor="balena"] li[data-probe="api"] button', { hasText: 'Remove' })
        .click();
      await page.waitForURL(`${server.url}/manage/vendors?done=probe-removed`);
      const detail = (await (await fetch(`${server.url}/api/v1/vendors/balena`)).json()) as {
        probes: unknown[];
      };
      expect(detail.probes).toEqual([]);
      // The refused form's own answer is a 400 page, which Chromium logs; nothing else.
      expect(problemsOf(page).filter((problem) => !problem.includes('status of 400'))).toEqual([]);
    } finally {
      await context.close();
      await server.close();
      await store.close();
    }
  });
});
