// The poller's hourly retention sweep: finished deliveries older than `retention.deliveries` go,
// as `vendorwatch prune` would delete them. Several PostgreSQL workers may sweep at once; the
// deletes are idempotent, so they need no lease.
import type { Kysely } from 'kysely';
import type { Logger } from '../logger.js';
import { pruneBefore, type Database } from '../store/index.js';

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
  keepSeconds: number;
  now: () => Date;
  logger: Logger;
}): RetentionSweep {
  let running: Promise<unknown> | null = null;
  let stopped = false;

  async function sweepOnce() {
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
