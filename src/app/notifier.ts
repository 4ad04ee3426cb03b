// Composition of notifications: targets (the config file's, and the admin API's from the store)
// → the router the poll cycle calls before recording, and the dispatcher over the store's outbox.
// The one place that joins notify/ and store/.
import type { Kysely } from 'kysely';
import { parseNotificationTarget, unknownBoardRefusal, type AppConfig } from '../config/load.js';
import type { Board } from '../domain/board.js';
import type { RouteEvent } from '../domain/routing.js';
import type { AddressPolicy } from '../fetch/address-guard.js';
import type { Logger } from '../logger.js';
import type { WorkerLease } from './worker-lease.js';
import {
  createDispatcher,
  defaultDispatcherOptions,
  type Dispatcher,
  type DispatcherOptions,
} from '../notify/dispatcher.js';
import { createHttpPoster, type HttpPoster } from '../notify/http/post.js';
import type { OutboxPort } from '../notify/port.js';
import { routeEvent, type RouterOptions } from '../notify/router.js';
import { channels } from '../notify/registry.js';
import { checkTargets } from '../notify/targets.js';
import type { NotifyTarget, SendIo } from '../notify/types.js';
import {
  claimDeliveries,
  claimNotifyTargets,
  deferDelivery,
  failOrphanedDeliveries,
  failPendingDeliveries,
  getNotifyTarget,
  hasLaterMessage,
  lastSentInGroup,
  listApiTargets,
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
} from '../store/index.js';

/** How often a poller re-reads the admin API's targets, which another process may have changed. */
const targetRefreshMs = 5_000;

export function notifyTargets(config: Pick<AppConfig, 'notifications'>): readonly NotifyTarget[] {
  return checkTargets(config.notifications);
}

/**
 * The config file's targets, then those added through the admin API (a name the config file
 * uses is the config's). A stored definition that no longer passes the checks is skipped.
 */
export async function loadTargets(
  config: Pick<AppConfig, 'notifications'> & { boards?: readonly Board[] },
  db: Kysely<Database>,
  onInvalid: (name: string, error: string) => void = () => {},
): Promise<NotifyTarget[]> {
  const configured = notifyTargets(config);
  const taken = new Set(configured.map((target) => target.name));
  // A board removed from the config leaves a stored target that names it: skipped, and said.
  const boardSlugs = (config.boards ?? []).map((board) => board.slug);
  const added: NotifyTarget[] = [];
  for (const stored of await listApiTargets(db)) {
    if (taken.has(stored.name)) continue;
    let parsed: ReturnType<typeof parseNotificationTarget>;
    try {
      parsed = parseNotificationTarget(
        channels.withoutForeignFields(JSON.parse(stored.definition)),
      );
    } catch {
      parsed = { ok: false, error: 'the stored definition is not JSON' };
    }
    const boardRefusal = parsed.ok ? unknownBoardRefusal(parsed.target, boardSlugs) : null;
    if (parsed.ok && boardRefusal !== null) onInvalid(stored.name, boardRefusal);
    else if (parsed.ok && parsed.target.name === stored.name) added.push(parsed.target);
    else onInvalid(stored.name, parsed.ok ? 'the stored name does not match' : parsed.error);
  }
  return [...configured, ...added];
}

/** The router as the poll cycle calls it, over the targets of the moment. */
export function createRouteEvent(
  targets: readonly NotifyTarget[] | (() => readonly NotifyTarget[]),
  options: RouterOptions,
): RouteEvent {
  const current = typeof targets === 'function' ? targets : () => targets;
  return (event, context) => {
    const now = current();
    return now.length === 0 ? [] : routeEvent(now, event, context, options);
  };
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
    failOrphanedDeliveries: (reason) => failOrphanedDeliveries(db, reason),
    hasLaterMessage: (position) => hasLaterMessage(db, position),
    lastSentInGroup: (position) => lastSentInGroup(db, position),
    loadContext: (event) => loadDeliveryContext(db, event),
  };
}

