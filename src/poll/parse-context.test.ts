// A poll hands its adapter the poll's time (maintenance phases follow their windows against it)
// and keeps what the adapter could not read with the vendor, for the API and the vendor page.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { getAdapter } from '../adapters/registry.js';
import type { Vendor } from '../domain/model.js';
import { createFetcher } from '../fetch/fetcher.js';
import { defaultFetcherSettings } from '../fetch/types.js';
import {
  getVendorDetail,
  listIncidents,
  migrateToLatest,
  openStore,
  syncVendors,
  type Store,
} from '../store/index.js';
import { pollVendor } from './cycle.js';
import { fixtureBody, startReplica, type Replica } from './detect/test-support/replica.js';

const fetcher = createFetcher({
  ...defaultFetcherSettings,
  totalTimeoutMs: 5_000,
  allowedPrivateRanges: ['127.0.0.1/32'],
});
afterAll(() => fetcher.close());

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function pollBetterstackAt(body: string | Buffer, at: string): Promise<Store> {
  const replica: Replica = await startReplica({
    '/index.json': { type: 'application/json', body },
  });
  const store = await openStore(join(mkdtempSync(join(tmpdir(), 'vw-parse-')), 'vw.db'));
  cleanups.push(
    () => replica.close(),
    () => store.close(),
  );
  await migrateToLatest(store);
  const vendor: Vendor = {
    slug: 'example',
    name: 'Example',
    statusPageUrl: replica.url('/'),
    platform: 'betterstack',
    category: 'other',
    intervalSeconds: 60,
  };
  await syncVendors(store.db, [vendor], 'config', at);
  const deps = {
    db: store.db,
    fetcher,
    adapterFor: getAdapter,
    routeEvent: () => [],
    now: () => new Date(at),
    random: () => 0.5,
    leaseOwner: null,
  };
  expect((await pollVendor(deps, vendor)).kind).toBe('changed');
  return store;
}

describe('what a poll gives its adapter and keeps from it', () => {
  it('maintenance phases follow their windows against the poll time, not the page time', async () => {
    const body = fixtureBody('betterstack', 'index.docs-shape.upcoming-maintenance.json');
    // The page says updated_at 2025-03-07T16:20Z; the poll runs inside the first window.
    const store = await pollBetterstackAt(body, '2025-03-10T17:00:00.000Z');
    const { incidents } = await listIncidents(store.db, { vendor: 'example', limit: 10 });
    const phases = Object.fromEntries(incidents.map((i) => [i.sourceId, i.phase]));
    expect(phases).toMatchObject({ '9101': 'in_progress', '9103': 'completed' });
  });

  it("keeps the adapter's warnings with the vendor", async () => {
    const body = JSON.stringify({
      data: { type: 'status_page', attributes: { company_name: 'Example' } },
      included: [
        {
          id: 1,
          type: 'status_page_resource',
          attributes: { public_name: 'A', status: 'on_fire' },
        },
      ],
    });
    const store = await pollBetterstackAt(body, '2025-03-10T17:00:00.000Z');
    const detail = await getVendorDetail(store.db, 'example', '2025-03-10T17:00:00.000Z');
    expect(detail!.warnings).toEqual([expect.stringContaining('on_fire')]);
  });
});
