// Composition root: config → store → fetcher → scheduler + notifier + web server; clean shutdown.
import { hostname } from 'node:os';
import { getAdapter } from './adapters/registry.js';
import type { AppConfig, ConfiguredVendor } from './config/load.js';
import type { Vendor } from './domain/model.js';
import { createFetcher } from './fetch/fetcher.js';
import { defaultFetcherSettings, type Fetcher } from './fetch/types.js';
import type { Logger } from './logger.js';
import { limitHeapGrowth } from './heap.js';
import { startNotifier, type Notifier } from './notifier.js';
import { createNetworkWatch } from './poll/network-watch.js';
import { createTargetAdmin } from './target-admin.js';
import { detectPlatform } from './poll/detect.js';
import { createVendorDetector } from './poll/detect-vendor.js';
import { startScheduler, type Scheduler } from './poll/scheduler.js';
import { acquireInstanceLock, type InstanceLock } from './instance-lock.js';
import {
  migrateToLatest,
  openStore,
  releaseLeases,
  syncVendors,
  type Store,
} from './store/index.js';
import { createApp } from './web/app.js';
import { createEventBus } from './web/event-bus.js';
import { createMetrics } from './web/metrics.js';
import { startServer } from './web/server.js';

export interface ServiceParts {
  poller: boolean;
  web: boolean;
}

export interface RunningService {
  url: string | null;
  store: Store;
  stop(): Promise<void>;
}

export function createConfiguredFetcher(config: AppConfig): Fetcher {
  return createFetcher({
    ...defaultFetcherSettings,
    allowPrivateAddresses: config.network.allowPrivateAddresses,
    allowedPrivateRanges: [...config.network.allowedPrivateRanges],
    totalTimeoutMs: config.network.timeout * 1000,
    maxBodyBytes: config.network.maxBodyBytes,
    perHostConcurrency: config.network.perHostConcurrency,
  });
}

/** Fills in platforms the config left out by probing the vendor's page. */
export async function resolveVendors(
  vendors: readonly ConfiguredVendor[],
  fetcher: Fetcher,
  logger: Logger,
): Promise<Vendor[]> {
  const resolved: Vendor[] = [];
  for (const vendor of vendors) {
    if (vendor.platform) {
      resolved.push({ ...vendor, platform: vendor.platform });
      continue;
    }
    const detection = await detectPlatform(fetcher, vendor.statusPageUrl);
    if (!detection.ok) {
      logger.warn(
        { vendor: vendor.slug, error: detection.error },
        'platform detection failed; vendor skipped',
      );
      continue;
    }
    // Detection normalizes the URL too (a feed's own URL, a status.io page id, a redirect).
    resolved.push({
      ...vendor,
      platform: detection.platform,
      statusPageUrl: detection.statusPageUrl,
    });
  }
  return resolved;
}

/** POST /api/v1/vendors detects through the same fetcher and address guard as the poller. */
function vendorWrites(adminToken: string, config: AppConfig, fetcher: Fetcher) {
  const { allowPrivateAddresses, allowedPrivateRanges } = config.network;
  return {
    adminToken,
    detectVendor: createVendorDetector(fetcher, { allowPrivateAddresses, allowedPrivateRanges }),
    defaultIntervalSeconds: config.pollIntervalSeconds,
  };
}

export async function startService(
  config: AppConfig,
  parts: ServiceParts,
  logger: Logger,
): Promise<RunningService> {
  if (parts.poller) limitHeapGrowth();
  const store = await openStore(config.databaseUrl);
  await migrateToLatest(store);
  const fetcher = createConfiguredFetcher(config);
  const bus = createEventBus((error) => logger.error({ err: error }, 'event listener failed'));
  const shutdown = new AbortController();
  const now = () => new Date();
  const metrics = createMetrics({ processMetrics: true });

  let scheduler: Scheduler | null = null;
  let notifier: Notifier | null = null;
  let lock: InstanceLock | null = null;
  // SQLite has one poller per file, so its lease name is stable and a restart after kill -9 takes
  // its vendors back at once; PostgreSQL workers are many, and a dead one's leases expire.
  const owner = store.dialect === 'sqlite' ? 'local' : `${hostname()}:${process.pid}`;
  if (parts.poller) {
    if (store.dialect === 'sqlite') lock = acquireInstanceLock(config.databaseUrl);
    await releaseLeases(store.db, owner);
    const vendors = await resolveVendors(config.vendors, fetcher, logger);
    await syncVendors(store.db, vendors, 'config', now().toISOString());
    notifier = await startNotifier(config, store.db, owner, logger);
    const { routeEvent, dispatcher } = notifier;
    // One "poller degraded" signal per transition, however many vendors it concerns (F15).
    const networkWatch = createNetworkWatch({
      now,
      onChange: (degraded, counts) => {
        metrics.setNetworkDegraded(degraded);
        if (degraded) {
          logger.warn(counts, 'poller degraded: most status pages unreachable, alerts held');
        } else {
          logger.info(counts, 'poller recovered: status pages reachable again');
        }
      },
    });
    scheduler = startScheduler({
      db: store.db,
      owner,
      concurrency: config.poller.concurrency,
      leaseSeconds: Math.max(60, config.network.timeout * 3),
      pollDeps: {
        db: store.db,
        fetcher,
        adapterFor: getAdapter,
        routeEvent,
        now,
        random: Math.random,
        leaseOwner: owner,
        networkWatch,
        onEvents: (events) => {
          bus.publish(events);
          dispatcher.wake();
        },
      },
      onOutcome: (outcome) => {
        metrics.observePoll(outcome);
        if (outcome.kind === 'failed' || outcome.kind === 'crashed') {
          logger.warn(
            { vendor: outcome.vendorSlug, kind: outcome.kind, error: outcome.error },
            'poll failed',
          );
        } else if (outcome.events > 0) {
          logger.info(
            { vendor: outcome.vendorSlug, events: outcome.events, ms: outcome.durationMs },
            'vendor changed',
          );
        }
      },
      onError: (error) => logger.error({ err: error }, 'scheduler error'),
    });
    logger.info({ vendors: vendors.length, owner }, 'poller started');
  }

  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  if (parts.web) {
    const app = createApp({
      db: store.db,
      now: () => now().toISOString(),
      eventBus: bus,
      shutdownSignal: shutdown.signal,
      log: logger,
      metrics,
      ...(config.adminToken
        ? { vendorWrites: vendorWrites(config.adminToken, config, fetcher) }
        : {}),
      targets: {
        adminToken: config.adminToken,
        admin: createTargetAdmin({
          config,
          db: store.db,
          now: () => now().toISOString(),
          // A separate poller process picks the change up within its refresh interval.
          ...(notifier ? { onChanged: () => notifier.refreshTargets() } : {}),
        }),
      },
    });
    server = await startServer(app, config.server);
    logger.info({ url: server.url }, 'web server listening');
  }

  return {
    url: server?.url ?? null,
    store,
    async stop() {
      await scheduler?.stop();
      await notifier?.stop();
      if (scheduler) await releaseLeases(store.db, owner);
      shutdown.abort();
      await server?.close();
      await fetcher.close();
      await store.close();
      lock?.release();
    },
  };
}
