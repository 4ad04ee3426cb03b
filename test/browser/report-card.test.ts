// The vendor report card and the printable uptime page in Chromium, at 1280 and 390 px, light and
// dark: the figures and their comparison are shown, nothing is wider than the screen, no script
// error, and the hostile vendor's text runs nothing.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
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
import { startWorld, type World } from './world.js';

let world: World;
let browser: Browser;

beforeAll(async () => {
  [world, browser] = await Promise.all([startWorld(), launchBrowser()]);
  // Acme's 90-day history is read on its first poll.
  await until(
    'acme history stored',
    async () => {
      const response = await fetch(`${world.baseUrl}/api/v1/vendors/acme/report`);
      if (!response.ok) return false;
      const body = (await response.json()) as { figures: { incidents: number } };
      return body.figures.incidents === 6;
    },
    20_000,
  );
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await world?.stop();
});

describe('the report card and the uptime page in Chromium', () => {
  for (const viewport of viewports) {
    it(`read well at ${viewport.name}`, async () => {
      const context = await newContext(browser, viewport);
      try {
        const vendor = await open(context, `${world.baseUrl}/vendors/acme`);
        const card = vendor.getByTestId('report-card');
        await card.scrollIntoViewIfNeeded();
        const cardText = await card.innerText();
        expect(cardText).toContain('Report card, last 90 days');
        expect(cardText).toContain('6 incidents: 1 critical, 1 major, 3 minor, 1 notice');
        expect(cardText).toMatch(/Median time to resolve\s*1h 2m/);
        expect(cardText).toMatch(/median of \d+ vendors?/);
        const box = await card.boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
        expect(await scrollWidth(vendor)).toBeLessThanOrEqual(viewport.width);
        await card.screenshot({ path: join(screenshotDir, `report-card-${viewport.name}.png`) });
        expect(problemsOf(vendor)).toEqual([]);

        const uptime = await open(
          context,
          `${world.baseUrl}/vendors/acme/uptime?component=Compute`,
        );
        const figures = await uptime.getByTestId('uptime-figures').innerText();
        expect(figures).toMatch(/Uptime\s*\d+\.\d{4}%/);
        expect(await uptime.getByTestId('uptime-incidents').locator('tbody tr').count()).toBe(2);
        expect(await scrollWidth(uptime)).toBeLessThanOrEqual(viewport.width);
        await uptime.screenshot({
          path: join(screenshotDir, `uptime-${viewport.name}.png`),
          fullPage: true,
        });
        expect(problemsOf(uptime)).toEqual([]);

        // Printed, the navigation and the form go; the figures and incidents stay.
        await uptime.emulateMedia({ media: 'print' });
        expect(await uptime.locator('.site-header').isVisible()).toBe(false);
        expect(await uptime.locator('form.uptime-form').isVisible()).toBe(false);
        expect(await uptime.getByTestId('uptime-incidents').isVisible()).toBe(true);

        const hostile = await open(context, `${world.baseUrl}/vendors/evil/uptime`);
        expect(await scrollWidth(hostile)).toBeLessThanOrEqual(viewport.width);
        expect(await canary(hostile)).toBeUndefined();
        expect(problemsOf(hostile)).toEqual([]);
      } finally {
        await context.close();
      }
    }, 60_000);
  }
});
