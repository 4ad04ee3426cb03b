// Polling an unchanged vendor 100 times yields no event, whether it answers 304 or the full body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Vendor } from '../../src/domain/model.js';
import type { Fetcher, FetchOptions } from '../../src/fetch/types.js';
import { pollVendor } from '../../src/poll/cycle.js';
import { startSimulator, type Simulator } from '../../src/simulate/index.js';
import { listEvents, syncVendors, type Store } from '../../src/store/index.js';
import { createTestDatabase } from '../test-support/databases.js';
import { loopbackFetcher, openMigratedStore, pollDeps } from '../test-support/poller.js';

let simulator: Simulator;
let fetcher: Fetcher;

beforeAll(async () => {
  // No incidents open or close during the test: the rate is zero.
  simulator = await startSimulator({ vendors: 1, seed: 7, incidentRate: 0, tickMs: 60_000 });
  fetcher = loopbackFetcher();
});

afterAll(async () => {
  await fetcher.close();
  await simulator.close();
});

/** The same fetcher without conditional requests: every poll parses and diffs the full body. */
function unconditional(inner: Fetcher): Fetcher {
  return {
    fetch: (options: FetchOptions) => inner.fetch({ ...options, validators: null }),
    close: () => inner.close(),
  };
}

async function pollHundredTimes(store: Store, vendorFetcher: Fetcher): Promise<string[]> {
  const vendor: Vendor = {
    slug: 'steady',
    name: 'Steady',
    statusPageUrl: simulator.vendors[0]!.baseUrl,
    platform: 'statuspage',
    category: 'other',
    intervalSeconds: 60,
  };
  await syncVendors(store.db, [vendor], 'config', new Date().toISOString());
  const kinds: string[] = [];
  for (let i = 0; i < 101; i++)
    kinds.push((await pollVendor(pollDeps(store, vendorFetcher), vendor)).kind);
  return kinds;
}

describe.each([
  ['answering 304 to conditional requests', (f: Fetcher) => f],
  ['answering the full body every time', unconditional],
])('an unchanged vendor %s', (_, wrap) => {
  it('records its baseline once and then no event in 100 polls', async () => {
    const database = await createTestDatabase('sqlite');
    const store = await openMigratedStore(database.url);
    try {
      const kinds = await pollHundredTimes(store, wrap(fetcher));
      expect(kinds[0]).toBe('changed');
      expect(kinds.slice(1)).toEqual(Array<string>(100).fill('unchanged'));
      const { events } = await listEvents(store.db, { limit: 1000 });
      expect(events).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
