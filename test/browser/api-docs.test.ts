// /api/docs in Chromium: Swagger UI, served by vendorwatch itself, renders the operations of the
// OpenAPI document under the page's CSP (any refusal is a console error, so a problem), asks
// nothing of any other host, and fits a 390 px phone as well as a 1280 px desktop.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/web/app.js';
import { startServer, type RunningServer } from '../../src/web/server.js';
import { openTestStore, vendor, type TestStore } from '../../src/web/test-support/seed.js';
import {
  launchBrowser,
  newContext,
  open,
  problemsOf,
  scrollWidth,
  viewports,
} from './browser-kit.js';

const now = '2025-09-10T22:10:00.000Z';
let testStore: TestStore;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  testStore = await openTestStore([vendor('balena', 'Balena')], now);
  const app = createApp({ db: testStore.store.db, now: () => now });
  [server, browser] = await Promise.all([
    startServer(app, { host: '127.0.0.1', port: 0 }),
    launchBrowser(),
  ]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await testStore?.dispose();
});

describe('/api/docs in Chromium', () => {
  it.each(viewports)('renders every operation at $name, from this server alone', async (view) => {
    const context = await newContext(browser, view);
    const elsewhere: string[] = [];
    context.on('request', (request) => {
      if (!request.url().startsWith(server.url)) elsewhere.push(request.url());
    });
    const page = await open(context, `${server.url}/api/docs`);
    const incidents = page.locator('.opblock-summary', { hasText: '/api/v1/incidents/{id}' });
    await incidents.first().waitFor({ timeout: 15_000 });
    expect(
      await page.locator('.opblock-summary-method', { hasText: 'GET' }).count(),
    ).toBeGreaterThan(10);
    // Opening an operation renders its description and parameters (markdown through innerHTML).
    await incidents.first().click();
    await page.locator('.parameters-container').first().waitFor({ timeout: 5_000 });
    expect(await page.locator('body').textContent()).toContain('/api/v1/vendors');
    expect(problemsOf(page)).toEqual([]);
    expect(elsewhere).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(view.width);
    await context.close();
  });
});