/** The config's private-address policy, which every notification destination is checked by. */
export function addressPolicy(network: NotifierConfig['network']): AddressPolicy {
  return {
    allowPrivateAddresses: network.allowPrivateAddresses,
    allowedPrivateRanges: [...network.allowedPrivateRanges],
  };
}

/** Every send's I/O, under the config's address policy (docs/security.md#where-the-guard-runs). */
export function createSendIo(
  config: Pick<NotifierConfig, 'network'>,
  connectTimeoutMs = 10_000,
): SendIo & { poster: HttpPoster } {
  const policy = addressPolicy(config.network);
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
  dispatcher: Dispatcher;
  /** Re-reads the admin API's targets now (this process changed them). */
  refreshTargets(): Promise<void>;
  stop(): Promise<void>;
}

/** What notifications read from the config. */
interface NotifierConfig {
  notifications: AppConfig['notifications'];
  network: Pick<AppConfig['network'], 'allowPrivateAddresses' | 'allowedPrivateRanges'>;
  server: AppConfig['server'];
  notifier?: AppConfig['notifier'];
  boards?: readonly Board[];
}

type NotifierOptions = Partial<DispatcherOptions> & {
  /** How often the admin API's targets are re-read (default targetRefreshMs). */
  targetRefreshMs?: number;
  /** The worker's lease standing, when a heartbeat renews the target leases. */
  lease?: WorkerLease;
};

export async function startNotifier(
  config: NotifierConfig,
  db: Kysely<Database>,
  owner: string,
  logger: Logger,
  { targetRefreshMs: refreshMs = targetRefreshMs, lease, ...options }: NotifierOptions = {},
): Promise<Notifier> {
  const log = logger.child({ component: 'notify' });
  const configured = notifyTargets(config);
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
  let targets: readonly NotifyTarget[] = configured;
  const routeEvent = createRouteEvent(() => targets, {
    reminderLeadSeconds: merged.reminderLeadSeconds,
    boards: config.boards ?? [],
  });
  const io = createSendIo(config);
  const dispatcher = createDispatcher({
    port: storeOutboxPort(db),
    targets: configured,
    io,
    owner,
    ...(lease ? { lease } : {}),
    options: merged,
    log,
  });
  await dispatcher.start();

  const invalidReported = new Set<string>();
  async function loadAndUse(): Promise<void> {
    const loaded = await loadTargets(config, db, (name, error) => {
      if (invalidReported.has(name)) return;
      invalidReported.add(name);
      log.warn({ target: name, error }, 'stored notification target skipped');
    });
    // A target an admin turned off gets nothing routed to it (docs/contract.md#manage-targets).
    const off = new Set(
      (await listNotifyTargets(db)).filter((t) => t.pausedAt !== null).map((t) => t.name),
    );
    const on = off.size === 0 ? loaded : loaded.filter((target) => !off.has(target.name));
    const before = targets.map((target) => target.name).join(',');
    targets = on;
    dispatcher.setTargets(on);
    if (on.map((target) => target.name).join(',') !== before) {
      log.info({ targets: on.map((t) => `${t.name} (${t.type})`) }, 'notification targets');
    }
  }
  // One load at a time, in order, so an older read never overwrites a newer one; requests made
  // while one runs share the single load queued after it.
  let chain: Promise<void> = Promise.resolve();
  let queued: Promise<void> | null = null;
  function refreshTargets(): Promise<void> {
    if (queued) return queued;
    const next = chain.then(() => {
      queued = null;
      return loadAndUse();
    });
    queued = next;
    chain = next.catch(() => undefined);
    return next;
  }
  await refreshTargets();
  log.info({ targets: targets.map((t) => `${t.name} (${t.type})`) }, 'notifier started');
  // Another process (the web server of a separate deployment) may add or remove targets.
  const timer = setInterval(() => {
    refreshTargets().catch((error: unknown) =>
      log.error({ err: error }, 'reloading notification targets failed'),
    );
  }, refreshMs);
  timer.unref();
  return {
    routeEvent,
    dispatcher,
    refreshTargets,
    async stop() {
      clearInterval(timer);
      await chain;
      await dispatcher.stop();
      await io.poster.close();
    },
  };
}
