// An open incident's page follows the incident live: a new update appears in the timeline in
// place and the phase badge changes, without a navigation and without a "Reload" notice; the
// change is announced politely; hostile text arriving live stays inert; and without JavaScript
// the page still reads fully on its own.
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canary,
  launchBrowser,
  newContext,
  open,
  problemsOf,
  screenshotDir,
  until,
} from './browser-kit.js';
import { statuspageBodies, type SpecIncident } from './statuspage-bodies.js';
import { acmeComponents, acmeHistory, startWorld, type World } from './world.js';

// Globals of the page, for the callbacks that page.evaluate runs inside the browser.
declare const window: any;
declare const document: any;

const incidentId = 'acme-live1';
const started = new Date(Date.now() - 20 * 60_000).toISOString();
const hostileBody = '<img src=x onerror="window.__xss=1">Fix rolled out to <b>eu-west</b>';

let world: World;
let browser: Browser;
let desktop: BrowserContext;

function liveIncident(updates: SpecIncident['updates']): SpecIncident {
  return {
    id: 'live1',
    name: 'Compute instances unreachable',
    status: updates.at(-1)!.status,
    impact: 'major',
    startedAt: started,
    componentIds: ['a1'],
    updates,
  };
}

const firstUpdate = {
  id: 'live1u1',
  status: 'investigating',
  body: 'We are looking into unreachable instances.',
  at: started,
};

async function storedUpdates(): Promise<number> {
  const response = await fetch(`${world.baseUrl}/api/v1/incidents/${incidentId}`);
  if (!response.ok) return 0;
  return ((await response.json()) as { updates: unknown[] }).updates.length;
}

beforeAll(async () => {
  [world, browser] = await Promise.all([startWorld(), launchBrowser()]);
  desktop = await newContext(browser, { width: 1280, height: 900, colorScheme: 'light' });
  // After the first (baseline) poll, the vendor opens the incident.
  await until(
    'the first poll of acme',
    async () => {
      const response = await fetch(`${world.baseUrl}/api/v1/vendors/acme`);
      return (
        response.ok &&
        ((await response.json()) as { lastSuccessAt: unknown }).lastSuccessAt !== null
      );
    },
    15_000,
  );
  world.acme.serve(
    statuspageBodies('Acme', acmeComponents, [...acmeHistory(), liveIncident([firstUpdate])]),
  );
  await until('the open incident', async () => (await storedUpdates()) === 1, 15_000);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await world?.stop();
});

describe('an open incident page in Chromium', () => {
  it('shows a new update and the new phase in place, announced, without a reload', async () => {
    const page = await open(desktop, `${world.baseUrl}/incidents/${incidentId}`);
    const timeline = page.locator('[data-testid="timeline"] > li');
    expect(await timeline.count()).toBe(1);
    const phaseBadge = page.locator('[data-testid="badges"] .badge.phase');
    expect(await phaseBadge.innerText()).toBe('Investigating');
    const badgeLook = () =>
      page.evaluate(() => {
        const badge = document.querySelector('[data-testid="badges"] .badge.phase');
        const icon = window.getComputedStyle(badge, '::before');
        return {
          background: window.getComputedStyle(badge).backgroundColor as string,
          icon: (icon.maskImage || icon.webkitMaskImage) as string,
        };
      });
    const investigatingLook = await badgeLook();
    await page.evaluate(() => {
      // Survives only if the document is never replaced by a navigation or reload.
      window.__loaded = 1;
      window.__firstUpdate = document.querySelector('[data-testid="timeline"] > li');
      window.__announced = [];
      const region = document.querySelector('[data-live-announcer]');
      new window.MutationObserver(() => {
        window.__announced.push(region.textContent);
      }).observe(region, { childList: true, characterData: true, subtree: true });
    });
    // Give the page time to open its event stream before the vendor changes.
    await page.waitForTimeout(500);

    const identified = {
      id: 'live1u2',
      status: 'identified',
      body: hostileBody,
      at: new Date().toISOString(),
    };
    world.acme.serve(
      statuspageBodies('Acme', acmeComponents, [
        ...acmeHistory(),
        liveIncident([firstUpdate, identified]),
      ]),
    );
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="timeline"] > li').length === 2,
      undefined,
      { timeout: 15_000 },
    );
    expect(await page.evaluate(() => window.__loaded as unknown)).toBe(1);
    // The earlier update is the same node, untouched; the new one is appended after it.
    expect(
      await page.evaluate(
        () => window.__firstUpdate === document.querySelector('[data-testid="timeline"] > li'),
      ),
    ).toBe(true);
    const added = timeline.nth(1);
    expect(await added.innerText()).toContain('Fix rolled out to eu-west');
    expect(await added.locator('.badge.phase').innerText()).toBe('Identified');
    expect(await added.locator('b').innerText()).toBe('eu-west');
    expect(await phaseBadge.innerText()).toBe('Identified');
    expect(await phaseBadge.getAttribute('data-phase')).toBe('identified');
    // Phases differ by word, by tint and by the icon's shape, never by colour alone.
    const identifiedLook = await badgeLook();
    expect(identifiedLook.background).not.toBe(investigatingLook.background);
    expect(identifiedLook.icon).toMatch(/^url\("data:image\/svg\+xml/);
    expect(investigatingLook.icon).toMatch(/^url\("data:image\/svg\+xml/);
    expect(identifiedLook.icon).not.toBe(investigatingLook.icon);
    await expect
      .poll(() => page.evaluate(() => window.__announced as unknown))
      .toContain('Compute instances unreachable: 1 new update, now Identified');
    // No notice asking for a reload, anywhere.
    expect(await page.getByText(/reload/i).count()).toBe(0);
    expect(await page.locator('[data-live-note]').count()).toBe(0);
    // Hostile text that arrived live is as inert as on first load.
    expect(await added.locator('img').count()).toBe(0);
    expect(await canary(page)).toBeUndefined();
    await page.screenshot({ path: join(screenshotDir, 'incident-live.png'), fullPage: true });

    // The vendor resolves it: the header says so, the phase badge goes, the timeline grows.
    world.acme.serve(
      statuspageBodies('Acme', acmeComponents, [
        ...acmeHistory(),
        {
          ...liveIncident([
            firstUpdate,
            identified,
            {
              id: 'live1u3',
              status: 'resolved',
              body: 'All instances are reachable again.',
              at: new Date().toISOString(),
            },
          ]),
          resolvedAt: new Date().toISOString(),
        },
      ]),
    );
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="timeline"] > li').length === 3,
      undefined,
      { timeout: 15_000 },
    );
    expect(await page.locator('[data-testid="badges"] .badge').allInnerTexts()).toEqual([
      'Major',
      'Resolved',
    ]);
    expect(await page.locator('dl.facts').innerText()).not.toMatch(/ongoing/);
    await expect
      .poll(() => page.evaluate(() => window.__announced as unknown))
      .toContain('Compute instances unreachable: 1 new update, now Resolved');
    expect(await page.evaluate(() => window.__loaded as unknown)).toBe(1);
    expect(problemsOf(page)).toEqual([]);
  }, 60_000);

  it('reads fully without JavaScript, with the latest state on each load', async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const page = await open(noScript, `${world.baseUrl}/incidents/${incidentId}`);
    expect(await page.locator('[data-testid="timeline"] > li').count()).toBe(3);
    expect(await page.locator('[data-testid="badges"] .badge').allInnerTexts()).toEqual([
      'Major',
      'Resolved',
    ]);
    await noScript.close();
  });
});
