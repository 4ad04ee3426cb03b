// The dashboard rows explain themselves in a real browser, and stay worst first as they change
// live: a failing vendor's reason, a never-read vendor's honest freshness, open incident titles,
// the order after a live change equal to a reload's, and no sideways scrolling at 1280 and 390 px.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canary,
  launchBrowser,
  newContext,
  open as openUrl,
  problemsOf,
  screenshotDir,
  scrollWidth,
  until,
  viewports,
} from './browser-kit.js';
import { statuspageBodies } from './statuspage-bodies.js';
import { acmeComponents, acmeHistory, startWorld, type World } from './world.js';

// Globals of the page, for the callbacks that page.evaluate runs inside the browser.
declare const document: any;

let world: World;
let browser: Browser;
let desktop: BrowserContext;

interface ApiVendor {
  slug: string;
  lastSuccessAt: string | null;
  lastPolledAt: string | null;
  error?: string;
}

beforeAll(async () => {
  [world, browser] = await Promise.all([startWorld({ failingVendors: true }), launchBrowser()]);
  desktop = await newContext(browser, { width: 1280, height: 900, colorScheme: 'light' });
  await until(
    'every vendor polled, "down" failed and the others read',
    async () => {
      const vendors = await apiVendors();
      return (
        vendors.length === 5 &&
        vendors.every((vendor) =>
          vendor.slug === 'down' ? vendor.error !== undefined : vendor.lastSuccessAt !== null,
        )
      );
    },
    20_000,
  );
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await world?.stop();
});

async function apiVendors(): Promise<ApiVendor[]> {
  const response = await fetch(`${world.baseUrl}/api/v1/vendors`);
  return ((await response.json()) as { vendors: ApiVendor[] }).vendors;
}

function open(context: BrowserContext, path: string): Promise<Page> {
  return openUrl(context, `${world.baseUrl}${path}`);
}

/** The dashboard's rows in document order, as the reader sees them. */
function rowOrder(page: Page): Promise<string[]> {
  return page
    .locator('#vendor-table tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => (row as { dataset: { vendor: string } }).dataset.vendor),
    );
}

/** The order the server renders now (a reload's order), read without a browser. */
async function serverOrder(): Promise<string[]> {
  const html = await (await fetch(`${world.baseUrl}/`)).text();
  return [...html.matchAll(/<tr data-vendor="([^"]+)"/g)].map((match) => match[1]!);
}

describe('the dashboard rows in Chromium', () => {
  it("say why a page fails and how fresh the data is, in the CLI's and API's words", async () => {
    const page = await open(desktop, '/');
    const down = page.locator('tr[data-vendor="down"]');
    expect(await down.locator('[data-cell="health"]').innerText()).toMatch(
      /^Page failing connection refused\s+never succeeded — last tried (\d+ s ago|just now)$/,
    );
    expect(await down.locator('[data-cell="reason"]').getAttribute('title')).toMatch(
      /refused the connection$/,
    );
    expect(await down.locator('[data-cell="status"]').innerText()).toBe('Unknown');
    // Unknown is not counted as a problem of the vendor's own.
    expect(await page.locator('[data-testid="overview"]').innerText()).toContain(
      '1 with unknown status',
    );

    // A page read once that starts answering 503: the row says so live (a failure is announced
    // once the data went stale, 3 s at this 1 s interval), and so does a reload.
    world.bumpy!.misbehave((_request, response) => response.writeHead(503).end());
    const bumpy = page.locator('tr[data-vendor="bumpy"]');
    await expect
      .poll(() => bumpy.locator('[data-cell="health"]').innerText(), { timeout: 15_000 })
      .toMatch(/^(Page failing|Data stale) HTTP 503\s+last read \d+ s ago$/);
    await page.reload();
    expect(await bumpy.locator('[data-cell="health"]').innerText()).toMatch(
      /^(Page failing|Data stale) HTTP 503\s+last read \d+ s ago$/,
    );
    expect(await canary(page)).toBeUndefined();
    expect(problemsOf(page)).toEqual([]);
  }, 60_000);

  it('list the open incidents by title, linked, and keep worst first after a live change', async () => {
    const page = await open(desktop, '/');
    const acme = page.locator('tr[data-vendor="acme"]');
    await acme.locator('td a').first().focus();
    const startedAt = new Date().toISOString();
    world.acme.serve(
      statuspageBodies(
        'Acme',
        acmeComponents.map((component) => ({ ...component, status: 'major_outage' })),
        [
          ...acmeHistory(),
          {
            id: 'live1',
            name: 'Compute API returns errors',
            status: 'investigating',
            impact: 'critical',
            startedAt,
            componentIds: ['a1'],
            updates: [{ id: 'live1u1', status: 'investigating', body: 'Looking.', at: startedAt }],
          },
        ],
      ),
    );
    const title = acme.locator('[data-cell="incidents"] a', {
      hasText: 'Compute API returns errors',
    });
    await title.waitFor({ timeout: 15_000 });
    expect(await title.getAttribute('href')).toBe('/incidents/acme-live1');
    // Live rows reorder by the server's rule: the same order a reload renders.
    await until(
      'the live order to match the server order',
      async () => JSON.stringify(await rowOrder(page)) === JSON.stringify(await serverOrder()),
      15_000,
    );
    const live = await rowOrder(page);
    expect(live.indexOf('acme')).toBeLessThan(live.indexOf('bumpy'));
    // The reader's focus stayed on the row that moved.
    expect(
      await page.evaluate(() => document.activeElement?.closest('tr')?.dataset.vendor as unknown),
    ).toBe('acme');
    await page.reload();
    expect(await rowOrder(page)).toEqual(live);
    expect(await acme.locator('[data-cell="incidents"]').innerText()).toContain(
      'Compute API returns errors',
    );
    // The hostile vendor's incident title is in its row, as text.
    expect(await page.locator('tr[data-vendor="evil"] [data-cell="incidents"] li').count()).toBe(1);
    expect(await canary(page)).toBeUndefined();
    expect(problemsOf(page)).toEqual([]);
  }, 60_000);

  it('say what to do when the search matches no vendor', async () => {
    const page = await open(desktop, '/');
    const empty = page.locator('[data-filter-empty]');
    expect(await empty.isHidden()).toBe(true);
    await page.locator('input[name="q"]').fill('no such vendor');
    await expect.poll(() => empty.isVisible()).toBe(true);
    expect(await empty.innerText()).toBe(
      'No vendor matches these filters. Try another name, or show every vendor.',
    );
    await page.locator('input[name="q"]').fill('acme');
    await expect.poll(() => empty.isHidden()).toBe(true);
    expect(problemsOf(page)).toEqual([]);
  });

  it('fit 1280 and 390 px, light and dark, on the dashboard and the failing vendors', async () => {
    for (const viewport of viewports) {
      const { width } = viewport;
      const context = await newContext(browser, viewport);
      for (const path of ['/', '/vendors/down', '/vendors/bumpy', '/vendors/evil']) {
        const page = await open(context, path);
        const scrolled = await scrollWidth(page);
        expect(scrolled, `${path} at ${viewport.name} is ${scrolled}px wide`).toBeLessThanOrEqual(
          width,
        );
        const name = path === '/' ? 'dashboard' : path.slice(1).replace('/', '-');
        await page.screenshot({
          path: join(screenshotDir, `dashboard-live-${name}-${viewport.name}.png`),
          fullPage: true,
        });
        expect(problemsOf(page), path).toEqual([]);
        await page.close();
      }
      await context.close();
    }
  }, 90_000);
});
