// The poller's hourly retention sweep: finished deliveries older than `retention.deliveries` go,
// as `vendorwatch prune` would delete them; probe results older than 7 days and probe roll-ups
// older than a year go always (docs/contract.md#probes). Several PostgreSQL workers may sweep at once; the
// deletes are idempotent, so they need no lease.
import type { Kysely } from 'kysely';
import type { Logger } from '../logger.js';
import { pruneBefore, pruneProbeData, type Database } from '../store/index.js';

export interface RetentionSweep {
  /** One sweep now (tests); resolves with what it deleted. */
  sweepOnce(): Promise<{ deliveries: number; payloads: number }>;
  stop(): Promise<void>;
}

const sweepEveryMs = 3_600_000;
/** The first sweep waits until start-up work (the first round of polls) is out of the way. */
const firstSweepAfterMs = 60_000;

export function startRetentionSweep(deps: {
  db: Kysely<Database>;
  /** How long finished deliveries are kept; null keeps them (probe data is pruned regardless). */
  keepSeconds: number | null;
  now: () => Date;
  logger: Logger;
}): RetentionSweep {
  let running: Promise<unknown> | null = null;
  let stopped = false;

  async function sweepOnce() {
    const probes = await pruneProbeData(deps.db, deps.now().toISOString());
    if (probes.results > 0 || probes.hours > 0) {
      deps.logger.info(probes, 'retention sweep deleted old probe results');
    }
    if (deps.keepSeconds === null) return { deliveries: 0, payloads: 0 };
    const before = new Date(deps.now().getTime() - deps.keepSeconds * 1000).toISOString();
    const counts = await pruneBefore(deps.db, before);
    if (counts.deliveries > 0 || counts.payloads > 0) {
      deps.logger.info({ before, ...counts }, 'retention sweep deleted old deliveries');
    }
    return counts;
  }

  function tick(): void {
    if (stopped || running) return;
    running = sweepOnce()
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'retention sweep failed'))
      .finally(() => {
        running = null;
      });
  }

  const first = setTimeout(tick, firstSweepAfterMs);
  const timer = setInterval(tick, sweepEveryMs);
  first.unref();
  timer.unref();
  return {
    sweepOnce,
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
