// The outage page and the dashboard's outage banner in Chromium, at 1280 and 390 px, light and
// dark: the vendors, the likely upstream and the evidence are shown, text has enough contrast,
// nothing is wider than the screen, no script error, and the hostile dependent's text runs nothing.
import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/web/app.js';
import { startServer, type RunningServer } from '../../src/web/server.js';
import {
  outageId,
  outageNow,
  seedOutageScenario,
  type OutageScenario,
} from '../../src/web/test-support/outage-scenario.js';
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

// Globals of the page, for the callbacks that evaluate runs inside the browser.
declare const getComputedStyle: (element: unknown) => { color: string; backgroundColor: string };

let scenario: OutageScenario;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  scenario = await seedOutageScenario();
  const app = createApp({ db: scenario.store.db, now: () => outageNow });
  [server, browser] = await Promise.all([
    startServer(app, { host: '127.0.0.1', port: 0 }),
    launchBrowser(),
  ]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await scenario?.dispose();
});

/** WCAG contrast ratio of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (rgb: string): number => {
    const [r, g, bl] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

async function colours(locator: Locator): Promise<{ color: string; backgroundColor: string }> {
  return locator.evaluate((element) => {
    const style = getComputedStyle(element);
    return { color: style.color, backgroundColor: style.backgroundColor };
  });
}

async function fitsIn(locator: Locator, width: number): Promise<void> {
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(width);
}

describe('the outage page and the dashboard banner in Chromium', () => {
  for (const viewport of viewports) {
    it(`read well at ${viewport.name}`, async () => {
      const context = await newContext(browser, viewport);
      try {
        const dashboard = await open(context, `${server.url}/`);
        const banner = dashboard.getByTestId('outage-banner');
        expect(await banner.innerText()).toMatch(
          /An outage spans several vendors\s*Likely upstream: Amazon Web Services us-east-1 — Amazon Web Services, Acme Pay, Beta Mail, Gamma Auth/,
        );
        await fitsIn(banner, viewport.width);
        const bannerColours = await colours(banner);
        expect(contrast(bannerColours.color, bannerColours.backgroundColor)).toBeGreaterThanOrEqual(
          4.5,
        );
        expect(await scrollWidth(dashboard)).toBeLessThanOrEqual(viewport.width);
        await banner.screenshot({
          path: join(screenshotDir, `outage-banner-${viewport.name}.png`),
        });
        expect(problemsOf(dashboard)).toEqual([]);

        await banner.getByRole('link').click();
        await dashboard.waitForURL(`**/outages/${outageId}`);
        const page = dashboard;
        expect(await page.locator('h1').innerText()).toBe(
          'Amazon Web Services us-east-1: outage across 4 vendors',
        );
        const members = page.getByTestId('outage-members');
        expect(await members.locator('tbody tr').count()).toBe(4);
        const membersText = await members.innerText();
        expect(membersText).toContain('the config says acme depends on aws:us-east-1');
        expect(membersText).toContain('its text names "AWS … us-east-1"');
        expect(membersText).not.toContain('Delta DB');
        for (const row of await members.locator('tbody tr').all())
          await fitsIn(row, viewport.width);
        const timeline = page.getByTestId('outage-timeline');
        expect(await timeline.locator('li').count()).toBe(4);
        await fitsIn(timeline, viewport.width);
        const body = await colours(page.locator('body'));
        expect(contrast(body.color, body.backgroundColor)).toBeGreaterThanOrEqual(7);
        expect(await scrollWidth(page)).toBeLessThanOrEqual(viewport.width);
        expect(await canary(page)).toBeUndefined();
        await page.screenshot({
          path: join(screenshotDir, `outage-page-${viewport.name}.png`),
          fullPage: true,
        });
        expect(problemsOf(page)).toEqual([]);
      } finally {
        await context.close();
      }
    }, 60_000);
  }
});
