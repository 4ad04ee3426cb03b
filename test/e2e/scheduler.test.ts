// The scheduler: bounded concurrency, every vendor polled about once per interval, clean stop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Vendor } from '../../src/domain/model.js';
import type { Fetcher } from '../../src/fetch/types.js';
import type { PollOutcome } from '../../src/poll/cycle.js';
import {
  backlogClaimSlots,
  startScheduler,
  type SchedulerLease,
} from '../../src/poll/scheduler.js';
import { startSimulator, type Simulator } from '../../src/simulate/index.js';
import { syncVendors } from '../../src/store/index.js';
import { createTestDatabase } from '../test-support/databases.js';
import { loopbackFetcher, openMigratedStore, pollDeps } from '../test-support/poller.js';

let simulator: Simulator;
let bigFleet: Simulator;
let fetcher: Fetcher;

beforeAll(async () => {
  simulator = await startSimulator({ vendors: 30, seed: 3, incidentRate: 0 });
  bigFleet = await startSimulator({ vendors: 200, seed: 4, incidentRate: 0 });
  fetcher = loopbackFetcher();
});

afterAll(async () => {
  await fetcher.close();
  await simulator.close();
  await bigFleet.close();
});

function vendorsOf(sim: Simulator, intervalSeconds: number): Vendor[] {
  return sim.vendors.map((v) => ({
    slug: v.slug,
    name: v.name,
    statusPageUrl: v.baseUrl,
    platform: 'statuspage',
    category: 'other',
    intervalSeconds,
  }));
}

function leaseOf(liveWorkers: number): SchedulerLease {
  const fence = new AbortController();
  return {
    valid: () => true,
    signal: () => fence.signal,
    liveWorkers: () => liveWorkers,
    liveRank: () => 0,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

  // The database's cost of claims is per claim, nearly whatever it takes: claims must not multiply
  // as workers are added (each idle worker looking as often as one alone, or each busy one claiming
  // a slot or two at a time because it finishes polls more slowly).
  it('idle, each of three live workers looks for due vendors a third as often as one alone', async () => {
    const idleClaims = async (liveWorkers: number) => {
      const database = await createTestDatabase('sqlite');
      const store = await openMigratedStore(database.url);
      await syncVendors(store.db, vendorsOf(simulator, 3600), 'config', new Date().toISOString());
      let claims = 0;
      let polls = 0;
      const scheduler = startScheduler({
        db: store.db,
        owner: 'test',
        concurrency: 64,
        leaseSeconds: 30,
        tickMs: 50,
        lease: leaseOf(liveWorkers),
        pollDeps: pollDeps(store, fetcher, { leaseOwner: 'test' }),
        onClaim: () => (claims += 1),
        onOutcome: () => (polls += 1),
      });
      // The first round polls every vendor; then nothing is due for an hour.
      while (polls < 30) await sleep(20);
      const before = claims;
      await sleep(1500);
      await scheduler.stop();
      await store.close();
      return claims - before;
    };
    const alone = await idleClaims(1);
    const ofThree = await idleClaims(3);
    // 1.5 s at a 50 ms tick: about 30 claims alone, about 10 as one of three.
    expect(alone).toBeGreaterThanOrEqual(15);
    expect(ofThree).toBeLessThan(alone * 0.6);
  });

  it('with a backlog, a claim fills several freed slots at once, not one per finished poll', async () => {
    const database = await createTestDatabase('sqlite');
    const store = await openMigratedStore(database.url);
    await syncVendors(store.db, vendorsOf(bigFleet, 1), 'config', new Date().toISOString());
    // 200 vendors due every second, 16 at once, each request 20–60 ms: more is always due than
    // the slots can take, and polls finish one by one.
    const slow: Fetcher = {
      async fetch(options) {
        await sleep(20 + Math.random() * 40);
        return fetcher.fetch(options);
      },
      close: () => Promise.resolve(),
    };
    const claimSizes: number[] = [];
    let polls = 0;
    const scheduler = startScheduler({
      db: store.db,
      owner: 'test',
      concurrency: 16,
      leaseSeconds: 30,
      tickMs: 200,
      lease: leaseOf(1),
      pollDeps: pollDeps(store, slow, { leaseOwner: 'test' }),
      onClaim: (_ms, claimed) => claimSizes.push(claimed),
      onOutcome: () => (polls += 1),
    });
    await sleep(3000);
    await scheduler.stop();
    await store.close();

    expect(polls).toBeGreaterThan(100);
    // Claiming 5 ms after each finished poll took one or two vendors a claim (about 0.6 claims
    // per poll); gathering backlogClaimSlots(16) = 8 slots takes about one claim per 8 polls.
    expect(backlogClaimSlots(16)).toBe(8);
    expect(claimSizes.length / polls).toBeLessThan(0.3);
  });
});
