// The vendor avatar in Chromium: on the dashboard rows and the vendor page header, at 1280 and
// 390 px in light and dark, it is drawn (a filled circle with the initials), hidden from screen
// readers, changes colour with the scheme, and pushes nothing sideways. The hostile vendor's
// name (world.ts "evil") gets an avatar too, and the canary stays unset.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { startWorld, type World } from './world.js';

declare const document: any;
declare function getComputedStyle(element: unknown): { backgroundColor: string; color: string };

let world: World;
let browser: Browser;

beforeAll(async () => {
  [world, browser] = await Promise.all([startWorld(), launchBrowser()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await world?.stop();
});

interface Drawn {
  text: string;
  hidden: string | null;
  background: string;
  colour: string;
  width: number;
  height: number;
}

function avatarsOf(page: Page, selector: string): Promise<Drawn[]> {
  return page.evaluate((css: string) => {
    return [...document.querySelectorAll(css)].map((element: any) => {
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      return {
        text: element.textContent,
        hidden: element.getAttribute('aria-hidden'),
        background: style.backgroundColor,
        colour: style.color,
        width: box.width,
        height: box.height,
      };
    });
  }, selector);
}

describe('the vendor avatar in Chromium', () => {
  it('is drawn on dashboard rows and the vendor header at both widths and schemes', async () => {
    const backgrounds = new Map<string, string>();
    for (const viewport of viewports) {
      const context = await newContext(browser, viewport);
      try {
        const dashboard = await open(context, `${world.baseUrl}/`);
        const rows = await avatarsOf(dashboard, 'tr[data-vendor] .vendor-avatar');
        expect(rows.length, viewport.name).toBeGreaterThanOrEqual(2);
        const acmeRow = await avatarsOf(dashboard, 'tr[data-vendor="acme"] .vendor-avatar');
        expect(acmeRow.map((a) => a.text)).toEqual(['AC']);
        for (const avatar of rows) {
          expect(avatar.hidden).toBe('true');
          expect(avatar.text).toMatch(/^[\p{L}\p{N}]{1,2}$/u);
          expect(avatar.background).not.toBe('rgba(0, 0, 0, 0)');
          expect(Math.round(avatar.width)).toBe(Math.round(avatar.height));
        }
        backgrounds.set(viewport.name, acmeRow[0]!.background);
        expect(await scrollWidth(dashboard), viewport.name).toBeLessThanOrEqual(viewport.width);
        await dashboard.screenshot({
          path: join(screenshotDir, `avatar-dashboard-${viewport.name}.png`),
        });

        const vendorPage = await open(context, `${world.baseUrl}/vendors/acme`);
        const header = await avatarsOf(vendorPage, '.vendor-header .vendor-avatar');
        expect(header.map((a) => [a.text, a.hidden])).toEqual([['AC', 'true']]);
        expect(header[0]!.width).toBeGreaterThan(acmeRow[0]!.width);
        expect(await scrollWidth(vendorPage), viewport.name).toBeLessThanOrEqual(viewport.width);
        await vendorPage.screenshot({
          path: join(screenshotDir, `avatar-vendor-${viewport.name}.png`),
        });

        const evil = await open(context, `${world.baseUrl}/vendors/evil`);
        expect(await avatarsOf(evil, '.vendor-header .vendor-avatar')).toHaveLength(1);
        expect(await canary(evil)).toBeUndefined();
        for (const page of [dashboard, vendorPage, evil]) expect(problemsOf(page)).toEqual([]);
      } finally {
        await context.close();
      }
    }
    // One colour per scheme for a slug, whatever the width.
    expect(backgrounds.get('desktop-light')).toBe(backgrounds.get('phone-light'));
    expect(backgrounds.get('desktop-dark')).toBe(backgrounds.get('phone-dark'));
    expect(backgrounds.get('desktop-light')).not.toBe(backgrounds.get('desktop-dark'));
  }, 60_000);
});
