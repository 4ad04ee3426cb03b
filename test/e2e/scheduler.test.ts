// The scheduler: bounded concurrency, every vendor polled about once per interval, clean stop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Vendor } from '../../src/domain/model.js';
import type { Fetcher } from '../../src/fetch/types.js';
import type { PollOutcome } from '../../src/poll/cycle.js';
import { startScheduler } from '../../src/poll/scheduler.js';
import { startSimulator, type Simulator } from '../../src/simulate/index.js';
import { syncVendors } from '../../src/store/index.js';
import { createTestDatabase } from '../test-support/databases.js';
import { loopbackFetcher, openMigratedStore, pollDeps } from '../test-support/poller.js';

let simulator: Simulator;
let fetcher: Fetcher;

beforeAll(async () => {
  simulator = await startSimulator({ vendors: 30, seed: 3, incidentRate: 0 });
  fetcher = loopbackFetcher();
});

afterAll(async () => {
  await fetcher.close();
  await simulator.close();
});

describe('the scheduler', () => {
  it('polls every vendor about once per interval, never more than its concurrency at once', async () => {
    const database = await createTestDatabase('sqlite');
    const store = await openMigratedStore(database.url);
    const vendors: Vendor[] = simulator.vendors.map((v) => ({
      slug: v.slug,
      name: v.name,
      statusPageUrl: v.baseUrl,
      platform: 'statuspage',
      category: 'other',
      intervalSeconds: 2,
    }));
    await syncVendors(store.db, vendors, 'config', new Date().toISOString());

    let inFlight = 0;
    let maxInFlight = 0;
    const counting: Fetcher = {
      async fetch(options) {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          return await fetcher.fetch(options);
        } finally {
          inFlight -= 1;
        }
      },
      close: () => Promise.resolve(),
    };
    const outcomes: PollOutcome[] = [];
    const scheduler = startScheduler({
      db: store.db,
      owner: 'test',
      concurrency: 4,
      leaseSeconds: 30,
      tickMs: 50,
      pollDeps: pollDeps(store, counting, { leaseOwner: 'test' }),
      onOutcome: (outcome) => outcomes.push(outcome),
    });
    await new Promise((resolve) => setTimeout(resolve, 5000));
    await scheduler.stop();
    const countAtStop = outcomes.length;
    await new Promise((resolve) => setTimeout(resolve, 500));

    // Three Statuspage endpoints per poll, at most four polls at once.
    expect(maxInFlight).toBeLessThanOrEqual(4 * 3);
    expect(outcomes.every((o) => o.kind === 'changed' || o.kind === 'unchanged')).toBe(true);
    const perVendor = new Map<string, number>();
    for (const outcome of outcomes)
      perVendor.set(outcome.vendorSlug, (perVendor.get(outcome.vendorSlug) ?? 0) + 1);
    expect(perVendor.size).toBe(30);
    // 5 s at a 2 s interval: the first poll plus one or two more, never a burst.
    for (const count of perVendor.values()) expect(count).toBeGreaterThanOrEqual(2);
    for (const count of perVendor.values()) expect(count).toBeLessThanOrEqual(4);
    expect(outcomes.length, 'no poll after stop()').toBe(countAtStop);
    expect(scheduler.inFlight()).toBe(0);
    await store.close();
  });
});
