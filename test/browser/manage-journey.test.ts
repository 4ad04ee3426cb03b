// The whole management journey of issue 11 in Chromium at 390 px, on the real service (`serve`:
// poller, notifier and web on a config file), on a SQLite file and on PostgreSQL: first run →
// /setup → sign in → add a catalog vendor by searching → paste a loopback Statuspage URL and
// follow two of its three components → add a Slack-type target (no components filter) aimed at a
// loopback receiver → "Send test" arrives and the page says so → an incident on the unfollowed
// component is stored but notifies nobody → one on a followed component notifies → pause, resume,
// remove keeping the history, remove deleting it → sign out, and the watch list asks to sign in.
// Adding the vendors and the target is done with the keyboard only (Tab, Enter, Space; setup and
// sign-in by keyboard are accounts.test.ts's); every management page visited is checked for
// sideways scrolling; no script error or CSP report.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService, type RunningService } from '../../src/app/service.js';
import { loadConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../test-support/databases.js';
import { startReceiver, type LoopbackReceiver } from '../test-support/loopback-receiver.js';
import { startSwitchableVendor, type SwitchableVendor } from '../test-support/switchable-vendor.js';
import { launchBrowser, newContext, open, problemsOf, scrollWidth, until } from './browser-kit.js';
import { statuspageBodies, type SpecComponent, type SpecIncident } from './statuspage-bodies.js';

declare const document: any;

const password = 'journey-admin-password-57';
const phone = { width: 390, height: 844, colorScheme: 'light' } as const;

const components = (statuses: Record<string, string> = {}): SpecComponent[] =>
  [
    ['c-api', 'API'],
    ['c-dash', 'Dashboard'],
    ['c-hooks', 'Webhooks'],
  ].map(([id, name]) => ({ id: id!, name: name!, status: statuses[id!] ?? 'operational' }));

function incident(id: string, name: string, componentId: string, at: string): SpecIncident {
  return {
    id,
    name,
    status: 'investigating',
    impact: 'major',
    startedAt: at,
    componentIds: [componentId],
    updates: [{ id: `${id}-u1`, status: 'investigating', body: `${name}: we are on it.`, at }],
  };
}

// The unfollowed component (Webhooks) first, then a followed one (API) as well.
const hooksIncident = incident(
  'inc-hooks',
  'Webhooks are delayed',
  'c-hooks',
  '2026-12-05T01:00:00Z',
);
const apiIncident = incident(
  'inc-api',
  'API requests are failing',
  'c-api',
  '2026-12-05T01:05:00Z',
);
const calm = statuspageBodies('Acme Cloud', components(), []);
const hooksDown = statuspageBodies(
  'Acme Cloud',
  components({ 'c-hooks': 'degraded_performance' }),
  [hooksIncident],
);
const bothDown = statuspageBodies(
  'Acme Cloud',
  components({ 'c-hooks': 'degraded_performance', 'c-api': 'major_outage' }),
  [hooksIncident, apiIncident],
);

let browser: Browser;
let vendor: SwitchableVendor;
let receiver: LoopbackReceiver;

beforeAll(async () => {
  [browser, vendor, receiver] = await Promise.all([
    launchBrowser(),
    startSwitchableVendor(),
    startReceiver(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await vendor?.close();
  await receiver?.close();
});

/**
 * `serve` on a fresh database with nothing watched: loopback allowed (network.allowedPrivateRanges)
 * so a pasted loopback page can be detected, polled and notified; no burst window, so a Slack
 * message goes out at once. The default interval is long: a catalog vendor's real page (not
 * reachable from a test) is tried once, not every second.
 */
async function startJourneyService(database: TestDatabase) {
  const dir = mkdtempSync(join(tmpdir(), 'vw-journey-'));
  const configPath = join(dir, 'vendorwatch.yaml');
  writeFileSync(
    configPath,
    [
      'pollInterval: 1h',
      'network:',
      '  allowedPrivateRanges: [127.0.0.0/8]',
      '  timeout: 2s',
      `database: ${JSON.stringify(database.url)}`,
      'server: { host: 127.0.0.1, port: 0 }',
      'notifier: { burstWindow: 0s }',
      'vendors: []',
      '',
    ].join('\n'),
  );
  const config = loadConfig({ path: configPath, env: {} });
  const service: RunningService = await startService(
    config,
    { poller: true, web: true },
    createLogger('silent'),
  );
  return {
    url: service.url!,
    async stop() {
      await service.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Presses Tab until the focused element matches: what a keyboard user does. */
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

/** From the top of the page, Tab to the element and type into it. */
async function typeInto(page: Page, selector: string, text: string) {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

/** From the top of the page, Tab to the element and press Enter on it. */
async function press(page: Page, selector: string) {
  await page.focus('body');
  await tabTo(page, selector);
  await page.keyboard.press('Enter');
}

async function noOverflow(page: Page, name: string) {
  expect(await scrollWidth(page), `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(390);
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  expect(response.status, url).toBe(200);
  return (await response.json()) as T;
}

interface Delivery {
  target: string;
  status: string;
  event: { type: string; vendorSlug: string; incidentTitle: string | null };
}

describe.each(databaseKinds)('the management journey on %s', (kind) => {
  it('goes from first run to sign-out in Chromium', async () => {
    vendor.serve(calm);
    const hookPath = `/services/T1/B1/journey-${kind}-slack-token`;
    const toHook = () => receiver.received.filter((got) => got.path === hookPath);
    const database = await createTestDatabase(kind);
    const running = await startJourneyService(database).catch(async (error: unknown) => {
      await database.drop();
      throw error;
    });
    const { url } = running;
    const deliveries = async () =>
      (await getJson<{ deliveries: Delivery[] }>(`${url}/api/v1/deliveries?target=team-slack`))
        .deliveries;
    const context = await newContext(browser, phone);
    try {
      // First run: nobody can sign in yet; /setup creates the admin (and signs them in).
      const page = await open(context, `${url}/signin`);
      expect(await page.textContent('main')).toContain('No account exists yet');
      await noOverflow(page, 'sign-in (first run)');
      await page.goto(`${url}/setup`);
      await page.fill('#email', 'ops@example.com');
      await page.fill('#password', password);
      await page.fill('#confirm', password);
      await page.press('#confirm', 'Enter');
      await page.waitForURL(`${url}/manage/users`);
      await noOverflow(page, 'users');

      // Signed out, the watch list sends you to sign in, and back to it afterwards.
      await press(page, '.site-header button.link-button');
      await page.waitForURL(`${url}/signin?signedout`);
      await page.goto(`${url}/manage/vendors`);
      await page.waitForURL(`${url}/signin?next=%2Fmanage%2Fvendors`);
      await page.fill('#email', 'ops@example.com');
      await page.fill('#password', password);
      await page.press('#password', 'Enter');
      await page.waitForURL(`${url}/manage/vendors`);
      expect(await page.textContent('main')).toContain('Nothing is watched yet');
      await noOverflow(page, 'watch list (empty)');

      // A catalog vendor, found by searching and added with one key press.
      await page.focus('body');
      await typeInto(page, '#catalog-q', 'balena');
      await tabTo(page, 'form[aria-label="Search the catalog"] button');
      await page.keyboard.press('Enter');
      await page.waitForSelector('li[data-catalog="balena"]');
      await noOverflow(page, 'catalog results');
      await press(page, 'li[data-catalog="balena"] button');
      await page.waitForURL(`${url}/manage/vendors?done=added`);
      expect(await page.textContent('.watch-table')).toContain('Balena');
      await noOverflow(page, 'watch list (one)');

      // A pasted loopback URL: detection finds three components; Dashboard and API stay followed,
      // Webhooks is unticked with Space; polled every second.
      await page.focus('body');
      await typeInto(page, '#paste-url', `${vendor.baseUrl}/`);
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid="detected-platform"]');
      expect(await page.textContent('[data-testid="detected-name"]')).toBe('Acme Cloud');
      expect(await page.locator('.component-picker label').allTextContents()).toEqual([
        'API',
        'Dashboard',
        'Webhooks',
      ]);
      await noOverflow(page, 'detected page');
      await page.focus('#paste-url');
      await tabTo(page, '#detected-slug');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('acme');
      await tabTo(page, '#detected-interval');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('1s');
      await tabTo(page, '#detected-component-2');
      await page.keyboard.press('Space');
      expect(await page.isChecked('#detected-component-2')).toBe(false);
      await tabTo(page, 'form[aria-label="Add this vendor"] button[type=submit]');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${url}/manage/vendors?done=added`);
      expect(await page.textContent('tr[data-vendor="acme"]')).toContain('2 components');
      await noOverflow(page, 'watch list (two)');
      expect(await getJson(`${url}/api/v1/vendors/acme`)).toMatchObject({
        followedComponents: ['API', 'Dashboard'],
        paused: false,
      });
      // The first poll is the baseline (a calm page: nothing to tell).
      await until(
        'the first poll of acme',
        async () =>
          (await getJson<{ lastSuccessAt: string | null }>(`${url}/api/v1/vendors/acme`))
            .lastSuccessAt !== null,
        10_000,
      );

      // A Slack-type target aimed at the loopback receiver, every vendor, no components filter.
      await page.goto(`${url}/manage/targets`);
      expect(await page.textContent('main')).toContain('No notification targets yet');
      await noOverflow(page, 'targets (empty)');
      await press(page, 'a[href="/manage/targets/new/slack"]');
      await page.waitForURL(`${url}/manage/targets/new/slack`);
      await noOverflow(page, 'new Slack target');
      await page.focus('body');
      await typeInto(page, '#new-name', 'team-slack');
      await typeInto(page, '#new-field-url', `${receiver.url}${hookPath}`);
      await tabTo(page, 'form.target-form button[type=submit]');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${url}/manage/targets/team-slack?done=added`);
      expect(await page.content()).not.toContain(`journey-${kind}-slack-token`);
      await noOverflow(page, 'target');

      await press(page, 'form[action="/manage/targets/team-slack/test"] button');
      await page.waitForSelector('[data-test-result]');
      expect(await page.textContent('.test-result')).toMatch(/Test sent: HTTP 200 in \d+ ms/);
      expect(toHook()).toHaveLength(1);
      await noOverflow(page, 'target with the test result');

      // An incident on the unfollowed Webhooks: stored once acme is polled, routed to nobody
      // (deliveries are written in the same transaction as the incident).
      vendor.serve(hooksDown);
      await until(
        'the Webhooks incident stored',
        async () =>
          (
            await getJson<{ incidents: { title: string }[] }>(`${url}/api/v1/incidents?vendor=acme`)
          ).incidents.some((found) => found.title === hooksIncident.name),
        10_000,
      );
      expect((await deliveries()).filter((d) => d.event.vendorSlug === 'acme')).toEqual([]);

      // One on the followed API reaches the receiver, and only it does.
      vendor.serve(bothDown);
      await until(
        'the API incident sent to Slack',
        () => Promise.resolve(toHook().some((got) => got.body.includes(apiIncident.name))),
        10_000,
      );
      const acmeDeliveries = (await deliveries()).filter((d) => d.event.vendorSlug === 'acme');
      expect(acmeDeliveries.length).toBeGreaterThan(0);
      expect(acmeDeliveries.every((d) => d.event.incidentTitle === apiIncident.name)).toBe(true);
      expect(toHook().some((got) => got.body.includes(hooksIncident.name))).toBe(false);
      await page.goto(`${url}/manage/targets/team-slack`);
      expect(await page.textContent('main')).toContain(apiIncident.name);
      await noOverflow(page, 'target with a delivery');

      // Pause, resume, remove keeping the history (acme), remove deleting it (the catalog one).
      await page.goto(`${url}/manage/vendors`);
      const acme = page.locator('tr[data-vendor="acme"]');
      await acme.locator('button', { hasText: 'Pause' }).click();
      await page.waitForURL(`${url}/manage/vendors?done=paused`);
      expect(await acme.locator('[data-cell="state"]').textContent()).toContain('paused');
      await noOverflow(page, 'watch list (paused)');
      await acme.locator('button', { hasText: 'Resume' }).click();
      await page.waitForURL(`${url}/manage/vendors?done=resumed`);
      expect(await acme.locator('[data-cell="state"]').textContent()).toContain('watching');

      await acme.locator('summary', { hasText: 'Remove' }).click();
      expect(await acme.locator('input[value="keep"]').isChecked()).toBe(true);
      await noOverflow(page, 'watch list (removal asked)');
      await acme.locator('button.danger').click();
      await page.waitForURL(`${url}/manage/vendors?done=removed-kept`);
      expect(await page.locator('tr[data-vendor="acme"]').count()).toBe(0);
      const kept = await getJson<{ incidents: { title: string }[] }>(
        `${url}/api/v1/incidents?vendor=acme`,
      );
      expect(kept.incidents.map((found) => found.title).sort()).toEqual(
        [apiIncident.name, hooksIncident.name].sort(),
      );

      const balena = page.locator('tr[data-vendor="balena"]');
      await balena.locator('summary', { hasText: 'Remove' }).click();
      await balena.locator('input[value="delete"]').check();
      await balena.locator('button.danger').click();
      await page.waitForURL(`${url}/manage/vendors?done=removed-deleted`);
      expect((await fetch(`${url}/api/v1/vendors/balena`)).status).toBe(404);
      expect(await page.textContent('main')).toContain('Nothing is watched yet');
      await noOverflow(page, 'watch list (emptied)');

      // Signed out, the watch list is closed again.
      await press(page, '.site-header button.link-button');
      await page.waitForURL(`${url}/signin?signedout`);
      await page.goto(`${url}/manage/vendors`);
      await page.waitForURL(`${url}/signin?next=%2Fmanage%2Fvendors`);
      expect(await page.textContent('main')).not.toContain('Balena');
      await noOverflow(page, 'sign-in');
      expect(problemsOf(page)).toEqual([]);
    } finally {
      await context.close();
      await running.stop();
      await database.drop();
    }
  });
});
