// The vendor page while an incident is open says it is polled fast, in Chromium at 1280 and
// 390 px, light and dark: the note is shown, nothing is wider than the screen, no script error.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackService, type LoopbackService } from '../test-support/service.js';
import { incidentOpen } from '../test-support/statuspage-bodies.js';
import { startSwitchableVendor, type SwitchableVendor } from '../test-support/switchable-vendor.js';
import {
  launchBrowser,
  newContext,
  open,
  problemsOf,
  scrollWidth,
  until,
  viewports,
} from './browser-kit.js';

let vendor: SwitchableVendor;
let running: LoopbackService;
let browser: Browser;

beforeAll(async () => {
  vendor = await startSwitchableVendor();
  vendor.serve(incidentOpen);
  [running, browser] = await Promise.all([
    startLoopbackService([
      `  - { slug: busy, name: "A vendor with a rather long name, Inc.", url: "${vendor.baseUrl}", platform: statuspage, interval: 1h }`,
    ]),
    launchBrowser(),
  ]);
  await until(
    'the open incident stored',
    async () => {
      const response = await fetch(`${running.service.url}/api/v1/vendors/busy`);
      return ((await response.json()) as { effectiveInterval?: number }).effectiveInterval === 10;
    },
    15_000,
  );
}, 40_000);

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  await vendor?.close();
});

describe('the fast polling note on the vendor page', () => {
  for (const viewport of viewports) {
    it(`reads well at ${viewport.name}`, async () => {
      const context = await newContext(browser, viewport);
      try {
        const page = await open(context, `${running.service.url}/vendors/busy`);
        const note = page.getByTestId('polling-note');
        expect(await note.innerText()).toBe(
          'polled every 10 s while the incident is open (every 1h otherwise)',
        );
        const box = await note.boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
        expect(await scrollWidth(page)).toBeLessThanOrEqual(viewport.width);
        expect(problemsOf(page)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
