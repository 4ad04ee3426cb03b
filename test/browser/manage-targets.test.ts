// /manage/targets in Chromium at 390 px, light and dark: with the keyboard only (Tab and Enter),
// add a Slack-type target aimed at a loopback receiver, "Send test" arrives and the page shows it,
// disable and enable it, remove it; the component picker follows the chosen vendor; no page
// scrolls sideways and no console error or CSP report shows up.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openStore, type Store } from '../../src/store/index.js';
import { setUpAdmin, startAuthServer, type AuthServer } from '../test-support/auth-server.js';
import { startReceiver, type LoopbackReceiver } from '../test-support/loopback-receiver.js';
import {
  launchBrowser,
  newContext,
  open,
  problemsOf,
  screenshotDir,
  scrollWidth,
  viewports,
} from './browser-kit.js';

declare const document: any;

let browser: Browser;
let receiver: LoopbackReceiver;
const dir = mkdtempSync(join(tmpdir(), 'vw-manage-targets-browser-'));

beforeAll(async () => {
  [browser, receiver] = await Promise.all([launchBrowser(), startReceiver()]);
});

afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Presses Tab until the focused element matches, then stops: what a keyboard user does. */
async function tabTo(page: Page, matches: string, maxTabs = 80): Promise<void> {
  for (let tab = 0; tab < maxTabs; tab++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate(
      (selector) => Boolean(document.activeElement?.matches(selector)),
      matches,
    );
    if (hit) return;
  }
  throw new Error(`Tab never reached ${matches}`);
}

async function press(page: Page, selector: string) {
  await page.focus('body');
  await tabTo(page, selector);
  await page.keyboard.press('Enter');
}

async function noOverflow(page: Page, width: number, name: string) {
  expect(await scrollWidth(page), `${name} overflows`).toBeLessThanOrEqual(width);
}

async function seedVendors(store: Store, at: string) {
  for (const [slug, name, components] of [
    [
      'acme',
      'Acme Cloud',
      ['API', 'Dashboard', 'A very long component name that must wrap on a phone'],
    ],
    ['globex', 'Globex', ['Payments']],
  ] as const) {
    await store.db
      .insertInto('vendors')
      .values({
        slug,
        name,
        status_page_url: `https://status.${slug}.example`,
        platform: 'statuspage',
        category: 'cloud',
        interval_seconds: 60,
        source: 'config',
        enabled: 1,
        created_at: at,
      })
      .execute();
    await store.db
      .insertInto('components')
      .values(
        components.map((component, position) => ({
          vendor_slug: slug,
          id: `${slug}-${position}`,
          name: component,
          group_name: null,
          status: 'operational',
          position,
          updated_at: at,
        })),
      )
      .execute();
  }
}

describe('/manage/targets in Chromium', () => {
  for (const viewport of viewports.filter((v) => v.width === 390)) {
    it(`adds, tests, disables, enables and removes a Slack target with the keyboard (${viewport.name})`, async () => {
      const store: Store = await openStore(join(dir, `${viewport.name}.db`));
      await migrateToLatest(store);
      const server: AuthServer = await startAuthServer(store);
      await seedVendors(store, server.clock.now);
      const admin = await setUpAdmin(server, 'ops@example.com', 'browser-targets-pass-19');
      const [cookieName, cookieValue] = admin.cookie!.split('=') as [string, string];
      const context = await newContext(browser, viewport);
      await context.addCookies([{ name: cookieName, value: cookieValue, url: server.url }]);
      const hookPath = `/services/T1/B1/${viewport.name}-slack-token`;
      try {
        const page = await open(context, `${server.url}/manage/targets`);
        expect(await page.textContent('main')).toContain('No notification targets yet');
        await noOverflow(page, viewport.width, 'targets (empty)');

        await press(page, 'a[href="/manage/targets/new/slack"]');
        await page.waitForURL(`${server.url}/manage/targets/new/slack`);
        await noOverflow(page, viewport.width, 'new slack form');
        // The component picker: choosing Acme shows (and opens) Acme's components only.
        expect(await page.isVisible('details[data-components-of="globex"]')).toBe(true);
        await page.check('input[data-vendor-choice="acme"]');
        expect(await page.isVisible('details[data-components-of="globex"]')).toBe(false);
        expect(await page.isVisible('input[value="acme:Dashboard"]')).toBe(true);
        await page.uncheck('input[data-vendor-choice="acme"]');
        // Several boxes of one name (checkboxes post the name once per box) all count.
        await page.check('input[name="events"][value="incident.opened"]');
        await page.check('input[name="events"][value="incident.resolved"]');
        await page.check('input[name="components"][value="acme:API"]');
        await page.check('input[name="components"][value="acme:Dashboard"]');

        await page.focus('body');
        await tabTo(page, '#new-name');
        await page.keyboard.type('team-slack');
        await tabTo(page, '#new-field-url');
        await page.keyboard.type(`${receiver.url}${hookPath}`);
        await tabTo(page, 'form.target-form button[type=submit]');
        await page.keyboard.press('Enter');
        await page.waitForURL(`${server.url}/manage/targets/team-slack?done=added`);
        expect(await page.textContent('main')).toContain('The target was added');
        expect(await page.content()).not.toContain(`${viewport.name}-slack-token`);
        const stored = JSON.parse((await admin.get('/api/v1/targets/team-slack')).body) as object;
        expect(stored).toMatchObject({
          events: ['incident.opened', 'incident.resolved'],
          components: { acme: ['API', 'Dashboard'] },
        });

        await press(page, 'form[action="/manage/targets/team-slack/test"] button');
        await page.waitForSelector('[data-test-result]');
        expect(await page.textContent('.test-result')).toMatch(/Test sent: HTTP 200 in \d+ ms/);
        expect(receiver.received.filter((got) => got.path === hookPath)).toHaveLength(1);
        await noOverflow(page, viewport.width, 'target with test result');
        await page.screenshot({
          path: join(screenshotDir, `manage-target-${viewport.name}.png`),
          fullPage: true,
        });

        await press(page, 'form[action="/manage/targets/team-slack/disable"] button');
        await page.waitForURL(`${server.url}/manage/targets/team-slack?done=disabled`);
        expect(await page.textContent('.target-facts')).toContain('Turned off by ops@example.com');
        await press(page, 'form[action="/manage/targets/team-slack/enable"] button');
        await page.waitForURL(`${server.url}/manage/targets/team-slack?done=enabled`);
        expect(await page.textContent('.target-facts')).toContain('Active');

        await page.goto(`${server.url}/manage/targets`);
        expect(await page.textContent('.manage-target-table')).toContain('team-slack');
        await noOverflow(page, viewport.width, 'targets (one)');

        await page.goto(`${server.url}/manage/targets/team-slack`);
        await press(page, 'form[action="/manage/targets/team-slack/remove"] button');
        await page.waitForURL(`${server.url}/manage/targets?done=removed`);
        expect(await page.textContent('main')).toContain('The target was removed');
        expect(problemsOf(page)).toEqual([]);
      } finally {
        await context.close();
        await server.close();
        await store.close();
      }
    });
  }
});
