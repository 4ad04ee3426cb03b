// The vendor page's Probes section in Chromium at 1280 and 390 px, light and dark: a suspected
// vendor with a long probe name, a long unbroken hostile error and a day of results. The chart is
// inside the screen, its words are there, nothing is wider than the screen, no script error, and
// the probe's text runs nothing. Also the empty state of a vendor without probes.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordProbeResult } from '../../src/store/probes.js';
import { createApp } from '../../src/web/app.js';
import { xssVectors } from '../../src/web/pages/test-support/xss-vectors.js';
import { startServer, type RunningServer } from '../../src/web/server.js';
import { now, seedScenario, type Scenario } from '../../src/web/test-support/scenario.js';
import { openTestStore, snapshot, suspect, vendor } from '../../src/web/test-support/seed.js';
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

let scenario: Scenario;
let server: RunningServer;
let browser: Browser;
const longName = 'x'.repeat(40);
const hostileError = `${xssVectors[1]} ${'y'.repeat(200)}`;

beforeAll(async () => {
  scenario = await seedScenario();
  const { db } = scenario.testStore.store;
  const nowMs = Date.parse(now);
  // A day of results every 10 minutes, failing for the last hour and a half.
  for (let ago = 24 * 60 - 5; ago >= 0; ago -= 10) {
    const ok = ago > 90;
    await recordProbeResult(db, {
      vendorSlug: 'balena',
      probe: longName,
      url: 'https://api.balena-cloud.com/ping',
      at: new Date(nowMs - ago * 60_000).toISOString(),
      ok,
      status: ok ? 200 : 503,
      durationMs: ok ? 100 + (ago % 70) : 2500,
      error: ok ? null : hostileError,
    });
  }
  await suspect(
    db,
    'balena',
    {
      firstSignalAt: new Date(nowMs - 90 * 60_000).toISOString(),
      suspectedAt: new Date(nowMs - 80 * 60_000).toISOString(),
    },
    { probes: [longName], error: hostileError },
  );
  [server, browser] = await Promise.all([
    startServer(createApp({ db, now: () => now }), { host: '127.0.0.1', port: 0 }),
    launchBrowser(),
  ]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await scenario?.testStore.dispose();
});

describe('the vendor page shows probes in Chromium', () => {
  for (const viewport of viewports) {
    it(`reads well at ${viewport.name}`, async () => {
      const context = await newContext(browser, viewport);
      try {
        const page = await open(context, `${server.url}/vendors/balena`);
        const section = page.locator('section[aria-labelledby="probes-title"]');
        await section.scrollIntoViewIfNeeded();
        const text = await section.innerText();
        expect(text).toContain('Suspected outage');
        expect(text).toContain(xssVectors[1]);
        expect(text).toMatch(/Last 24 hours: \d+ requests, 9 failed \(6.3 %\)/);
        const chart = page.getByTestId('probe-chart');
        const box = await chart.boundingBox();
        expect(box!.width).toBeGreaterThan(200);
        expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
        const sectionBox = await section.boundingBox();
        expect(sectionBox!.x + sectionBox!.width).toBeLessThanOrEqual(viewport.width);
        expect(await scrollWidth(page)).toBeLessThanOrEqual(viewport.width);
        await section.screenshot({
          path: join(screenshotDir, `vendor-probes-${viewport.name}.png`),
        });
        expect(await canary(page)).toBeUndefined();
        expect(problemsOf(page)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it('says what to do for a vendor without probes, at 390 px', async () => {
    const context = await newContext(browser, viewports[2]);
    try {
      const page = await open(context, `${server.url}/vendors/github`);
      const empty = page.getByTestId('probes-empty');
      expect(await empty.innerText()).toContain('add probes:');
      expect(await scrollWidth(page)).toBeLessThanOrEqual(viewports[2].width);
    } finally {
      await context.close();
    }
  });

  it('marks the suspected vendor on the dashboard; "Any problem" keeps it as the reader filters', async () => {
    // Its own store: two vendors whose pages both say operational, one of them suspected.
    const t0 = '2025-09-10T10:00:00.000Z';
    const calm = await openTestStore(
      [vendor('acme', 'Acme Cloud'), vendor('nimbus', 'Nimbus')],
      t0,
    );
    for (const slug of ['acme', 'nimbus']) await calm.poll(slug, snapshot([]), t0);
    await suspect(calm.store.db, 'nimbus', { firstSignalAt: t0, suspectedAt: t0 });
    const calmServer = await startServer(createApp({ db: calm.store.db, now: () => t0 }), {
      host: '127.0.0.1',
      port: 0,
    });
    const context = await newContext(browser, viewports[2]);
    try {
      const page = await open(context, `${calmServer.url}/`);
      const mark = page.locator('tr[data-vendor="nimbus"] [data-testid="suspected"]');
      expect(await mark.innerText()).toBe('Suspected outage');
      expect(await mark.getAttribute('href')).toBe('/vendors/nimbus#probes-title');
      expect(await page.locator('[data-testid="suspected"]').count()).toBe(1);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(viewports[2].width);
      // app.js filters in place, by the server's rule: a suspected vendor is a problem.
      await page.selectOption('select[name="status"]', 'problems');
      const shown = await page
        .locator('tr[data-vendor]:not([hidden])')
        .evaluateAll((rows) =>
          rows.map((row) => (row as { dataset: { vendor: string } }).dataset.vendor),
        );
      expect(shown).toEqual(['nimbus']);
      expect(await page.getByText('Showing 1 of 2').count()).toBe(1);
      expect(problemsOf(page)).toEqual([]);
    } finally {
      await context.close();
      await calmServer.close();
      await calm.dispose();
    }
  });
});
