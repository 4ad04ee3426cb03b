// Composition root: config → store → fetcher → poller (scheduler + notifier) and web server;
// clean shutdown in the reverse order.
import type { AppConfig } from '../config/load.js';
import type { Fetcher } from '../fetch/types.js';
import type { Logger } from '../logger.js';
import { createVendorDetector } from '../poll/detect-vendor.js';
import { migrateToLatest, openStore, WorkerIdInUseError, type Store } from '../store/index.js';
import { createApp } from '../web/app.js';
import { createEventBus } from '../web/event-bus.js';
import { createMetrics } from '../web/metrics.js';
import { startServer } from '../web/server.js';
import { createConfiguredFetcher } from './fetcher.js';
import { limitHeapGrowth } from './heap.js';
import { acquireInstanceLock, type InstanceLock } from './instance-lock.js';
import { startPoller, type RunningPoller } from './poller.js';
import { activeIntervalOf } from './polling-settings.js';
import { startHotTableVacuum, type HotTableVacuum } from './postgres-vacuum.js';
import { startRetentionSweep, type RetentionSweep } from './retention.js';
import { createTargetAdmin } from './target-admin.js';
import { localPublicUrl } from './notifier.js';

export interface ServiceParts {
  poller: boolean;
  web: boolean;
  /** The poller's worker id (--worker-id); by default the lowest free slot of this host. */
  workerId?: string | null;
}

export interface RunningService {
  url: string | null;
  store: Store;
  stop(): Promise<void>;
}

/** POST /api/v1/vendors detects through the same fetcher and address guard as the poller. */
function vendorWrites(adminToken: string | null, config: AppConfig, fetcher: Fetcher) {
  const { allowPrivateAddresses, allowedPrivateRanges } = config.network;
  return {
    adminToken,
    detectVendor: createVendorDetector(fetcher, { allowPrivateAddresses, allowedPrivateRanges }),
    defaultIntervalSeconds: config.pollIntervalSeconds,
  };
}

/** The service could not start for a reason the user can fix (a port already taken). */
export class ServiceStartError extends Error {
  override name = 'ServiceStartError';
}

export async function startService(
  config: AppConfig,
  parts: ServiceParts,
  logger: Logger,
): Promise<RunningService> {
  if (parts.poller) limitHeapGrowth();
  const store = await openStore(config.databaseUrl);
  const fetcher = createConfiguredFetcher(config);
  const bus = createEventBus((error) => logger.error({ err: error }, 'event listener failed'));
  const shutdown = new AbortController();
  const now = () => new Date();
  const metrics = createMetrics({ processMetrics: true });

  let poller: RunningPoller | null = null;
  let lock: InstanceLock | null = null;
  let retention: RetentionSweep | null = null;
  let vacuum: HotTableVacuum | null = null;
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    await migrateToLatest(store);
    // The port is taken before anything polls: a second copy started by mistake must stop here,
    // not keep polling headless while the browser shows the first one.
    if (parts.web) {
      const app = createApp({
        db: store.db,
        now: () => now().toISOString(),
        eventBus: bus,
        shutdownSignal: shutdown.signal,
        log: logger,
        metrics,
        uptimeWeights: config.uptimeWeights,
        boards: config.boards,
        activeIntervalFor: activeIntervalOf(config),
        // The store already says "due now" to every worker; this only spares the tick's wait.
        ingest: {
          onPush: (push) => {
            logger.debug({ vendor: push.slug, kind: push.kind, dueAt: push.dueAt }, 'push');
            poller?.pollSoon(Date.parse(push.dueAt));
          },
        },
        vendorWrites: vendorWrites(config.adminToken, config, fetcher),
        auth: {
          ...config.auth,
          adminToken: config.adminToken,
          ...(config.server.publicUrl ? { publicUrl: config.server.publicUrl } : {}),
        },
        targets: {
          adminToken: config.adminToken,
          admin: createTargetAdmin({
            config,
            db: store.db,
            now: () => now().toISOString(),
            publicUrl: config.server.publicUrl ?? localPublicUrl(config.server),
            // A separate poller process picks the change up within its refresh interval.
            ...(parts.poller
              ? { onChanged: () => poller?.notifier.refreshTargets() ?? Promise.resolve() }
              : {}),
          }),
        },
      });
      server = await listen(app, config.server);
      logger.info({ url: server.url }, 'web server listening');
    }
    if (parts.poller) {
      if (store.dialect === 'sqlite') lock = acquireInstanceLock(config.databaseUrl);
      // A worker's id survives its restarts (src/app/worker-lease.ts), so a restart after kill -9
      // takes its leases back at once; a dead worker's leases are taken over within seconds.
      poller = await startPoller({
        config,
        store,
        fetcher,
        workerId: parts.workerId ?? null,
        logger,
        metrics,
        bus,
        now,
      });
      // Always: probe results are pruned even when deliveries are kept forever.
      const keepSeconds = config.deliveryRetentionSeconds;
      retention = startRetentionSweep({ db: store.db, keepSeconds, now, logger });
      if (store.dialect === 'postgres') vacuum = startHotTableVacuum({ db: store.db, logger });
    }
  } catch (thrown) {
    const error =
      thrown instanceof WorkerIdInUseError ? new ServiceStartError(thrown.message) : thrown;
    shutdown.abort();
    await server?.close();
    await fetcher.close();
    await store.close();
    lock?.release();
    throw error;
  }

  return {
    url: server?.url ?? null,
    store,
    async stop() {
      await retention?.stop();
      await vacuum?.stop();
      await poller?.stop();
      shutdown.abort();
      await server?.close();
      await fetcher.close();
      await store.close();
      lock?.release();
    },
  };
}

async function listen(
  app: Parameters<typeof startServer>[0],
  options: AppConfig['server'],
): Promise<Awaited<ReturnType<typeof startServer>>> {
  try {
    return await startServer(app, options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new ServiceStartError(
        `port ${options.port} is in use — is vendorwatch already running? use --port`,
      );
    }
    if (code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      const why = code === 'EACCES' ? 'is not allowed' : 'is not an address of this machine';
      throw new ServiceStartError(`listening on ${options.host}:${options.port} ${why}`);
    }
    throw error;
  }
}
