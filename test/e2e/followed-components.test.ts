// Followed components through the real poll path (fetch → parse → diff → record.ts routing →
// commitCycle's outbox rows) against a loopback Statuspage page: a target with no components
// filter of its own hears of an incident only when it touches a component the vendor follows,
// and the dashboard status counts only followed components. SQLite file.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouteEvent } from '../../src/app/notifier.js';
import type { Vendor } from '../../src/domain/model.js';
import { pollVendor } from '../../src/poll/cycle.js';
import {
  claimDuePolls,
  listVendorStatuses,
  syncVendors,
  updateVendorSettings,
  type Store,
} from '../../src/store/index.js';
import { loopbackFetcher, openMigratedStore, pollDeps } from '../test-support/poller.js';
import {
  fixture,
  startSwitchableVendor,
  type SwitchableVendor,
} from '../test-support/switchable-vendor.js';

let page: SwitchableVendor;
let store: Store;
const fetcher = loopbackFetcher();

beforeAll(async () => {
  page = await startSwitchableVendor();
  store = await openMigratedStore(join(mkdtempSync(join(tmpdir(), 'vw-followed-')), 'vw.db'));
});
afterAll(async () => {
  await store.close();
  await fetcher.close();
  await page.close();
});

const route = createRouteEvent([{ name: 'ops', type: 'webhook', url: 'https://hooks.example/x' }], {
  reminderLeadSeconds: null,
});

async function pollAll(now: Date) {
  const claimed = await claimDuePolls(store.db, {
    owner: 'test',
    now: now.toISOString(),
    leaseSeconds: 30,
    limit: 10,
  });
  const deps = pollDeps(store, fetcher, { routeEvent: route, now: () => now, leaseOwner: 'test' });
  for (const { vendor, state } of claimed) await pollVendor(deps, vendor, state);
}

async function deliveriesBySlug(): Promise<Record<string, string[]>> {
  const rows = await store.db
    .selectFrom('outbox')
    .innerJoin('events', 'events.id', 'outbox.event_id')
    .select(['events.vendor_slug', 'events.type'])
    .orderBy('outbox.seq')
    .execute();
  const bySlug: Record<string, string[]> = {};
  for (const row of rows) (bySlug[row.vendor_slug] ??= []).push(row.type);
  return bySlug;
}

describe('followed components on the real poll path', () => {
  it('notifies only the vendor that follows a touched component, and counts only it as affected', async () => {
    const summary = fixture('summary.github.2022-11-25.unresolved.json');
    const calm = { ...summary, incidents: [] };
    page.serve({ summary: calm, incidents: { incidents: [] } });
    const base = (slug: string): Vendor => ({
      slug,
      name: slug,
      statusPageUrl: `${page.baseUrl}/`,
      platform: 'statuspage',
      category: 'devtools',
      intervalSeconds: 1,
    });
    await syncVendors(
      store.db,
      [base('follows-api'), base('follows-pages'), base('follows-all')],
      'api',
      new Date(0).toISOString(),
    );
    await updateVendorSettings(
      store.db,
      'follows-api',
      { followedComponents: ['API Requests'] },
      new Date(0).toISOString(),
    );
    await updateVendorSettings(
      store.db,
      'follows-pages',
      { followedComponents: ['packages'] },
      new Date(0).toISOString(),
    );

    const t0 = Date.parse('2026-12-05T00:00:00.000Z');
    await pollAll(new Date(t0)); // the baseline: no events
    // The incident touches Packages and Pages (its first update names Packages only).
    page.serve({ summary, incidents: { incidents: summary.incidents } });
    await pollAll(new Date(t0 + 5_000));

    const sent = await deliveriesBySlug();
    expect(sent['follows-api']).toBeUndefined();
    // The incident's events (however the page's updates turn into them) reach the other two alike.
    expect(sent['follows-all']!.length).toBeGreaterThan(0);
    expect(sent['follows-pages']).toEqual(sent['follows-all']);

    const statuses = new Map(
      (await listVendorStatuses(store.db, new Date(t0 + 6_000).toISOString())).map((v) => [
        v.slug,
        [v.status, v.followedStatus],
      ]),
    );
    const [shown, counted] = statuses.get('follows-api')!;
    expect(shown).not.toBe('operational');
    expect(counted).toBe('operational');
    expect(statuses.get('follows-pages')![1]).not.toBe('operational');
  });
});
