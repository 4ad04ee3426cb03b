// Every poll rewrites its vendor's bookkeeping row, every notification turn its target's row and
// every heartbeat its worker's row.
// On PostgreSQL each rewrite leaves a dead row version until VACUUM: with autovacuum off or behind
// (it was off on the machine the benchmarks ran on), vendor_state grew by about 200 bytes per poll
// without end. Vacuuming these few small, hot tables every minute keeps them bounded whatever the
// server's settings; SKIP_LOCKED lets several workers do it without waiting on each other.
// It also ANALYZEs them and `vendors`, the tables the claim joins: without statistics (autovacuum
// off, or not yet run on a young database) PostgreSQL plans the claim as a scan of every vendor
// with a probe of vendor_state per row, about 11 ms at 10,000 vendors against 1.6 ms with them.
import { sql, type Kysely } from 'kysely';
import type { Logger } from '../logger.js';
import type { Database } from '../store/index.js';

export const hotTables = ['vendor_state', 'notify_targets', 'workers'] as const;
/** Vacuumed and analyzed with the hot tables: rarely rewritten, but read by every claim. */
const claimTables = [...hotTables, 'vendors'] as const;

const vacuumEveryMs = 60_000;
/** The first run comes soon after start: the config's vendors were just written, unanalyzed. */
const firstVacuumAfterMs = 10_000;

export interface HotTableVacuum {
  vacuumOnce(): Promise<void>;
  stop(): Promise<void>;
}

export function startHotTableVacuum(deps: {
  db: Kysely<Database>;
  logger: Logger;
}): HotTableVacuum {
  let running: Promise<unknown> | null = null;
  let stopped = false;

  async function vacuumOnce(): Promise<void> {
    // VACUUM cannot run in a transaction block; each statement takes a pool connection of its own.
    await sql`vacuum (skip_locked, analyze) ${sql.join(
      claimTables.map((table) => sql.table(table)),
    )}`.execute(deps.db);
  }

  const runOnce = () => {
    if (stopped || running) return;
    running = vacuumOnce()
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'vacuum of hot tables failed'))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(runOnce, firstVacuumAfterMs);
  first.unref();
  const timer = setInterval(runOnce, vacuumEveryMs);
  timer.unref();
  return {
    vacuumOnce,
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
