// On PostgreSQL, rewriting every vendor's bookkeeping row (what each poll does) grows vendor_state
// without end unless something vacuums it; the hot-table vacuum keeps its size flat.
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAdminUrl } from '../../test/test-support/databases.js';
import { createLogger } from '../logger.js';
import { migrateToLatest, openStore, type Store } from '../store/index.js';
import { addVendors } from '../store/test-support/harness.js';
import { startHotTableVacuum } from './postgres-vacuum.js';

const drops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

async function freshStore(): Promise<Store> {
  const database = await createTestDatabase('postgres');
  drops.push(() => database.drop());
  const store = await openStore(database.url);
  await migrateToLatest(store);
  await addVendors(
    store,
    Array.from({ length: 300 }, (_, i) => `vendor${i}`),
  );
  return store;
}

/** One "round of polls": every vendor's bookkeeping row rewritten, as the poller does. */
async function rewriteEveryRow(store: Store, round: number): Promise<void> {
  await store.db
    .updateTable('vendor_state')
    .set({ next_poll_at: new Date(Date.UTC(2026, 0, 1, 0, 0, round)).toISOString() })
    .execute();
}

async function tableBytes(store: Store): Promise<number> {
  const { rows } = await sql<{
    bytes: string;
  }>`select pg_total_relation_size('vendor_state')::bigint as bytes`.execute(store.db);
  return Number(rows[0]!.bytes);
}

describe.skipIf(!postgresAdminUrl)('hot-table vacuum on PostgreSQL', () => {
  it('keeps vendor_state flat across rounds of rewrites, which grow it without the vacuum', async () => {
    const store = await freshStore();
    const vacuum = startHotTableVacuum({ db: store.db, logger: createLogger('silent') });
    try {
      for (let round = 0; round < 3; round += 1) {
        await rewriteEveryRow(store, round);
        await vacuum.vacuumOnce();
      }
      const settled = await tableBytes(store);
      for (let round = 3; round < 40; round += 1) {
        await rewriteEveryRow(store, round);
        await vacuum.vacuumOnce();
      }
      expect(await tableBytes(store)).toBeLessThanOrEqual(settled * 1.5);
    } finally {
      await vacuum.stop();
      await store.close();
    }

    // The control: the same rounds with no vacuum between them.
    const unvacuumed = await freshStore();
    try {
      await rewriteEveryRow(unvacuumed, 0);
      const start = await tableBytes(unvacuumed);
      for (let round = 1; round < 40; round += 1) await rewriteEveryRow(unvacuumed, round);
      expect(await tableBytes(unvacuumed)).toBeGreaterThan(start * 3);
    } finally {
      await unvacuumed.close();
    }
  });

  it('gives the tables the claim reads their statistics, even with autovacuum off', async () => {
    const store = await freshStore();
    const vacuum = startHotTableVacuum({ db: store.db, logger: createLogger('silent') });
    try {
      await vacuum.vacuumOnce();
      const { rows } = await sql<{ relname: string; analyzed: boolean }>`
        select relname, (last_analyze is not null or last_autoanalyze is not null) as analyzed
        from pg_stat_user_tables where relname in ('vendors', 'vendor_state')
        order by relname`.execute(store.db);
      expect(rows).toEqual([
        { relname: 'vendor_state', analyzed: true },
        { relname: 'vendors', analyzed: true },
      ]);
      // The claim's plan then reads the due range by index instead of every vendor.
      const { rows: stats } = await sql<{ reltuples: number }>`
        select reltuples from pg_class where relname = 'vendors'`.execute(store.db);
      expect(Number(stats[0]!.reltuples)).toBe(300);
    } finally {
      await vacuum.stop();
      await store.close();
    }
  });
});
