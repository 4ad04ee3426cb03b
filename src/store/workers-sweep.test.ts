// On PostgreSQL the sweep runs on the heartbeat's own connection: if it waited for a row lock, a
// long transaction elsewhere (a commit queued on the event-log lock) would stop the heartbeats and
// fence every worker. It skips locked rows instead, and still marks the dead worker gone.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAdminUrl } from '../../test/test-support/databases.js';
import { claimDuePolls, syncVendors } from './vendors.js';
import { registerWorker, sweepGoneWorkers } from './workers.js';
import { at, vendor } from './test-support/harness.js';
import { migrateToLatest, openStore } from './index.js';

const drops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

describe.skipIf(!postgresAdminUrl)('the sweep of gone workers on PostgreSQL', () => {
  it('does not wait for rows another transaction holds, and marks the worker gone', async () => {
    const database = await createTestDatabase('postgres');
    drops.push(() => database.drop());
    const store = await openStore(database.url);
    const holder = new pg.Client({ connectionString: database.url });
    try {
      await migrateToLatest(store);
      await syncVendors(store.db, [vendor('a'), vendor('b')], 'config', at(0));
      for (const [id, instance] of [
        ['dead', 'x'],
        ['also-dead', 'y'],
      ]) {
        await registerWorker(store.db, {
          requestedId: id!,
          instance: instance!,
          host: 'h',
          pid: 100,
          now: at(0),
          leaseSeconds: 6,
          processAlive: () => true,
        });
      }
      await claimDuePolls(store.db, { owner: 'dead', now: at(0), leaseSeconds: 6, limit: 2 });
      // Another session holds vendor 'a' and the row of worker 'also-dead', and does not end.
      await holder.connect();
      await holder.query('begin');
      await holder.query(`select 1 from vendor_state where slug = 'a' for update`);
      await holder.query(`select 1 from workers where id = 'also-dead' for update`);

      const started = Date.now();
      const gone = await Promise.race([
        sweepGoneWorkers(store.db, { now: at(1), leaseSeconds: 6 }),
        new Promise<string[]>((_, reject) =>
          setTimeout(() => reject(new Error('the sweep waited for a lock')), 3000),
        ),
      ]);
      expect(Date.now() - started).toBeLessThan(3000);
      // 'also-dead' is locked now: the next sweep finds it.
      expect(gone).toEqual(['dead']);
      const leases = await store.db
        .selectFrom('vendor_state')
        .select(['slug', 'lease_owner'])
        .orderBy('slug')
        .execute();
      // 'b' is handed back; 'a', locked, keeps its ended lease (a claim takes an ended lease).
      expect(leases).toEqual([
        { slug: 'a', lease_owner: 'dead' },
        { slug: 'b', lease_owner: null },
      ]);
      await holder.query('rollback');
      expect(await sweepGoneWorkers(store.db, { now: at(1), leaseSeconds: 6 })).toEqual([
        'also-dead',
      ]);
    } finally {
      await holder.end().catch(() => undefined);
      await store.close();
    }
  });
});
