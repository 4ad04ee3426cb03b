// Pruning on SQLite files and PostgreSQL: finished deliveries and removed vendors' raw payloads
// from before the cut-off go; pending deliveries, newer rows and all history stay.
import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/test-support/databases.js';
import { markDelivered, markDeliveryFailed } from './outbox.js';
import { countPrunable, pruneBefore } from './prune.js';
import { databaseOpeners } from './test-support/database-openers.js';
import {
  addVendors,
  at,
  countRows,
  incident,
  poll,
  snapshot,
  update,
} from './test-support/harness.js';
import type { Store } from './db.js';

const openerFor = databaseOpeners('prune');

async function outboxRows(store: Store) {
  return store.db
    .selectFrom('outbox')
    .select(['seq', 'status', 'created_at'])
    .orderBy('seq')
    .execute();
}

async function seed(store: Store): Promise<void> {
  await addVendors(store, ['acme', 'gone']);
  const opened = incident('i1', { updates: [update('u1', 'investigating', at(0))] });
  // The first poll is the baseline (what is already there is backfilled, not announced).
  await poll(store, 'acme', snapshot([]), at(-10));
  await poll(store, 'acme', snapshot([opened]), at(0), () => ['hook', 'chat', 'down']);
  const resolved = incident('i1', {
    updates: [update('u1', 'investigating', at(0)), update('u2', 'resolved', at(60))],
    resolvedAt: at(60),
  });
  await poll(store, 'acme', snapshot([resolved]), at(60), () => ['hook']);
  // Old rows: the first is sent, the second failed, the third still pending (a target that is down).
  const rows = await outboxRows(store);
  const old = rows.filter((row) => row.created_at === at(0));
  expect(old.length).toBeGreaterThanOrEqual(3);
  await markDelivered(store.db, old[0]!.seq, at(1));
  await markDeliveryFailed(store.db, old[1]!.seq, 'HTTP 500');
  for (const row of rows.filter((r) => r.created_at === at(60))) {
    await markDelivered(store.db, row.seq, at(61));
  }
  const payload = (slug: string, updatedAt: string) =>
    store.db
      .insertInto('vendor_payloads')
      .values({ slug, raw_payload: '{"bodies":{}}', updated_at: updatedAt })
      .onConflict((oc) => oc.column('slug').doUpdateSet({ updated_at: updatedAt }))
      .execute();
  await payload('acme', at(0));
  await payload('gone', at(0));
  await store.db.updateTable('vendors').set({ enabled: 0 }).where('slug', '=', 'gone').execute();
}

describe.each(databaseKinds)('prune on %s', (kind) => {
  const opener = openerFor(kind);

  it('deletes finished deliveries and removed vendors’ payloads before the cut-off, nothing else', async () => {
    const { store } = await opener.fresh();
    await seed(store);
    const before = await outboxRows(store);
    const events = await countRows(store, 'events');
    const incidents = await countRows(store, 'incidents');
    const revisions = await countRows(store, 'revisions');
    const oldFinished = before.filter(
      (row) => row.created_at === at(0) && row.status !== 'pending',
    );
    expect(oldFinished.map((row) => row.status).sort()).toEqual(['failed', 'sent']);

    expect(await countPrunable(store.db, at(30))).toEqual({ deliveries: 2, payloads: 1 });
    expect(await pruneBefore(store.db, at(30))).toEqual({ deliveries: 2, payloads: 1 });

    const after = await outboxRows(store);
    expect(after.map((row) => row.seq)).toEqual(
      before.filter((row) => !oldFinished.includes(row)).map((row) => row.seq),
    );
    expect(
      after.filter((row) => row.created_at === at(0)).every((r) => r.status === 'pending'),
    ).toBe(true);
    expect(await countRows(store, 'events')).toBe(events);
    expect(await countRows(store, 'incidents')).toBe(incidents);
    expect(await countRows(store, 'revisions')).toBe(revisions);
    const payloads = await store.db.selectFrom('vendor_payloads').select('slug').execute();
    expect(payloads.map((row) => row.slug)).toEqual(['acme']);
    // A second run finds nothing left to delete.
    expect(await pruneBefore(store.db, at(30))).toEqual({ deliveries: 0, payloads: 0 });
  });

  it('deletes in batches until every old finished delivery is gone', async () => {
    const { store } = await opener.fresh();
    await addVendors(store, ['acme']);
    await poll(store, 'acme', snapshot([]), at(-10));
    const opened = incident('i1', { updates: [update('u1', 'investigating', at(0))] });
    await poll(store, 'acme', snapshot([opened]), at(0), () => ['hook']);
    const [template] = await store.db.selectFrom('outbox').selectAll().execute();
    // 12,000 finished rows: more than two batches of 5,000.
    const rows = Array.from({ length: 12_000 }, (_, i) => ({
      delivery_key: `bulk-${i}`,
      target: 'hook',
      event_id: template!.event_id,
      status: 'sent' as const,
      attempts: 1,
      next_attempt_at: at(0),
      created_at: at(0),
      sent_at: at(1),
      kind: 'event',
    }));
    for (let i = 0; i < rows.length; i += 1_000) {
      await store.db
        .insertInto('outbox')
        .values(rows.slice(i, i + 1_000))
        .execute();
    }
    const result = await pruneBefore(store.db, at(10));
    expect(result.deliveries).toBe(12_000);
    expect(await countRows(store, 'outbox')).toBe(1);
  });
});
