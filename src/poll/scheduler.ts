// The only timers of the poller: claim due vendors through the store, poll them with bounded
// concurrency, flush the polls' shared bookkeeping writes, and stop cleanly. Claiming through the
// store lets several workers share the work.
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import {
  bookkeepingGatherMs,
  claimDuePolls,
  createBookkeepingBatch,
  type ClaimedPoll,
} from '../store/index.js';
import type { Database } from '../store/schema.js';
import { pollVendor, type PollDeps, type PollOutcome } from './cycle.js';

interface SchedulerOptions {
  db: Kysely<Database>;
  pollDeps: PollDeps;
  /** Worker name written into leases. */
  owner: string;
  /** Polls in flight at once. */
  concurrency: number;
  /** How long a claimed vendor stays ours if this process dies mid-poll. */
  leaseSeconds: number;
  /**
   * How often the workers together look for due vendors when idle: N live workers take turns,
   * each looking every N ticks in the ticks of the wall clock its rank gives it, so the database
   * answers one claim per tick however many workers there are and each takes an even share.
   */
  tickMs?: number;
  /**
   * This worker's standing (src/app/worker-lease.ts): nothing is claimed while it is not valid,
   * and its signal aborts the polls in flight when the leases may have run out.
   */
  lease?: SchedulerLease;
  onClaim?(ms: number, claimed: number): void;
  onOutcome?(outcome: PollOutcome): void;
  onError?(error: unknown): void;
  /** A periodic task of the polling process (the hygiene flag sweep): one run at a time. */
  sweep?: { everyMs: number; run(): Promise<unknown> };
}

export interface SchedulerLease {
  valid(): boolean;
  signal(): AbortSignal;
  /** Live workers sharing the vendors: a claim takes at most its share of the free slots. */
  liveWorkers(): number;
  /** This worker's place among them (0 … liveWorkers − 1): its turn in the ticks. */
  liveRank(): number;
}

/** The smallest claim: below this, claims cost more round trips than the spreading is worth. */
const minClaim = 8;

/**
 * With a backlog, a claim waits until this many slots are free (or a tick passed): a claim costs
 * the database about the same for 5 vendors as for 50, so claims sized by slots rather than by
 * time keep its cost per poll flat as workers are added, each finishing polls more slowly.
 */
export function backlogClaimSlots(concurrency: number): number {
  return Math.min(concurrency, Math.max(minClaim, Math.floor(concurrency / 3)));
}

export interface Scheduler {
  /** Resolves once in-flight polls finished (or the deadline passed). */
  stop(deadlineMs?: number): Promise<void>;
  inFlight(): number;
  /** Claims at `atMs` (or at once) instead of at the next tick: a push made a vendor due. */
  pollSoon(atMs: number): void;
}

/**
 * Milliseconds from `nowMs` to the start of this worker's next tick: tick k of the wall clock
 * belongs to the worker of rank k mod N (workers' clocks agree within NTP's error, which only
 * makes turns overlap a little).
 */
export function untilOwnTurn(nowMs: number, tickMs: number, lease?: SchedulerLease): number {
  const live = Math.max(1, lease?.liveWorkers() ?? 1);
  const rank = (lease?.liveRank() ?? 0) % live;
  let tick = Math.floor(nowMs / tickMs) + 1;
  tick += (((rank - tick) % live) + live) % live;
  return tick * tickMs - nowMs;
}

