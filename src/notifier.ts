// Composition of notifications: config targets → the router commitCycle calls, and the
// dispatcher over the store's outbox. The one place that joins notify/ and store/.
import type { Kysely } from 'kysely';
import type { AppConfig } from './config/load.js';
import type { Logger } from './logger.js';
import {
  createDispatcher,
  defaultDispatcherOptions,
  type Dispatcher,
  type DispatcherOptions,
} from './notify/dispatcher.js';
import { createHttpPoster, type HttpPoster } from './notify/http/post.js';
import type { OutboxPort } from './notify/port.js';
import { routeEvent, type RouterOptions } from './notify/router.js';
import { checkTargets } from './notify/targets.js';
import type { NotifyTarget, SendIo } from './notify/types.js';
import {
  claimDeliveries,
  claimNotifyTargets,
  deferDelivery,
  failPendingDeliveries,
  getNotifyTarget,
  hasLaterMessage,
  lastSentInGroup,
  listNotifyTargets,
  loadDeliveryContext,
  markDelivered,
  markDeliveryFailed,
  markDeliveryRetry,
  markDeliverySkipped,
  releaseDeliveries,
  releaseNotifyTarget,
  releaseNotifyTargetLeases,
  renewNotifyTargetLease,
  syncNotifyTargets,
  type Database,
  type RouteEvent,
} from './store/index.js';

export function notifyTargets(config: Pick<AppConfig, 'notifications'>): readonly NotifyTarget[] {
  return checkTargets(config.notifications);
}

/** The router as commitCycle calls it: targets are chosen while the event is recorded. */
export function createRouteEvent(
  targets: readonly NotifyTarget[],
  options: RouterOptions,
): RouteEvent {
  if (targets.length === 0) return () => [];
  return (event, context) => routeEvent(targets, event, context, options);
}

export function storeOutboxPort(db: Kysely<Database>): OutboxPort {
  return {
    syncTargets: (targets, now) => syncNotifyTargets(db, targets, now),
    claimTargets: (options) => claimNotifyTargets(db, options),
    renewTarget: (name, owner, until) => renewNotifyTargetLease(db, name, owner, until),
    releaseTarget: (name, owner, status, now) => releaseNotifyTarget(db, name, owner, status, now),
    releaseTargetLeases: (owner) => releaseNotifyTargetLeases(db, owner),
    getTarget: (name) => getNotifyTarget(db, name),
    listTargets: () => listNotifyTargets(db),
    claimDeliveries: (options) => claimDeliveries(db, options),
    markDelivered: (seq, now) => markDelivered(db, seq, now),
    markDeliveryRetry: (seq, retry) => markDeliveryRetry(db, seq, retry),
    markDeliveryFailed: (seq, error) => markDeliveryFailed(db, seq, error),
    markDeliverySkipped: (seq, reason) => markDeliverySkipped(db, seq, reason),
    deferDelivery: (seq, until) => deferDelivery(db, seq, until),
    releaseDeliveries: (seqs) => releaseDeliveries(db, seqs),
    failPendingDeliveries: (target, reason) => failPendingDeliveries(db, target, reason),
    hasLaterMessage: (position) => hasLaterMessage(db, position),
    lastSentInGroup: (position) => lastSentInGroup(db, position),
    loadContext: (event) => loadDeliveryContext(db, event),
  };
}

/** The I/O every send uses, under the config's address policy (SPEC §7: the fetcher's guard). */
export function createSendIo(
  config: Pick<NotifierConfig, 'network'>,
  connectTimeoutMs = 10_000,
): SendIo & { poster: HttpPoster } {
  const policy = {
    allowPrivateAddresses: config.network.allowPrivateAddresses,
    allowedPrivateRanges: [...config.network.allowedPrivateRanges],
  };
  const poster = createHttpPoster({ policy, connectTimeoutMs });
  return { post: poster.post, policy, poster };
}

/** vendorwatch's own address for links in messages, from where its web server listens. */
export function localPublicUrl(server: { host: string; port: number }): string {
  const host = ['0.0.0.0', '::', ''].includes(server.host) ? 'localhost' : server.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${server.port}`;
}

export interface Notifier {
  routeEvent: RouteEvent;
  dispatcher: Dispatcher | null;
  stop(): Promise<void>;
}

/** What notifications read from the config. */
export interface NotifierConfig {
  notifications: AppConfig['notifications'];
  network: Pick<AppConfig['network'], 'allowPrivateAddresses' | 'allowedPrivateRanges'>;
  server: AppConfig['server'];
  notifier?: AppConfig['notifier'];
}

export async function startNotifier(
  config: NotifierConfig,
  db: Kysely<Database>,
  owner: string,
  logger: Logger,
  options: Partial<DispatcherOptions> = {},
): Promise<Notifier> {
  const targets = notifyTargets(config);
  const merged: DispatcherOptions = {
    ...defaultDispatcherOptions,
    publicUrl: config.server.publicUrl ?? localPublicUrl(config.server),
    ...(config.notifier
      ? {
          burstWindowMs: config.notifier.burstWindowSeconds * 1000,
          reminderLeadSeconds: config.notifier.reminderLeadSeconds,
        }
      : {}),
    ...options,
  };
  const routeEvent = createRouteEvent(targets, { reminderLeadSeconds: merged.reminderLeadSeconds });
  if (targets.length === 0) return { routeEvent, dispatcher: null, stop: () => Promise.resolve() };
  const io = createSendIo(config);
  const dispatcher = createDispatcher({
    port: storeOutboxPort(db),
    targets,
    io,
    owner,
    options: merged,
    log: logger.child({ component: 'notify' }),
  });
  await dispatcher.start();
  logger.info({ targets: targets.map((t) => `${t.name} (${t.type})`) }, 'notifier started');
  return {
    routeEvent,
    dispatcher,
    async stop() {
      await dispatcher.stop();
      await io.poster.close();
    },
  };
}
