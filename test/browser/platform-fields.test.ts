// The fields issue 15 added to pages, in a real browser: an incident's regions (Azure) and the
// vendor page's folded adapter warnings, at 1280 and 390 px, light and dark, without sideways
// scrolling, script errors, or hostile warning text running.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSeconds } from '../../src/domain/time.js';
import { commitCycle } from '../../src/store/index.js';
import { createApp } from '../../src/web/app.js';
import { startServer, type RunningServer } from '../../src/web/server.js';
import {
  observedIncident,
  openTestStore,
  snapshot,
  vendor,
  type TestStore,
} from '../../src/web/test-support/seed.js';
import {
  canary,
  launchBrowser,
  newContext,
  open,
  problemsOf,
  scrollWidth,
  viewports,
} from './browser-kit.js';

const now = '2026-01-22T16:00:00.000Z';
const services = [
  'App Service',
  'Azure Cosmos DB',
  'Azure Database for PostgreSQL flexible servers',
  'Azure Functions',
  'Azure Kubernetes Service',
  'Azure SQL Database',
  'Azure Storage',
  'Azure Virtual Desktop',
  'Backup',
  'Event Hubs',
  'Key Vault',
  'Service Bus',
  'Virtual Machines',
  'Virtual Network',
];
const warnings = [
  'item 7KQ3-LX8 categories: kept the first 5000 of 6000 items',
  `resource 12: unknown status "${'x'.repeat(180)}"; read as unknown`,
  'component <img src=x onerror="window.__xss=1">: unknown status; read as unknown',
];

let testStore: TestStore;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  testStore = await openTestStore([vendor('azure', 'Azure', { platform: 'azure' })], now);
  await testStore.poll(
    'azure',
    snapshot([
      observedIncident('7KQ3-LX8', {
        title: 'Multiple services – East US 2',
        components: services,
        regions: ['East US 2', 'Germany West Central'],
      }),
    ]),
    now,
  );
  await commitCycle(testStore.store.db, {
    vendorSlug: 'azure',
    now,
    nextPollAt: addSeconds(now, 60),
    leaseOwner: null,
    outcome: { kind: 'success', plan: { components: null, incidents: [] }, warnings },
    unreachableReported: false,
    events: [],
  });
  server = await startServer(createApp({ db: testStore.store.db, now: () => now }), {
    host: '127.0.0.1',
    port: 0,
  });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await testStore?.dispose();
});

describe.each(viewports)('regions and adapter warnings at $name', (viewport) => {
  it('the incident page lists the regions apart from the components', async () => {
    const context = await newContext(browser, viewport);
    try {
      const page = await open(context, `${server.url}/incidents/azure-7kq3-lx8`);
      const regions = await page.locator('[data-testid="regions"] li').allTextContents();
      expect(regions).toEqual(['East US 2', 'Germany West Central']);
      expect(await page.locator('[data-testid="components"] li').count()).toBe(14);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(viewport.width);
      expect(problemsOf(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the vendor page folds the warnings; opened, they fit and never run', async () => {
    const context = await newContext(browser, viewport);
    try {
      const page = await open(context, `${server.url}/vendors/azure`);
      const details = page.locator('[data-testid="adapter-warnings"]');
      expect(await details.locator('summary').textContent()).toContain('(3 notes)');
      expect(await details.locator('li').first().isVisible()).toBe(false);
      await details.locator('summary').click();
      expect(await details.locator('li').allTextContents()).toEqual(warnings);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(viewport.width);
      expect(await canary(page)).toBeUndefined();
      expect(problemsOf(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
