// The poller's retention sweep on a SQLite file: deliveries older than the retention go, newer
// ones and every incident and event stay.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { markDelivered } from '../store/outbox.js';
import { migrateToLatest, openStore } from '../store/index.js';
import { addVendors, at, incident, poll, snapshot, update } from '../store/test-support/harness.js';
import { startRetentionSweep } from './retention.js';

describe('retention sweep', () => {
  it('deletes sent deliveries older than the retention and keeps the rest', async () => {
    const store = await openStore(join(mkdtempSync(join(tmpdir(), 'vw-retention-')), 'vw.db'));
    await migrateToLatest(store);
    await addVendors(store, ['acme']);
    await poll(store, 'acme', snapshot([]), at(-10));
    const first = incident('i1', { updates: [update('u1', 'investigating', at(0))] });
    await poll(store, 'acme', snapshot([first]), at(0), () => ['hook']);
    const second = incident('i2', { updates: [update('u2', 'investigating', at(600))] });
    await poll(store, 'acme', snapshot([first, second]), at(600), () => ['hook']);
    for (const row of await store.db.selectFrom('outbox').select('seq').execute()) {
      await markDelivered(store.db, row.seq, at(601));
    }
    // Now is 24 h after the first incident; keep 20 h: the first delivery goes, the second stays.
    const now = () => new Date(Date.parse(at(0)) + 24 * 3600_000);
    const sweep = startRetentionSweep({
      db: store.db,
      keepSeconds: 20 * 3600,
      now,
      logger: createLogger('silent'),
    });
    expect(await sweep.sweepOnce()).toEqual({ deliveries: 1, payloads: 0 });
    const left = await store.db.selectFrom('outbox').select('created_at').execute();
    expect(left.map((row) => row.created_at)).toEqual([at(600)]);
    const incidents = await store.db.selectFrom('incidents').select('id').execute();
    expect(incidents).toHaveLength(2);
    await sweep.stop();
    await store.close();
  });
});
