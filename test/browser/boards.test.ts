// Boards in Chromium, at 1280 and 390 px, light and dark: a board dashboard (its vendors only,
// judged on its components), the public status page (no script, its own CSP, every link absolute
// to the company or a vendor, nothing wider than the screen) and a private board's status page
// refused (404) to someone signed out. Vendor text with markup runs nothing.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { databaseOpeners } from '../../src/store/test-support/database-openers.js';
import { createApp } from '../../src/web/app.js';
import { boards, now, seedBoards } from '../../src/web/boards/test-support/board-seed.js';
import { startServer, type RunningServer } from '../../src/web/server.js';
import {
  canary,
  launchBrowser,
  newContext,
  open,
  problemsOf,
  screenshotDir,
  scrollWidth,
  viewports,
} from './browser-kit.js';

declare const document: {
  querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null }>;
};

const openerFor = databaseOpeners('boards-browser');
const allowedLinks = [
  'https://example.com/',
  'https://status.acme.example/',
  'https://status.beta.example/',
];
let store: Store;
let server: RunningServer;
/** The same store without boards: the list's empty state. */
let bare: RunningServer;
let browser: Browser;

beforeAll(async () => {
  ({ store } = await openerFor('sqlite').fresh());
  await seedBoards(store);
  const app = createApp({
    db: store.db,
    now: () => now,
    boards,
    auth: {
      readAccess: 'public',
      sessionIdleSeconds: 3600,
      sessionMaxAgeSeconds: 4 * 3600,
      lockSeconds: 900,
      adminToken: null,
    },
  });
  [server, bare, browser] = await Promise.all([
    startServer(app, { host: '127.0.0.1', port: 0 }),
    startServer(createApp({ db: store.db, now: () => now }), { host: '127.0.0.1', port: 0 }),
    launchBrowser(),
  ]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await bare?.close();
});

describe('boards in Chromium', () => {
  for (const viewport of viewports) {
    it(`board dashboard, public status page and a private one refused (${viewport.name})`, async () => {
      const context = await newContext(browser, viewport);
      try {
        const board = await open(context, `${server.url}/boards/ops`);
        expect(await board.textContent('h1')).toBe('Operations');
        const rows = await board.evaluate(() =>
          Array.from(document.querySelectorAll('tbody tr[data-vendor]')).map((tr) =>
            tr.getAttribute('data-vendor'),
          ),
        );
        expect(rows.sort()).toEqual(['acme', 'gamma']);
        expect(await canary(board)).toBeUndefined();
        expect(await scrollWidth(board), 'board dashboard overflows').toBeLessThanOrEqual(
          viewport.width,
        );

        // The list, and its empty state with a config example that must not widen the page.
        await board.goto(`${server.url}/boards`);
        expect(await board.locator('tr[data-board]').count()).toBe(2);
        expect(await scrollWidth(board), 'board list overflows').toBeLessThanOrEqual(
          viewport.width,
        );
        await board.goto(`${bare.url}/boards`);
        expect(await board.textContent('main')).toContain('No board is configured yet');
        expect(await scrollWidth(board), 'empty board list overflows').toBeLessThanOrEqual(
          viewport.width,
        );

        const status = await open(context, 'about:blank');
        const response = await status.goto(`${server.url}/status/payments`);
        expect(response!.status()).toBe(200);
        expect(response!.headers()['content-security-policy']).toContain("default-src 'none'");
        expect(response!.headers()['content-security-policy']).not.toContain('script-src');
        expect(await status.locator('script').count()).toBe(0);
        expect(await status.locator('nav').count()).toBe(0);
        const hrefs = await status.evaluate(() =>
          Array.from(document.querySelectorAll('a[href]')).map((a) => a.getAttribute('href')),
        );
        expect(hrefs.length).toBeGreaterThanOrEqual(3);
        for (const href of hrefs) expect(allowedLinks, String(href)).toContain(href);
        expect(await status.textContent('h1')).toBe('Payments');
        expect(await status.textContent('body')).toContain('Example Ltd');
        expect(await scrollWidth(status), 'status page overflows').toBeLessThanOrEqual(
          viewport.width,
        );
        await status.screenshot({
          path: `${screenshotDir}/status-page-${viewport.name}.png`,
          fullPage: true,
        });

        expect(problemsOf(status)).toEqual([]);

        const refused = await status.goto(`${server.url}/status/ops`);
        expect(refused!.status()).toBe(404);
        expect(await status.textContent('h1')).toBe('Status page not found');
        expect(await status.textContent('body')).not.toContain('Operations');
        expect(problemsOf(board)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
