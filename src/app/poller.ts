// The poller half of the service: vendors (and their probes) synced from the config, the notifier,
// the network watch, the scheduler that polls and the probe runner; events go to the web's live
// feed and wake the dispatcher.
import { getAdapter } from '../adapters/registry.js';
import type { AppConfig } from '../config/load.js';
import type { Fetcher } from '../fetch/types.js';
import type { VendorEvent } from '../domain/model.js';
import type { Logger } from '../logger.js';
import { sweepFlags } from '../poll/flag-sweep.js';
import { createNetworkWatch } from '../poll/network-watch.js';
import { startProbeRunner, type ProbeRunner } from '../poll/probes.js';
import { startScheduler } from '../poll/scheduler.js';
import { openStore, syncConfigVendors, type Store } from '../store/index.js';
import type { EventBus } from '../web/event-bus.js';
import type { Metrics } from '../web/metrics.js';
import { correlationSettings } from './correlation.js';
import { configuredVendors } from './fetcher.js';
import { flagSettingsOf, flagSweepEveryMs } from './flag-settings.js';
import { activeIntervalOf } from './polling-settings.js';
import { startNotifier, type Notifier } from './notifier.js';
import { startWorkerLease } from './worker-lease.js';

interface PollerDeps {
  config: AppConfig;
  store: Store;
  fetcher: Fetcher;
  /** --worker-id / VENDORWATCH_WORKER_ID; null for the lowest free slot of this host. */
  workerId: string | null;
  logger: Logger;
  metrics: Metrics;
  bus: EventBus;
  now: () => Date;
}

export interface RunningPoller {
  notifier: Notifier;
  /** Probes of vendors' real endpoints and the suspicions they raise. */
  probes: ProbeRunner;
  workerId: string;
  /** A push made a vendor due at `atMs`: look for due vendors then, not at the next tick. */
  pollSoon(atMs: number): void;
  /** Stops polling and notifying, and hands this worker's leases back. */
  stop(): Promise<void>;
}

export async function startPoller(deps: PollerDeps): Promise<RunningPoller> {
  const { config, store, fetcher, logger, metrics, bus, now } = deps;
  // The heartbeat has its own PostgreSQL connection: queued behind a busy pool of polls it would
  // miss its deadline and fence a healthy worker. (SQLite has one writer and one poller anyway.)
  const heartbeatStore =
    store.dialect === 'postgres'
      ? await openStore(config.databaseUrl, { maxConnections: 1 })
      : null;
  // Taking the id hands back what a dead predecessor under it still held.
  const lease = await startWorkerLease({
    db: (heartbeatStore ?? store).db,
    requestedId: deps.workerId,
    logger,
    now,
  });
  const owner = lease.id;
  metrics.setWorker(owner);
  const vendors = configuredVendors(config.vendors);
  await syncConfigVendors(store.db, vendors, now().toISOString());
  const notifier = await startNotifier(config, store.db, owner, logger, { lease });
  const { routeEvent, dispatcher } = notifier;
  // One "poller degraded" signal per transition, however many vendors it concerns.
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
  const flagSettingsFor = flagSettingsOf(config);
  const onEvents = (events: VendorEvent[]) => {
    bus.publish(events);
    dispatcher.wake();
  };
  const probeRunner: { current: ProbeRunner | null } = { current: null };
  const scheduler = startScheduler({
    db: store.db,
    owner,
    concurrency: config.poller.concurrency,
    leaseSeconds: lease.claimLeaseSeconds,
    lease,
    onClaim: (ms) => lease.countClaim(ms),
    pollDeps: {
      db: store.db,
      fetcher,
      adapterFor: getAdapter,
      routeEvent,
      now,
      random: Math.random,
      leaseOwner: owner,
      networkWatch,
      correlation: correlationSettings(config, routeEvent),
      onEvents,
      onHealthChange: (change) => bus.publishHealth(change),
      flagSettingsFor,
      activeIntervalFor: activeIntervalOf(config),
      // The runner starts after the scheduler; until then nothing is suspected.
      suspectedFor: (slug) => probeRunner.current?.suspected(slug) ?? false,
    },
    sweep: {
      everyMs: flagSweepEveryMs(config),
      run: () =>
        sweepFlags({
          db: store.db,
          now,
          routeEvent,
          flagSettingsFor,
          postmortemAfterSeconds: config.flags.postmortemAfterSeconds,
          onEvents,
        }),
    },
    onOutcome: (outcome) => {
      lease.countPoll();
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
  const probes = (probeRunner.current = startProbeRunner({
    db: store.db,
    fetcher,
    // The probes come from the store (synced from the config above, or set from the watch list).
    suspectAfter: config.suspectAfter,
    routeEvent,
    now,
    networkWatch,
    owner,
    leaseSeconds: lease.leaseSeconds,
    leaseValid: () => lease.valid(),
    onEvents,
    onError: (error) => logger.error({ err: error }, 'probe runner error'),
  }));
  logger.info({ vendors: vendors.length, owner }, 'poller started');
  return {
    notifier,
    probes,
    workerId: owner,
    pollSoon: (atMs) => scheduler.pollSoon(atMs),
    async stop() {
      await probes.stop();
      await scheduler.stop();
      await notifier.stop();
      await lease.stop();
      await heartbeatStore?.close();
    },
  };
}
