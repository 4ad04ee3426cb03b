// The pages in a real browser (Debian's Chromium driven by playwright-core): the replayed Balena
// reference incident, the vendor page, the dashboard updating live from the event stream, the
// reader's local time, 360 px phones, and hostile vendor text that must never run (a
// window.__xss canary).
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileName, templateVector } from '../../src/web/pages/test-support/xss-vectors.js';
import {
  canary,
  launchBrowser,
  newContext,
  open as openUrl,
  problemsOf,
  screenshotDir,
  scrollWidth,
  until,
} from './browser-kit.js';
import { statuspageBodies } from './statuspage-bodies.js';
import { acmeComponents, acmeHistory, startWorld, type World } from './world.js';

// Globals of the page, for the callbacks that page.evaluate runs inside the browser.
declare const window: any;
declare const document: any;
declare function getComputedStyle(element: unknown): { backgroundColor: string };

const incidentId = 'balena-8gq2x9k1mlh4';
const sixComponents = [
  'API',
  'BalenaOS Download',
  'Dashboard',
  'Device URLs',
  'Cloudlink (VPN)',
  'balenahub',
];

let world: World;
let browser: Browser;
let desktop: BrowserContext;

beforeAll(async () => {
  [world, browser] = await Promise.all([startWorld(), launchBrowser()]);
  desktop = await newContext(browser, { width: 1280, height: 900, colorScheme: 'light' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await world?.stop();
});

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${world.baseUrl}${path}`);
  return (await response.json()) as T;
}

function open(context: BrowserContext, path: string): Promise<Page> {
  return openUrl(context, `${world.baseUrl}${path}`);
}

describe('the pages in Chromium', () => {
  it('update a dashboard row in place when a vendor changes, without a reload', async () => {
    await until(
      'the first polls',
      async () => {
        const { vendors } = await api<{ vendors: Array<{ lastSuccessAt: string | null }> }>(
          '/api/v1/vendors',
        );
        return vendors.length === 3 && vendors.every((vendor) => vendor.lastSuccessAt !== null);
      },
      15_000,
    );
    const page = await open(desktop, '/');
    const row = page.locator('tr[data-vendor="acme"]');
    await expect.poll(() => row.locator('[data-cell="status"]').innerText()).toBe('Operational');
    await page.evaluate(() => {
      window.__loaded = 1;
      // Every announcement of the live region, since several vendors change during the test.
      window.__announced = [];
      const region = document.querySelector('[data-live-announcer]');
      new window.MutationObserver(() => {
        window.__announced.push(region.textContent);
      }).observe(region, { childList: true, characterData: true, subtree: true });
    });
    const before = await row.boundingBox();
    const tableBefore = await page.locator('#vendor-table').boundingBox();

    world.acme.serve(
      statuspageBodies(
        'Acme',
        acmeComponents.map((component) => ({ ...component, status: 'major_outage' })),
        [
          ...acmeHistory(),
          {
            id: 'ac1',
            name: 'Compute instances unreachable',
            status: 'investigating',
            impact: 'major',
            startedAt: new Date().toISOString(),
            componentIds: ['a1', 'a2'],
            updates: [
              {
                id: 'ac1u1',
                status: 'investigating',
                body: 'We are looking into it.',
                at: new Date().toISOString(),
              },
            ],
          },
        ],
      ),
    );
    await page.waitForFunction(
      () =>
        document.querySelector('tr[data-vendor="acme"] [data-cell="status"]')?.textContent ===
        'Major outage',
      undefined,
      { timeout: 15_000 },
    );
    expect(await row.locator('[data-cell="active"]').innerText()).toBe('1');
    expect(await page.evaluate(() => window.__loaded as unknown)).toBe(1);
    // The row grows by its new open incident's title line at most, never more.
    const after = await row.boundingBox();
    const titles = await row.locator('[data-cell="incidents"]').boundingBox();
    expect(after!.height).toBeLessThanOrEqual(before!.height + titles!.height);
    expect((await page.locator('#vendor-table').boundingBox())?.y).toBe(tableBefore?.y);
    await expect
      .poll(() => page.evaluate(() => window.__announced as unknown))
      .toContain('Acme Cloud: Major outage');
    await page.screenshot({ path: join(screenshotDir, 'dashboard.png'), fullPage: true });

    // A reload renders on the server what the script wrote, and puts the vendor first.
    const liveText = await row.innerText();
    await page.reload();
    expect((await row.innerText()).replace(/checked .*/, '')).toBe(
      liveText.replace(/checked .*/, ''),
    );
    const order = await page
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => (row as { dataset: { vendor: string } }).dataset.vendor),
      );
    expect(order.indexOf('acme')).toBeLessThan(order.indexOf('balena'));
    expect(await canary(page)).toBeUndefined();
    expect(problemsOf(page)).toEqual([]);
  }, 60_000);

  it('show the replayed reference incident as the reference page does', async () => {
    await until(
      'the twelfth update',
      async () => {
        const incident = await api<{ updates?: unknown[] }>(`/api/v1/incidents/${incidentId}`);
        return incident.updates?.length === 12;
      },
      40_000,
    );
    const page = await open(desktop, `/incidents/${incidentId}`);
    expect(await page.locator('h1').innerText()).toBe('Elevated API Errors');
    expect(await page.locator('[data-testid="badges"] .badge').allInnerTexts()).toEqual([
      'Notice',
      'Resolved',
      'Postmortem',
    ]);
    const source = page.getByRole('link', { name: 'View vendor source →' });
    expect(await source.getAttribute('href')).toBe(
      'https://status.balena.io/incidents/8gq2x9k1mlh4',
    );
    expect(await page.locator('[data-testid="summary"]').innerText()).toBe(
      'Balena experienced a notice incident on September 10, 2025 affecting API, BalenaOS Download and 4 more components, lasting 8h 20m.',
    );
    const facts = await page.locator('dl.facts').innerText();
    expect(facts).toMatch(/Started\s+Sep 10, 2025, 01:47 PM UTC/);
    expect(facts).toMatch(/Resolved\s+Sep 10, 2025, 10:08 PM UTC/);
    expect(facts).toMatch(/Duration\s+8h 20m/);
    expect(facts).toMatch(
      /Detected by vendorwatch\s+\w{3} \d+, \d{4}, .+ UTC — .+ after the vendor's first post/,
    );
    expect(await page.locator('[data-testid="components"] li').allInnerTexts()).toEqual(
      sixComponents,
    );
    const updates = page.locator('[data-testid="timeline"] > li');
    expect(await updates.count()).toBe(12);
    expect(await updates.first().innerText()).toContain('Investigating');
    expect(await updates.first().innerText()).toContain('Sep 10, 2025, 01:47 PM UTC');
    expect(await updates.first().innerText()).toContain(
      "We're experiencing an elevated level of API errors",
    );
    const postmortem = updates.nth(11);
    expect(await postmortem.getAttribute('class')).toContain('postmortem');
    expect(await postmortem.innerText()).toMatch(/^POSTMORTEM/i);
    expect(await postmortem.innerText()).toContain('Sep 19, 2025, 09:37 AM UTC');
    expect(await postmortem.innerText()).toContain('On Sept. 10th, around 13:30pm UTC');
    await page.screenshot({ path: join(screenshotDir, 'incident.png'), fullPage: true });
    // Keyboard: the first Tab reaches the skip link, which takes focus to the content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent as unknown)).toBe(
      'Skip to content',
    );
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id as unknown)).toBe('main');
    expect(await canary(page)).toBeUndefined();
    expect(problemsOf(page)).toEqual([]);
  }, 60_000);

  it("show times in the reader's zone with JavaScript, and read well without it", async () => {
    const berlin = await browser.newContext({ timezoneId: 'Europe/Berlin' });
    const local = await open(berlin, `/incidents/${incidentId}`);
    const started = local.locator('dl.facts time').first();
    expect(await started.innerText()).toBe('Sep 10, 2025, 03:47 PM GMT+2');
    expect(await started.getAttribute('title')).toBe('Sep 10, 2025, 01:47 PM UTC');
    await berlin.close();

    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const plain = await open(noScript, `/incidents/${incidentId}`);
    expect(await plain.locator('dl.facts time').first().innerText()).toBe(
      'Sep 10, 2025, 01:47 PM UTC',
    );
    expect(await plain.locator('[data-testid="timeline"] > li').count()).toBe(12);
    await noScript.close();
  });

  it('show the vendor page with grouped components, 90-day bars and figures', async () => {
    const page = await open(desktop, '/vendors/balena');
    expect(await page.locator('h1').innerText()).toBe('Balena');
    expect(await page.locator('.component').count()).toBe(9);
    expect(await page.locator('.component-group h3').allInnerTexts()).toContain('balenaCloud');
    expect(await page.locator('.bars').first().locator('span').count()).toBe(90);
    expect(await page.locator('.bars').first().getAttribute('aria-label')).toMatch(
      /^API\. Last 90 days: /,
    );
    expect(await page.locator('[data-testid="freshness"]').innerText()).toMatch(/^Data: checked /);
    // The replayed incident dates from 2025: in the history, outside the 90-day figures.
    expect(await page.locator('.figures').innerText()).toMatch(/Median time to resolve/);
    expect(await page.locator('.incident-table').innerText()).toContain('Elevated API Errors');
    // Today the replay degraded six components: their bar ends with a degraded day.
    expect(await page.locator('.bars').first().locator('span').last().getAttribute('class')).toBe(
      'day-degraded_performance',
    );
    expect(problemsOf(page)).toEqual([]);

    // Acme's history came with its first poll: six resolved incidents in the last 90 days.
    const acme = await open(desktop, '/vendors/acme');
    const figures = await acme.locator('.figures').innerText();
    expect(figures).toMatch(/Incidents\s+7\s+Critical\s+1\s+Major\s+2\s+Minor\s+3\s+Notice\s+1/);
    expect(figures).toMatch(/Median time to resolve\s+1h 2m/);
    expect(await acme.locator('[data-component="a1"] .bars .day-partial_outage').count()).toBe(1);
    expect(await acme.locator('[data-component="a1"] .bars .day-major_outage').count()).toBe(2);
    await acme.screenshot({ path: join(screenshotDir, 'vendor.png'), fullPage: true });
    expect(problemsOf(acme)).toEqual([]);
  });

  it('fit a 360 px phone, in dark mode too', async () => {
    const phone = await browser.newContext({
      viewport: { width: 360, height: 780 },
      timezoneId: 'UTC',
      colorScheme: 'dark',
    });
    for (const [name, path] of [
      ['dashboard', '/'],
      ['vendor', '/vendors/balena'],
      ['incident', `/incidents/${incidentId}`],
    ] as const) {
      const page = await open(phone, path);
      const width = await scrollWidth(page);
      expect(width, `${path} is ${width}px wide`).toBeLessThanOrEqual(360);
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe('rgb(18, 20, 24)');
      await page.screenshot({
        path: join(screenshotDir, `${name}-phone-dark.png`),
        fullPage: true,
      });
    }
    await phone.close();
  });

  it('never run script from hostile vendor text', async () => {
    await until(
      'the hostile incident',
      async () => (await api<{ id?: string }>('/api/v1/incidents/evil-x1')).id === 'evil-x1',
      15_000,
    );
    for (const path of [
      '/',
      '/vendors/evil',
      '/incidents/evil-x1',
      '/incidents?q=%3Cscript%3E',
      '/incidents?vendor=evil',
    ]) {
      const page = await open(desktop, path);
      // Give any injected handler (onload, onerror, a refresh) its chance to fire.
      await page.waitForLoadState('load');
      await page.waitForTimeout(300);
      expect(await canary(page), path).toBeUndefined();
      expect(page.url(), path).toBe(`${world.baseUrl}${path}`);
      expect(problemsOf(page), path).toEqual([]);
      await page.close();
    }
    const page = await open(desktop, '/incidents/evil-x1');
    const text = await page.locator('main').innerText();
    expect(text).toContain('<script>window.__xss=1</script>Outage');
    expect(text).toContain(hostileName);
    expect(text).toContain(templateVector);
    expect(await page.locator('main a[href^="javascript:"]').count()).toBe(0);
    await page.screenshot({ path: join(screenshotDir, 'hostile-incident.png'), fullPage: true });
  }, 60_000);
});
