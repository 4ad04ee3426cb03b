// A real poller wired like `vendorwatch worker`, for end-to-end tests on loopback.
import { getAdapter } from '../../src/adapters/registry.js';
import type { Vendor, VendorEvent } from '../../src/domain/model.js';
import { createFetcher } from '../../src/fetch/fetcher.js';
import { defaultFetcherSettings, type Fetcher } from '../../src/fetch/types.js';
import type { FetcherConfig } from '../../src/fetch/fetcher.js';
import type { PollDeps } from '../../src/poll/cycle.js';
import { startScheduler, type Scheduler } from '../../src/poll/scheduler.js';
import { migrateToLatest, openStore, syncVendors, type Store } from '../../src/store/index.js';

export function loopbackFetcher(overrides: Partial<FetcherConfig> = {}): Fetcher {
  return createFetcher({
    ...defaultFetcherSettings,
    allowPrivateAddresses: false,
    allowedPrivateRanges: ['127.0.0.0/8'],
    totalTimeoutMs: 3000,
    connectTimeoutMs: 1000,
    headersTimeoutMs: 2000,
    ...overrides,
  });
}

export async function openMigratedStore(url: string): Promise<Store> {
  const store = await openStore(url);
  await migrateToLatest(store);
  return store;
}

export function pollDeps(
  store: Store,
  fetcher: Fetcher,
  overrides: Partial<PollDeps> = {},
): PollDeps {
  return {
    db: store.db,
    fetcher,
    adapterFor: getAdapter,
    routeEvent: () => [],
    now: () => new Date(),
    random: Math.random,
    leaseOwner: null,
    ...overrides,
  };
}

export interface RunningPoller {
  scheduler: Scheduler;
  events: VendorEvent[];
  stop(): Promise<void>;
}

export async function startPoller(
  store: Store,
  fetcher: Fetcher,
  vendors: Vendor[],
): Promise<RunningPoller> {
  await syncVendors(store.db, vendors, 'config', new Date().toISOString());
  const events: VendorEvent[] = [];
  const owner = `test-${process.pid}`;
  const scheduler = startScheduler({
    db: store.db,
    owner,
    concurrency: 8,
    leaseSeconds: 30,
    tickMs: 50,
    pollDeps: pollDeps(store, fetcher, {
      leaseOwner: owner,
      onEvents: (recorded) => events.push(...recorded),
    }),
  });
  return { scheduler, events, stop: () => scheduler.stop() };
}
