// This process as a worker: it takes a stable id, proves itself alive every heartbeat (which
// renews every lease it holds), hands the leases of workers found dead back to the others, and
// fences itself — aborts the polls and sends under its leases, claims nothing — as soon as its
// leases may have run out because heartbeats failed (the database is unreachable). Another worker
// can take a lease only after its end, and this worker stops using it a margin before that end.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Logger } from '../logger.js';
import {
  claimLeaseSeconds,
  heartbeatSeconds,
  heartbeatWorker,
  markWorkerStopped,
  registerWorker,
  sweepGoneWorkers,
  WorkerIdInUseError,
  workerLeaseSeconds,
  type Database,
} from '../store/index.js';

/** Heartbeat period: a worker fences itself after five periods without a successful one. */
const heartbeatMs = heartbeatSeconds * 1000;
/** A worker stops using its leases this long before they end (clock skew, a commit in flight). */
const fenceMarginMs = 1000;
/** Polls per second are counted over this window. */
const rateWindowMs = 10_000;

export interface WorkerLease {
  readonly id: string;
  readonly leaseSeconds: number;
  /** What a claim of vendors or targets leases them for (longer than leaseSeconds). */
  readonly claimLeaseSeconds: number;
  /** False while fenced: the leases may have run out, so nothing new may start under them. */
  valid(): boolean;
  /** Aborted when this worker fences itself; a new signal once heartbeats succeed again. */
  signal(): AbortSignal;
  /** Live workers at the last heartbeat (at least 1: this one). */
  liveWorkers(): number;
  /** This worker's place among them by id, from 0 (src/store/workers.ts HeartbeatResult). */
  liveRank(): number;
  countPoll(): void;
  countClaim(ms: number): void;
  /** Stops the heartbeat, marks this worker stopped and hands its leases back. */
  stop(): Promise<void>;
}

interface WorkerLeaseOptions {
  db: Kysely<Database>;
  /** --worker-id or VENDORWATCH_WORKER_ID; null for the lowest free slot of this host. */
  requestedId: string | null;
  logger: Logger;
  now: () => Date;
}

export async function startWorkerLease(options: WorkerLeaseOptions): Promise<WorkerLease> {
  const { db, logger, now } = options;
  const log = logger.child({ component: 'worker' });
  const instance = randomUUID();
  const host = hostname();
  const stats = { pollsTotal: 0, claimsTotal: 0, claimMsTotal: 0 };
  const rateSamples: Array<{ at: number; polls: number }> = [];
  let fence = newFence();
  let fenced = false;
  let validUntil = 0;
  let live = 1;
  let rank = 0;
  let stopped = false;
  let beating: Promise<void> | null = null;
  let beatTimer: NodeJS.Timeout | null = null;
  let fenceTimer: NodeJS.Timeout | null = null;

  const register = async (requestedId: string | null) => {
    const startedAt = Date.now();
    const registered = await registerWorker(db, {
      requestedId,
      instance,
      host,
      pid: process.pid,
      now: now().toISOString(),
      leaseSeconds: workerLeaseSeconds,
      processAlive,
    });
    if (registered.predecessor && registered.predecessor.instance !== instance) {
      log.info(
        { worker: registered.id, predecessorPid: registered.predecessor.pid },
        'worker id taken back from its previous process; its leases are free again',
      );
    }
    renewedAt(startedAt);
    return registered.id;
  };
  const id = await register(options.requestedId);

  function renewedAt(startedAt: number): void {
    validUntil = startedAt + workerLeaseSeconds * 1000 - fenceMarginMs;
    if (fenced) {
      fenced = false;
      fence = newFence();
      log.info({ worker: id }, 'database reachable again: polling and delivering resume');
    }
    if (fenceTimer) clearTimeout(fenceTimer);
    fenceTimer = setTimeout(fenceIfExpired, Math.max(0, validUntil - Date.now()));
    fenceTimer.unref();
  }

  function fenceIfExpired(): void {
    if (stopped || fenced) return;
    const early = validUntil - Date.now();
    if (early > 0) {
      // A timer armed while the event loop's cached clock lagged fires that much early by the
      // wall clock: arm it again, or the worker would never fence itself.
      if (fenceTimer) clearTimeout(fenceTimer);
      fenceTimer = setTimeout(fenceIfExpired, early);
      fenceTimer.unref();
      return;
    }
    fenced = true;
    fence.abort(new Error('this worker could not renew its leases'));
    log.warn(
      { worker: id },
      'heartbeat failed for too long: polling and delivering stop until the database answers',
    );
  }

  function pollsPerSecond(at: number): number {
    rateSamples.push({ at, polls: stats.pollsTotal });
    while (rateSamples.length > 1 && at - rateSamples[0]!.at > rateWindowMs) rateSamples.shift();
    const first = rateSamples[0]!;
    const seconds = (at - first.at) / 1000;
    return seconds > 0 ? Math.round(((stats.pollsTotal - first.polls) / seconds) * 100) / 100 : 0;
  }

  async function beat(): Promise<void> {
    const startedAt = Date.now();
    const result = await heartbeatWorker(db, {
      id,
      instance,
      now: now().toISOString(),
      leaseSeconds: workerLeaseSeconds,
      stats: { ...stats, pollsPerSecond: pollsPerSecond(startedAt) },
    });
    if (!result.ok) {
      // Found gone while cut off: its leases went to others. Come back under the same id.
      log.warn({ worker: id }, 'this worker was taken over while unreachable; rejoining');
      await register(id);
    } else {
      live = Math.max(1, result.liveWorkers);
      rank = result.liveRank;
      renewedAt(startedAt);
    }
    const takenOver = await sweepGoneWorkers(db, {
      now: now().toISOString(),
      leaseSeconds: workerLeaseSeconds,
    });
    if (takenOver.length > 0) {
      log.warn({ workers: takenOver }, 'workers without a heartbeat: their leases are taken over');
    }
  }

  function scheduleBeat(): void {
    if (stopped) return;
    beatTimer = setTimeout(() => {
      fenceIfExpired();
      // A heartbeat stuck on a dead connection is given up after a lease (the fence timer runs
      // regardless); a slow one is not abandoned early, as the next would only queue behind it.
      beating ??= withDeadline(beat(), workerLeaseSeconds * 1000)
        .catch((error: unknown) => {
          if (error instanceof WorkerIdInUseError) log.error({ err: error }, 'worker id taken');
          else log.warn({ err: error }, 'heartbeat failed');
        })
        .finally(() => {
          beating = null;
        });
      scheduleBeat();
    }, heartbeatMs);
    beatTimer.unref();
  }
  scheduleBeat();
  log.info({ worker: id, host, pid: process.pid }, 'worker registered');

  return {
    id,
    leaseSeconds: workerLeaseSeconds,
    claimLeaseSeconds,
    valid: () => !fenced && !stopped && Date.now() < validUntil,
    signal: () => fence.signal,
    liveWorkers: () => live,
    liveRank: () => rank % live,
    countPoll() {
      stats.pollsTotal += 1;
    },
    countClaim(ms) {
      stats.claimsTotal += 1;
      stats.claimMsTotal += ms;
    },
    async stop() {
      stopped = true;
      if (beatTimer) clearTimeout(beatTimer);
      if (fenceTimer) clearTimeout(fenceTimer);
      await beating;
      await markWorkerStopped(db, { id, instance, now: now().toISOString() });
    },
  };
}

/** Every poll and send in flight listens to the one fence: no listener limit applies. */
function newFence(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the database within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** Whether a process of this host runs under `pid` (EPERM: it does, as another user). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
