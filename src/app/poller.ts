// The poller half of the service: vendors synced from the config, the notifier, the network
// watch, and the scheduler that polls; events go to the web's live feed and wake the dispatcher.
import { getAdapter } from '../adapters/registry.js';
import type { AppConfig } from '../config/load.js';
import type { Fetcher } from '../fetch/types.js';
import type { VendorEvent } from '../domain/model.js';
import type { Logger } from '../logger.js';
import { sweepFlags } from '../poll/flag-sweep.js';
import { createNetworkWatch } from '../poll/network-watch.js';
import { startScheduler } from '../poll/scheduler.js';
import { releaseLeases, syncVendors, type Store } from '../store/index.js';
import type { EventBus } from '../web/event-bus.js';
import type { Metrics } from '../web/metrics.js';
import { correlationSettings } from './correlation.js';
import { configuredVendors } from './fetcher.js';
import { flagSettingsOf, flagSweepEveryMs } from './flag-settings.js';
import { startNotifier, type Notifier } from './notifier.js';

interface PollerDeps {
  config: AppConfig;
  store: Store;
  fetcher: Fetcher;
  /** This worker's lease name. */
  owner: string;
  logger: Logger;
  metrics: Metrics;
  bus: EventBus;
  now: () => Date;
}

export interface RunningPoller {
  notifier: Notifier;
  /** Stops polling and notifying, and hands this worker's leases back. */
  stop(): Promise<void>;
}

export async function startPoller(deps: PollerDeps): Promise<RunningPoller> {
  const { config, store, fetcher, owner, logger, metrics, bus, now } = deps;
  await releaseLeases(store.db, owner);
  const vendors = configuredVendors(config.vendors);
  await syncVendors(store.db, vendors, 'config', now().toISOString());
  const notifier = await startNotifier(config, store.db, owner, logger);
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
  const scheduler = startScheduler({
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
      correlation: correlationSettings(config, routeEvent),
      onEvents,
      onHealthChange: (change) => bus.publishHealth(change),
      flagSettingsFor,
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
  return {
    notifier,
    async stop() {
      await scheduler.stop();
      await notifier.stop();
      await releaseLeases(store.db, owner);
    },
  };
}
