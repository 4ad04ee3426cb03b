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

/** A row read before, now failing with HTTP 503: since when, how many polls, the last read. */
const streak503 =
  /^(Page failing|Data stale) HTTP 503\s+failing since .+ UTC \(\d+ failed polls?\) · last read \d+ s ago$/;

/** Each page measured for overflow, with an element of what this change added to it. */
const pagesWithNewContent = [
  ['/', 'tr[data-vendor="down"] [data-cell="reason"]'],
  ['/', 'tr[data-vendor="evil"] [data-cell="incidents"] a'],
  ['/vendors/down', '[data-testid="health-banner"] .banner-error'],
  ['/vendors/bumpy', '[data-testid="health-banner"] .banner-error'],
  // Day 20 of 90 is inside Acme's own history (77 days) though long before it was watched.
  ['/vendors/acme', '[data-component="a1"] .bars span:nth-child(20).day-operational'],
  // The longest vendor text there is.
  ['/vendors/evil', 'h1'],
] as const;

describe('the dashboard rows in Chromium', () => {
  it("say why a page fails and how fresh the data is, in the CLI's and API's words", async () => {
    const page = await open(desktop, '/');
    const down = page.locator('tr[data-vendor="down"]');
    expect(await down.locator('[data-cell="health"]').innerText()).toMatch(
      /^Page failing connection refused\s+failing since .+ UTC \(\d+ failed polls?\) · never succeeded — last tried (\d+ s ago|just now)$/,
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
      .toMatch(streak503);
    await page.reload();
    expect(await bumpy.locator('[data-cell="health"]').innerText()).toMatch(streak503);
    expect(await canary(page)).toBeUndefined();
    expect(problemsOf(page)).toEqual([]);
  }, 60_000);

  it('list the open incidents by title, each linked to its page', async () => {
    const page = await open(desktop, '/');
    // Balena's replayed incident and the hostile vendor's (its title shown as text).
    const balena = page.locator('tr[data-vendor="balena"] [data-cell="incidents"] a');
    await expect.poll(() => balena.count()).toBeGreaterThan(0);
    expect(await balena.first().getAttribute('href')).toBe('/incidents/balena-8gq2x9k1mlh4');
    const evil = page.locator('tr[data-vendor="evil"] [data-cell="incidents"] a');
    expect(await evil.innerText()).toContain('<script>window.__xss=1</script>Outage');
    expect(await evil.getAttribute('href')).toBe('/incidents/evil-x1');
    expect(await page.locator('tr[data-vendor="bumpy"] [data-cell="incidents"]').isHidden()).toBe(
      true,
    );
    expect(await canary(page)).toBeUndefined();
    expect(problemsOf(page)).toEqual([]);
  });

  it('keep worst first after a live change, as a reload orders them, and keep focus', async () => {
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
    await expect
      .poll(() => acme.locator('[data-cell="status"]').innerText(), { timeout: 15_000 })
      .toBe('Major outage');
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
    // The new incident's title came with the live change.
    const title = acme.locator('[data-cell="incidents"] a', {
      hasText: 'Compute API returns errors',
    });
    expect(await title.getAttribute('href')).toBe('/incidents/acme-live1');
    await page.reload();
    expect(await rowOrder(page)).toEqual(live);
    expect(await title.count()).toBe(1);
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
      for (const [path, marker] of pagesWithNewContent) {
        const page = await open(context, path);
        // What this change added is on the page, and it fits.
        expect(await page.locator(marker).first().isVisible(), `${path} ${marker}`).toBe(true);
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