export function startScheduler(options: SchedulerOptions): Scheduler {
  const tickMs = options.tickMs ?? 200;
  const gatherSlots = backlogClaimSlots(options.concurrency);
  /** Lets several finishing polls share one claim (a write transaction) under load. */
  const batchDelayMs = 5;
  const running = new Set<Promise<void>>();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let timerDueAt = Number.POSITIVE_INFINITY;
  let claiming = false;
  /** The last claim filled every free slot, so more vendors are probably due right now. */
  let backlog = false;
  let flushTimer: NodeJS.Timeout | null = null;
  // Polls that change nothing share a transaction: each batch is written bookkeepingGatherMs after
  // its first write (or at once when full), so it waits at most that long.
  const bookkeeping = createBookkeepingBatch(options.pollDeps.db, () => {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = setTimeout(() => {
      flushTimer = null;
      bookkeeping.flush();
    }, bookkeepingGatherMs);
  });
  const pollDeps = { ...options.pollDeps, bookkeeping };

  /** Claims at most once per delay: an earlier pending claim is kept, a later one moved up. */
  const schedule = (delayMs: number) => {
    if (stopped) return;
    const dueAt = Date.now() + delayMs;
    if (timer && timerDueAt <= dueAt) return;
    if (timer) clearTimeout(timer);
    timerDueAt = dueAt;
    timer = setTimeout(() => {
      timer = null;
      timerDueAt = Number.POSITIVE_INFINITY;
      void claimAndPoll();
    }, delayMs);
  };

  const run = ({ vendor, state }: ClaimedPoll) => {
    const deps = options.lease ? { ...pollDeps, signal: options.lease.signal() } : pollDeps;
    const task = pollVendor(deps, vendor, state)
      .then((outcome) => options.onOutcome?.(outcome))
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running.delete(task);
        // With a backlog, freed slots are refilled together once enough are free, within a tick.
        if (backlog && !claiming) {
          schedule(options.concurrency - running.size >= gatherSlots ? batchDelayMs : tickMs);
        }
      });
    running.add(task);
  };

  async function claimAndPoll(): Promise<void> {
    if (stopped || claiming) return;
    claiming = true;
    try {
      const free = options.concurrency - running.size;
      const lease = options.lease;
      if (free > 0 && (!lease || lease.valid())) {
        // With others live, one claim takes a share, so due vendors spread over the workers
        // instead of going to whichever claims first. With a backlog every worker is busy and
        // more is due than the last claim took: the free slots are filled.
        const share =
          lease && !backlog
            ? Math.max(minClaim, Math.ceil(options.concurrency / lease.liveWorkers()))
            : free;
        const limit = Math.min(free, share);
        const started = performance.now();
        const claimed = await claimDuePolls(options.db, {
          owner: options.owner,
          now: options.pollDeps.now().toISOString(),
          leaseSeconds: options.leaseSeconds,
          limit,
        });
        options.onClaim?.(performance.now() - started, claimed.length);
        backlog = claimed.length === limit;
        for (const poll of claimed) if (!stopped) run(poll);
      }
    } catch (error) {
      options.onError?.(error);
    } finally {
      claiming = false;
      if (backlog) {
        schedule(options.concurrency - running.size >= gatherSlots ? batchDelayMs : tickMs);
      } else {
        schedule(untilOwnTurn(Date.now(), tickMs, options.lease));
      }
    }
  }

  let sweepTimer: NodeJS.Timeout | null = null;
  let sweeping: Promise<void> | null = null;
  const scheduleSweep = () => {
    const { sweep } = options;
    if (!sweep || stopped) return;
    sweepTimer = setTimeout(() => {
      sweepTimer = null;
      sweeping = sweep
        .run()
        .then(
          () => undefined,
          (error: unknown) => options.onError?.(error),
        )
        .finally(() => {
          sweeping = null;
          scheduleSweep();
        });
    }, sweep.everyMs);
  };

  schedule(0);
  scheduleSweep();
  return {
    inFlight: () => running.size,
    pollSoon(atMs) {
      // A few ms late, so a timer that fires on the millisecond finds the vendor due.
      schedule(Math.max(0, atMs - Date.now() + 5));
    },
    async stop(deadlineMs = 10_000) {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (sweepTimer) clearTimeout(sweepTimer);
      let deadline: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...running, ...(sweeping ? [sweeping] : [])]),
        new Promise<void>((resolve) => {
          deadline = setTimeout(resolve, deadlineMs);
        }),
      ]);
      clearTimeout(deadline);
      // Polls past the deadline still get their bookkeeping written.
      if (flushTimer) clearTimeout(flushTimer);
      flushTimer = null;
      bookkeeping.flush();
    },
  };
}
