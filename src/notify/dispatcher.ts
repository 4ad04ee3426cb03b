// The dispatcher: claims targets that have due deliveries (a lease per target, so several
// processes on PostgreSQL share the work) and drains each in its own task, so a hung target
// never delays the others. Housekeeping fails what waits for a disabled target.
import { defaultPolicy, type DeliveryPolicy } from './policy.js';
import type { OutboxPort } from './port.js';
import { getChannel } from './registry.js';
import { targetSecrets } from './secrets.js';
import { drainTarget, type DrainSettings, type NotifyLog } from './target-drain.js';
import { targetFingerprint } from './targets.js';
import type { Channel, NotifyTarget, SendIo, TargetType } from './types.js';

export interface DispatcherOptions {
  /** One attempt's deadline, connection to last byte (Standard Webhooks: 15–30 s). */
  timeoutMs: number;
  /** Updates to one incident within this window become one message (0: every update). */
  burstWindowMs: number;
  reminderLeadSeconds: number | null;
  tickMs: number;
  maxConcurrentTargets: number;
  batchSize: number;
  housekeepingMs: number;
  /** vendorwatch's public address, for links to its incident pages; null for none. */
  publicUrl: string | null;
  /** Overrides every channel's own spacing between messages (tests). */
  minIntervalMs: number | null;
  policy: DeliveryPolicy;
}

export const defaultDispatcherOptions: DispatcherOptions = {
  timeoutMs: 15_000,
  burstWindowMs: 30_000,
  reminderLeadSeconds: 3600,
  tickMs: 500,
  maxConcurrentTargets: 32,
  batchSize: 20,
  housekeepingMs: 30_000,
  publicUrl: null,
  minIntervalMs: null,
  policy: defaultPolicy,
};

interface DispatcherDeps {
  port: OutboxPort;
  /** The config file's targets: recorded in the store by prepare(), and delivered to at first. */
  targets: readonly NotifyTarget[];
  io: SendIo;
  /** This process's lease name. */
  owner: string;
  /**
   * A worker's heartbeat renews its target leases (src/app/worker-lease.ts): they are then short,
   * nothing is claimed while the worker is fenced, and its signal aborts the sends in flight.
   * Without one, a lease outlives a hung attempt by a wide margin.
   */
  lease?: { leaseSeconds: number; valid(): boolean; signal(): AbortSignal };
  options?: Partial<DispatcherOptions>;
  now?: () => Date;
  random?: () => number;
  log?: NotifyLog;
  channelFor?: (type: TargetType) => Channel;
}

export interface Dispatcher {
  /** Records the configured targets in the store and takes back this owner's leases. */
  prepare(): Promise<void>;
  /** prepare(), then the loop. */
  start(): Promise<void>;
  /** Looks for due deliveries now (new events were recorded). */
  wake(): void;
  /** Replaces the targets delivered to (the config's and the admin API's, already in the store). */
  setTargets(targets: readonly NotifyTarget[]): void;
  /** Claims due targets once and waits for their turns to end (tests, `notify` commands). */
  runOnce(): Promise<void>;
  /** Stops claiming, cancels sends in flight (they are retried later, same key), drops leases. */
  stop(): Promise<void>;
}

