// A vendor's page follows the vendor live: a component's new status, its bar, a new open incident
// and the history row appear in place, without a navigation and without a "Reload" notice, and
// the change is announced politely. A failing poll (no stored event yet) reaches the vendor page's
// banner and the dashboard row at once, with its reason, before the data goes stale.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canary,
  launchBrowser,
  newContext,
  open,
  problemsOf,
  screenshotDir,
  scrollWidth,
  until,
  viewports,
} from './browser-kit.js';
import { statuspageBodies, type SpecIncident } from './statuspage-bodies.js';
import { acmeComponents, acmeHistory, startWorld, type World } from './world.js';

// Globals of the page, for the callbacks that page.evaluate runs inside the browser.
declare const window: any;
declare const document: any;

let world: World;
let browser: Browser;
let desktop: BrowserContext;

async function apiVendor(slug: string): Promise<{ lastSuccessAt: string | null }> {
  const response = await fetch(`${world.baseUrl}/api/v1/vendors/${slug}`);
  return (await response.json()) as { lastSuccessAt: string | null };
}

beforeAll(async () => {
  [world, browser] = await Promise.all([startWorld({ failingVendors: true }), launchBrowser()]);
  desktop = await newContext(browser, { width: 1280, height: 900, colorScheme: 'light' });
  await until(
    'acme and bumpy read',
    async () =>
      (await apiVendor('acme')).lastSuccessAt !== null &&
      (await apiVendor('bumpy')).lastSuccessAt !== null,
    20_000,
  );
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await world?.stop();
});

/** Marks the document (gone after any navigation or reload) and records what is announced. */
async function watchInPlace(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__loaded = 1;
    window.__announced = [];
    const region = document.querySelector('[data-live-announcer]');
    new window.MutationObserver(() => {
      window.__announced.push(region.textContent);
    }).observe(region, { childList: true, characterData: true, subtree: true });
  });
  // Give the page time to open its event stream before the vendor changes.
  await page.waitForTimeout(500);
}

const storageOutage: SpecIncident = {
  id: 'lv1',
  name: 'Object storage uploads failing',
  status: 'investigating',
  impact: 'major',
  startedAt: new Date().toISOString(),
  componentIds: ['a2'],
  updates: [
    {
      id: 'lv1u1',
      status: 'investigating',
      body: 'Uploads fail.',
      at: new Date().toISOString(),
    },
  ],
};

describe('a vendor page in Chromium', () => {
  it('shows a component status change and a new incident in place, announced, without a reload', async () => {
    const page = await open(desktop, `${world.baseUrl}/vendors/acme`);
    const storage = page.locator('[data-component="a2"]');
    expect(await storage.locator('.badge[data-status]').innerText()).toBe('Operational');
    expect(await page.locator('[data-live-part="active"]').innerText()).toContain(
      'No open incident.',
    );
    const todayBefore = await storage.locator('.bars span').last().getAttribute('class');
    expect(todayBefore).toBe('day-operational');
    await watchInPlace(page);

    world.acme.serve(
      statuspageBodies(
        'Acme',
        acmeComponents.map((component) =>
          component.id === 'a2' ? { ...component, status: 'major_outage' } : component,
        ),
        [...acmeHistory(), storageOutage],
      ),
    );
    await page.waitForFunction(
      () =>
        document.querySelector('[data-component="a2"] .badge[data-status]')?.dataset.status ===
          'major_outage' &&
        document.querySelector('[data-live-part="active"] .cards a')?.textContent ===
          'Object storage uploads failing',
      undefined,
      { timeout: 15_000 },
    );
    expect(await page.evaluate(() => window.__loaded as unknown)).toBe(1);
    // Today's cell of the storage bar, the header badge and the history follow.
    expect(await storage.locator('.bars span').last().getAttribute('class')).toBe(
      'day-major_outage',
    );
    expect(await page.locator('[data-live-part="status"] .badge[data-status]').innerText()).toBe(
      'Major outage',
    );
    expect(
      await page.locator('[data-live-part="history"] tr[data-incident-id="acme-lv1"]').count(),
    ).toBe(1);
    // Compute did not change.
    expect(
      await page.locator('[data-component="a1"] .badge[data-status]').getAttribute('data-status'),
    ).toBe('operational');
    // One announcement, or two when a poll caught the vendor's page halfway through the switch.
    const announced = () => page.evaluate(() => (window.__announced as string[]).join(' | '));
    await expect.poll(announced).toMatch(/Acme Cloud: 1 new open item/);
    await expect.poll(announced).toMatch(/Acme Cloud: (.*, )?now Major outage/);
    // No notice asking for a reload, anywhere.
    expect(await page.getByText(/reload/i).count()).toBe(0);
    expect(await page.locator('[data-live-note]').count()).toBe(0);
    expect(await canary(page)).toBeUndefined();
    expect(problemsOf(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotDir, 'vendor-live.png'), fullPage: true });

    // What arrived live fits every width and scheme, as a fresh load would.
    for (const viewport of viewports) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.emulateMedia({ colorScheme: viewport.colorScheme });
      await storage.locator('.bars').scrollIntoViewIfNeeded();
      expect(await scrollWidth(page), viewport.name).toBeLessThanOrEqual(viewport.width);
      expect(await page.locator('[data-live-part="active"] .cards a').isVisible()).toBe(true);
    }
    expect(await page.evaluate(() => window.__loaded as unknown)).toBe(1);
  }, 60_000);

  it('says at once, before the data is stale, that a page fails and why: banner and dashboard row', async () => {
    const vendorPage = await open(desktop, `${world.baseUrl}/vendors/bumpy`);
    expect(await vendorPage.locator('[data-testid="health-banner"]').count()).toBe(0);
    const dashboard = await open(desktop, `${world.baseUrl}/`);
    await watchInPlace(vendorPage);
    await watchInPlace(dashboard);
    // Health seen on the row whenever it changes, so a later "stale" cannot hide an earlier state.
    await dashboard.evaluate(() => {
      const row = document.querySelector('tr[data-vendor="bumpy"]');
      window.__rowStates = [];
      new window.MutationObserver(() => {
        const reason = row.querySelector('[data-cell="reason"]');
        window.__rowStates.push(`${row.dataset.health} ${reason.hidden ? '' : reason.textContent}`);
      }).observe(row, { attributes: true, childList: true, characterData: true, subtree: true });
    });

    world.bumpy!.misbehave((_request, response) => response.writeHead(503).end());
    // A failure is stored as an event only once the data is stale (3 s at this 1 s interval):
    // the row said "failing, HTTP 503" before that, from the poll's health change alone.
    await expect
      .poll(() => dashboard.evaluate(() => window.__rowStates as unknown), { timeout: 15_000 })
      .toContain('failing HTTP 503');
    const banner = vendorPage.locator('[data-testid="health-banner"]');
    await expect.poll(() => banner.count(), { timeout: 15_000 }).toBe(1);
    expect(await banner.innerText()).toMatch(
      /(The vendor's status page is failing\.\s+Failing since|This data is stale\.)[\s\S]*failed polls?\)/,
    );
    expect(await banner.locator('time[datetime]').count()).toBeGreaterThan(0);
    expect(await vendorPage.evaluate(() => window.__loaded as unknown)).toBe(1);
    expect(await dashboard.evaluate(() => window.__loaded as unknown)).toBe(1);
    expect(problemsOf(vendorPage)).toEqual([]);
    expect(problemsOf(dashboard)).toEqual([]);
  }, 60_000);
});
