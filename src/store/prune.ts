// What `vendorwatch prune` and the retention sweep may delete: the delivery log (finished outbox
// rows) and the last raw payload of vendors no longer watched. Never incidents, their updates,
// revisions or events: those are the history every page, feed and SLA figure is computed from.
import type { Kysely } from 'kysely';
import { storedInstant } from './codec.js';
import type { Database } from './schema.js';

export interface PruneCounts {
  /** Sent, failed and skipped deliveries created before the cut-off. */
  deliveries: number;
  /** Raw payloads of disabled (removed) vendors last stored before the cut-off. */
  payloads: number;
}

/** Rows deleted per statement: keeps each write transaction short beside a running poller. */
const batchSize = 5_000;

const finishedStatuses = ['sent', 'failed', 'skipped'] as const;

function finishedDeliveriesBefore(db: Kysely<Database>, before: string) {
  return db
    .selectFrom('outbox')
    .where('status', 'in', [...finishedStatuses])
    .where('created_at', '<', storedInstant(before));
}

function stalePayloadsBefore(db: Kysely<Database>, before: string) {
  return db
    .selectFrom('vendor_payloads')
    .where('updated_at', '<', storedInstant(before))
    .where('slug', 'in', (eb) => eb.selectFrom('vendors').select('slug').where('enabled', '=', 0));
}

/** What prune would delete, without deleting it. */
export async function countPrunable(db: Kysely<Database>, before: string): Promise<PruneCounts> {
  const deliveries = await finishedDeliveriesBefore(db, before)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  const payloads = await stalePayloadsBefore(db, before)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return { deliveries: Number(deliveries?.n ?? 0), payloads: Number(payloads?.n ?? 0) };
}

/** Deletes what countPrunable counts, in batches; safe to run while vendorwatch runs. */
export async function pruneBefore(db: Kysely<Database>, before: string): Promise<PruneCounts> {
  let deliveries = 0;
  for (;;) {
    const result = await db
      .deleteFrom('outbox')
      // Oldest first along the primary key: old rows come first, so a batch stops early.
      .where('seq', 'in', () =>
        finishedDeliveriesBefore(db, before).select('seq').orderBy('seq').limit(batchSize),
      )
      .executeTakeFirst();
    const deleted = Number(result.numDeletedRows);
    deliveries += deleted;
    if (deleted < batchSize) break;
  }
  const payloads = await db
    .deleteFrom('vendor_payloads')
    .where('slug', 'in', () => stalePayloadsBefore(db, before).select('slug'))
    .executeTakeFirst();
  return { deliveries, payloads: Number(payloads.numDeletedRows) };
}
