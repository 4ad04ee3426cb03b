// The incident page's Flags section in Chromium at 1280 and 390 px, light and dark: an incident
// that Acme published as critical, then lowered, retitled with long hostile text, rewrote an
// update of and added an update claiming to be hours old (it appeared ten minutes after the start
// it claims, while Acme was read every second: backdated too). Each flag shows with its evidence,
// nothing is wider than the screen, no script error, and the vendor's text runs nothing.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xssVectors } from '../../src/web/pages/test-support/xss-vectors.js';
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

let world: World;
let browser: Browser;

const openedAt = new Date(Date.now() - 10 * 60_000).toISOString();
const lateClaim = new Date(Date.now() - 3 * 3_600_000).toISOString();
const unbroken = 'x'.repeat(160);
const newTitle = `Minor delays ${unbroken} ${xssVectors[1]}`;

function flagged(edited: boolean): SpecIncident {
  return {
    id: 'fl1',
    name: edited ? newTitle : 'Full outage of Compute',
    status: 'identified',
    impact: edited ? 'minor' : 'critical',
    startedAt: openedAt,
    componentIds: [],
    updates: [
      {
        id: 'fl1u1',
        status: 'investigating',
        body: edited
          ? `Some requests were slower than usual. ${xssVectors[0]} ${unbroken}`
          : 'Customer data was lost in eu-west.',
        at: openedAt,
      },
      ...(edited
        ? [{ id: 'fl1u2', status: 'identified', body: 'Cause identified.', at: lateClaim }]
        : []),
    ],
  };
}

async function flagKinds(): Promise<string[]> {
  const response = await fetch(`${world.baseUrl}/api/v1/incidents/acme-fl1`);
  if (!response.ok) return [];
  const body = (await response.json()) as { flags: Array<{ kind: string }> };
  return body.flags.map((flag) => flag.kind).sort();
}

beforeAll(async () => {
  [world, browser] = await Promise.all([startWorld(), launchBrowser()]);
  world.acme.serve(statuspageBodies('Acme', acmeComponents, [flagged(false), ...acmeHistory()]));
  await until('the incident stored', async () => (await flagKinds()).length > 0, 20_000);
  world.acme.serve(statuspageBodies('Acme', acmeComponents, [flagged(true), ...acmeHistory()]));
  await until('the edits flagged', async () => (await flagKinds()).includes('downgraded'), 20_000);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await world?.stop();
});

describe('the incident page shows hygiene flags in Chromium', () => {
  it('stores the four flags the edits make', async () => {
    expect(await flagKinds()).toEqual(['backdated', 'downgraded', 'no_components', 'rewritten']);
  });

  for (const viewport of viewports) {
    it(`reads well at ${viewport.name}`, async () => {
      const context = await newContext(browser, viewport);
      try {
        const page = await open(context, `${world.baseUrl}/incidents/acme-fl1`);
        const section = page.getByTestId('flags');
        await section.scrollIntoViewIfNeeded();
        const text = await section.innerText();
        expect(text).toMatch(/Downgraded[\s\S]*Before\s*Critical[\s\S]*After\s*Minor/);
        expect(text).toMatch(/Rewritten[\s\S]*Title[\s\S]*Full outage of Compute/);
        expect(text).toContain(xssVectors[1]);
        expect(text).toMatch(/Backdated[\s\S]*Update fl1u2 claims/);
        expect(text).toContain('No components');
        const box = await section.boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
        for (const card of await section.locator('li.flag').all()) {
          const cardBox = await card.boundingBox();
          expect(cardBox!.x + cardBox!.width).toBeLessThanOrEqual(viewport.width);
        }
        expect(await scrollWidth(page)).toBeLessThanOrEqual(viewport.width);
        await section.screenshot({
          path: join(screenshotDir, `incident-flags-${viewport.name}.png`),
        });
        expect(await canary(page)).toBeUndefined();
        expect(problemsOf(page)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