const silent: NotifyLog = { info: () => {}, warn: () => {}, error: () => {} };

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const options = { ...defaultDispatcherOptions, ...deps.options };
  const { port, owner } = deps;
  const now = deps.now ?? (() => new Date());
  const random = deps.random ?? Math.random;
  const log = deps.log ?? silent;
  const channelFor = deps.channelFor ?? getChannel;
  let byName = new Map<string, NotifyTarget>();
  let names: string[] = [];
  let secrets = new Map<string, string[]>();
  // Kept across setTargets, so a target's spacing between messages survives a reload.
  const lastSend = new Map<string, { at: number }>();
  useTargets(deps.targets);
  const draining = new Map<string, Promise<void>>();
  const stopping = new AbortController();
  const leaseSeconds =
    deps.lease?.leaseSeconds ?? Math.max(60, Math.ceil((options.timeoutMs * 3) / 1000));
  let timer: NodeJS.Timeout | null = null;
  let loop: Promise<void> | null = null;
  let lastHousekeeping = 0;

  function useTargets(targets: readonly NotifyTarget[]): void {
    byName = new Map(targets.map((target) => [target.name, target]));
    names = [...byName.keys()];
    secrets = new Map(targets.map((target) => [target.name, targetSecrets(target)]));
    for (const name of names) if (!lastSend.has(name)) lastSend.set(name, { at: 0 });
  }

  function settingsFor(channel: Channel): DrainSettings {
    return {
      timeoutMs: options.timeoutMs,
      burstWindowMs: options.burstWindowMs,
      leaseSeconds,
      batchSize: options.batchSize,
      publicUrl: options.publicUrl,
      reminderLeadSeconds: options.reminderLeadSeconds,
      minIntervalMs: options.minIntervalMs ?? channel.minIntervalMs,
      policy: options.policy,
    };
  }

  function startDrain(name: string): Promise<void> {
    const target = byName.get(name)!;
    const channel = channelFor(target.type);
    const turn = drainTarget({
      port,
      owner,
      target,
      channel,
      secrets: secrets.get(name)!,
      io: deps.io,
      settings: settingsFor(channel),
      now,
      random,
      log,
      signal: deps.lease
        ? AbortSignal.any([stopping.signal, deps.lease.signal()])
        : stopping.signal,
      lastSend: lastSend.get(name)!,
    })
      .catch((error: unknown) =>
        log.error({ target: name, err: error }, 'notification turn failed'),
      )
      .finally(() => draining.delete(name));
    draining.set(name, turn);
    return turn;
  }

  async function housekeeping(): Promise<void> {
    const at = now().getTime();
    if (at - lastHousekeeping < options.housekeepingMs) return;
    lastHousekeeping = at;
    const orphaned = await port.failOrphanedDeliveries('target removed');
    if (orphaned > 0) log.warn({ failed: orphaned }, 'deliveries to a removed target failed');
    for (const stored of await port.listTargets()) {
      if (stored.state !== 'disabled' || !byName.has(stored.name)) continue;
      const failed = await port.failPendingDeliveries(
        stored.name,
        stored.reason ?? 'target disabled',
      );
      if (failed > 0)
        log.warn({ target: stored.name, failed }, 'deliveries to a disabled target failed');
    }
  }

  /** Claims what is due and starts those turns; returns them. */
  async function claim(): Promise<Array<Promise<void>>> {
    await housekeeping();
    const room = options.maxConcurrentTargets - draining.size;
    if (room <= 0 || stopping.signal.aborted || deps.lease?.valid() === false) return [];
    const claimed = await port.claimTargets({
      names: names.filter((name) => !draining.has(name)),
      owner,
      now: now().toISOString(),
      leaseSeconds,
      limit: room,
    });
    return claimed.filter((name) => byName.has(name)).map(startDrain);
  }

  function schedule(delayMs: number): void {
    if (stopping.signal.aborted) return;
    timer = setTimeout(() => {
      timer = null;
      loop = claim()
        .then(() => undefined)
        .catch((error: unknown) => log.error({ err: error }, 'notification dispatch failed'))
        .finally(() => {
          loop = null;
          schedule(options.tickMs);
        });
    }, delayMs);
  }

  async function prepare(): Promise<void> {
    // A process restarted under the same name (SQLite's single poller) takes its targets back.
    await port.releaseTargetLeases(owner);
    await port.syncTargets(
      deps.targets.map((target) => ({
        name: target.name,
        type: target.type,
        fingerprint: targetFingerprint(target),
      })),
      now().toISOString(),
    );
  }

  return {
    prepare,
    async start() {
      await prepare();
      // Runs even without targets: the admin API can add one at any time.
      schedule(0);
    },
    setTargets(targets) {
      useTargets(targets);
    },
    wake() {
      if (timer === null || stopping.signal.aborted) return;
      clearTimeout(timer);
      schedule(0);
    },
    async runOnce() {
      await Promise.all(await claim());
    },
    async stop() {
      stopping.abort();
      if (timer) clearTimeout(timer);
      timer = null;
      await loop;
      await Promise.all(draining.values());
      await port.releaseTargetLeases(owner);
    },
  };
}
