// Our own network is down (docs/reliability.md#f15): every status page refuses the connection at
// once. Real store (a SQLite file, and PostgreSQL when CI names one), real fetcher, real loopback
// pages and the network watch on a fake clock. No vendor.unreachable flood and no recovered flood,
// one "poller degraded" transition each way; a vendor down on its own is still announced.
import { afterEach, describe, expect, it } from 'vitest';
import type { Vendor } from '../../src/domain/model.js';
import type { Fetcher } from '../../src/fetch/types.js';
import { pollVendor, type PollDeps, type PollOutcome } from '../../src/poll/cycle.js';
import { createNetworkWatch } from '../../src/poll/network-watch.js';
import { syncVendors, type Store } from '../../src/store/index.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../test-support/databases.js';
import { loopbackFetcher, openMigratedStore, pollDeps } from '../test-support/poller.js';
import {
  fixture,
  startSwitchableVendor,
  type SwitchableVendor,
} from '../test-support/switchable-vendor.js';

const goodBodies = {
  summary: fixture('summary.github.2022-11-25.unresolved.json'),
  incidents: fixture('incidents.github.2026-07-31.first13.json'),
};
const intervalMs = 60_000;

interface Fleet {
  store: Store;
  pages: SwitchableVendor[];
  vendors: Vendor[];
  deps: PollDeps;
  /** Each transition of the network watch, as the composition root would log it. */
  transitions: string[];
  /** Polls every vendor once, one after another, a poll interval after the last round. */
  round(): Promise<PollOutcome[]>;
  eventTypes(): Promise<string[]>;
  outboxRows(): Promise<number>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startFleet(
  kind: (typeof databaseKinds)[number],
  size: number,
  wrapFetcher: (fetcher: Fetcher) => Fetcher = (fetcher) => fetcher,
): Promise<Fleet> {
  const database: TestDatabase = await createTestDatabase(kind);
  cleanups.push(() => database.drop());
  const store = await openMigratedStore(database.url);
  cleanups.push(() => store.close());
  const fetcher = loopbackFetcher({ allowedPrivateRanges: ['127.0.0.1/32'] });
  cleanups.push(() => fetcher.close());
  const pages = await Promise.all(Array.from({ length: size }, () => startSwitchableVendor()));
  cleanups.push(async () => {
    await Promise.all(pages.map((page) => page.close().catch(() => {})));
  });
  for (const page of pages) page.serve(goodBodies);
  const vendors: Vendor[] = pages.map((page, i) => ({
    slug: `vendor-${i}`,
    name: `Vendor ${i}`,
    statusPageUrl: page.baseUrl,
    platform: 'statuspage',
    category: 'devtools',
    intervalSeconds: intervalMs / 1000,
  }));
  let clock = Date.now();
  await syncVendors(store.db, vendors, 'config', new Date(clock).toISOString());
  const transitions: string[] = [];
  const now = () => new Date(clock);
  const deps = pollDeps(store, wrapFetcher(fetcher), {
    now,
    // Every event goes to one target, so any alert would leave an outbox row.
    routeEvent: () => ['pager'],
    networkWatch: createNetworkWatch({
      now,
      onChange: (degraded, counts) =>
        transitions.push(
          `${degraded ? 'degraded' : 'recovered'} ${counts.unreached}/${counts.observed}`,
        ),
    }),
  });
  return {
    store,
    pages,
    vendors,
    deps,
    transitions,
    async round() {
      clock += intervalMs;
      const outcomes: PollOutcome[] = [];
      for (const vendor of vendors) outcomes.push(await pollVendor(deps, vendor));
      return outcomes;
    },
    async eventTypes() {
      const rows = await store.db.selectFrom('events').select('type').orderBy('seq').execute();
      return rows.map((row) => row.type);
    },
    async outboxRows() {
      const rows = await store.db.selectFrom('outbox').select('seq').execute();
      return rows.length;
    },
  };
}

const vendorEvents = (types: string[]) => types.filter((type) => type.startsWith('vendor.'));

describe.each(databaseKinds)('our own network goes down (%s)', (kind) => {
  it('records no vendor.unreachable while no page answers, and no vendor.recovered after', async () => {
    const fleet = await startFleet(kind, 5);
    const first = await fleet.round();
    expect(first.map((outcome) => outcome.kind)).toEqual(Array<string>(5).fill('changed'));
    // A first poll is the baseline: it records history but announces nothing.
    expect(await fleet.outboxRows()).toBe(0);

    await Promise.all(fleet.pages.map((page) => page.close()));
    // Stale after 3 intervals: without the watch, round 4 would announce all five.
    const errors: string[] = [];
    for (let round = 1; round <= 6; round++) {
      for (const outcome of await fleet.round()) {
        errors.push(outcome.kind === 'failed' ? outcome.error : outcome.kind);
      }
    }
    // The kept-alive connections die first ("closed"), then every connect is refused.
    for (const error of errors)
      expect(error).toMatch(/: 127\.0\.0\.1:\d+ (closed|reset|refused) the connection$/);
    expect(errors.slice(-5).every((error) => error.endsWith('refused the connection'))).toBe(true);
    expect(vendorEvents(await fleet.eventTypes())).toEqual([]);
    expect(await fleet.outboxRows()).toBe(0);
    const flags = await fleet.store.db
      .selectFrom('vendor_state')
      .select(['unreachable_reported', 'unreached'])
      .execute();
    expect(flags.map((row) => Number(row.unreachable_reported))).toEqual([0, 0, 0, 0, 0]);
    // What the dashboard's banner reads, in a web process apart from the poller.
    expect(flags.map((row) => Number(row.unreached))).toEqual([1, 1, 1, 1, 1]);
    // One signal, in the first round of the outage, when the fourth of five failed.
    expect(fleet.transitions).toEqual(['degraded 4/5']);

    await Promise.all(fleet.pages.map((page) => page.reopen()));
    for (let round = 1; round <= 2; round++) {
      for (const outcome of await fleet.round()) expect(outcome.kind).not.toBe('failed');
    }
    expect(vendorEvents(await fleet.eventTypes())).toEqual([]);
    expect(await fleet.outboxRows()).toBe(0);
    expect(fleet.transitions).toEqual(['degraded 4/5', 'recovered 3/5']);
    const after = await fleet.store.db.selectFrom('vendor_state').select('unreached').execute();
    expect(after.map((row) => Number(row.unreached))).toEqual([0, 0, 0, 0, 0]);
  });

  it('control: one vendor of five down on its own is announced unreachable, once', async () => {
    const fleet = await startFleet(kind, 5);
    await fleet.round();
    await fleet.pages[2]!.close();
    for (let round = 1; round <= 6; round++) await fleet.round();
    const unreachable = await fleet.store.db
      .selectFrom('events')
      .select(['type', 'vendor_slug'])
      .where('type', 'like', 'vendor.%')
      .execute();
    expect(unreachable).toEqual([{ type: 'vendor.unreachable', vendor_slug: 'vendor-2' }]);
    expect(await fleet.outboxRows()).toBe(1);
    expect(fleet.transitions).toEqual([]);

    await fleet.pages[2]!.reopen();
    await fleet.round();
    expect(vendorEvents(await fleet.eventTypes())).toEqual([
      'vendor.unreachable',
      'vendor.recovered',
    ]);
  });

  it('a vendor still down when the network returns is announced on its next failing poll', async () => {
    const fleet = await startFleet(kind, 5);
    await fleet.round();
    await Promise.all(fleet.pages.map((page) => page.close()));
    for (let round = 1; round <= 4; round++) await fleet.round();
    expect(vendorEvents(await fleet.eventTypes())).toEqual([]);

    // Back for all but vendor-4: the watch recovers after vendor-1, before vendor-4 is polled.
    await Promise.all(fleet.pages.slice(0, 4).map((page) => page.reopen()));
    const outcomes = await fleet.round();
    expect(outcomes.map((outcome) => outcome.kind)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
      'failed',
    ]);
    await fleet.round();
    expect(vendorEvents(await fleet.eventTypes())).toEqual(['vendor.unreachable']);
    expect(fleet.transitions).toEqual(['degraded 4/5', 'recovered 3/5']);
  });

  it('a poll that began during the outage and fails after the network returned is held too', async () => {
    let late: (() => Promise<void>) | null = null;
    const fleet = await startFleet(kind, 5, (fetcher) => ({
      // vendor-4's request goes out while the watch still says degraded; the other vendors'
      // pages come back and are read before it fails, as a request stuck behind a dead link.
      async fetch(options) {
        const hook = options.url.startsWith(fleet.pages[4]!.baseUrl) ? late : null;
        late = null;
        if (hook) await hook();
        return fetcher.fetch(options);
      },
      close: () => fetcher.close(),
    }));
    await fleet.round();
    await Promise.all(fleet.pages.map((page) => page.close()));
    for (let round = 1; round <= 4; round++) await fleet.round();

    const others = fleet.vendors.slice(0, 4);
    late = async () => {
      await Promise.all(fleet.pages.slice(0, 4).map((page) => page.reopen()));
      for (const vendor of others) await pollVendor(fleet.deps, vendor);
    };
    const straggler = await pollVendor(fleet.deps, fleet.vendors[4]!);
    expect(straggler.kind).toBe('failed');
    expect(fleet.transitions).toEqual(['degraded 4/5', 'recovered 3/5']);
    expect(vendorEvents(await fleet.eventTypes())).toEqual([]);

    await fleet.pages[4]!.reopen();
    await fleet.round();
    expect(vendorEvents(await fleet.eventTypes())).toEqual([]);
  });
});
