// The notification outbox: rows written with their events by commitCycle, claimed by a
// dispatcher under a lease, then marked sent, retried later, or failed for good.
import type { Kysely } from 'kysely';
import type { Delivery } from '../domain/delivery.js';
import { addSeconds } from '../domain/time.js';
import { chunk, maxInListSize, storableText, storableTextOrNull, storedInstant } from './codec.js';
import { dialectOf } from './db.js';
import { eventFromRow } from './event-rows.js';
import type { Database } from './schema.js';

/** skipped: folded into a later message about the same incident, or nothing to send. */
export const outboxStatuses = ['pending', 'sent', 'failed', 'skipped'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

interface ClaimDeliveriesOptions {
  now: string;
  /** How long the claim holds if the dispatcher dies mid-delivery. */
  leaseSeconds: number;
  limit: number;
  /**
   * Only this target's deliveries, in recording order (FIFO per target), leased or not: the
   * caller must hold the target's lease (claimNotifyTargets).
   */
  target?: string;
}

/**
 * Pending deliveries that are due and not leased, oldest due first (or in recording order for one
 * target); leased to the caller.
 */
export async function claimDeliveries(
  db: Kysely<Database>,
  { now, leaseSeconds, limit, target }: ClaimDeliveriesOptions,
): Promise<Delivery[]> {
  const at = storedInstant(now);
  const postgres = dialectOf(db) === 'postgres';
  return db.transaction().execute(async (trx) => {
    let due = trx
      .selectFrom('outbox')
      .innerJoin('events', 'events.id', 'outbox.event_id')
      .select([
        'outbox.seq as delivery_seq',
        'outbox.delivery_key',
        'outbox.target',
        'outbox.attempts',
        'outbox.kind',
        'outbox.group_key',
        'outbox.progress',
        'outbox.created_at',
        'events.id',
        'events.type',
        'events.vendor_slug',
        'events.incident_id',
        'events.update_id',
        'events.component',
        'events.changes',
        'events.at',
      ])
      .where('outbox.status', '=', 'pending')
      .where('outbox.next_attempt_at', '<=', at);
    // Per target, the target's own lease is what excludes others: a new holder takes over
    // rows the last one claimed but never finished (it died), without waiting for them.
    due =
      target === undefined
        ? due
            .where((eb) =>
              eb.or([eb('outbox.lease_until', 'is', null), eb('outbox.lease_until', '<=', at)]),
            )
            .orderBy('outbox.next_attempt_at')
        : due.where('outbox.target', '=', target);
    due = due.orderBy('outbox.seq').limit(Math.max(0, Math.floor(limit)));
    if (postgres) due = due.forUpdate('outbox').skipLocked();
    const rows = await due.execute();
    const leaseUntil = addSeconds(at, leaseSeconds);
    for (const seqs of chunk(
      rows.map((row) => row.delivery_seq),
      maxInListSize,
    )) {
      await trx
        .updateTable('outbox')
        .set({ lease_until: leaseUntil })
        .where('seq', 'in', seqs)
        .execute();
    }
    return rows.map((row) => ({
      seq: row.delivery_seq,
      deliveryKey: row.delivery_key,
      target: row.target,
      attempts: row.attempts,
      kind: row.kind,
      groupKey: row.group_key,
      progress: row.progress,
      createdAt: row.created_at,
      event: eventFromRow(row),
    }));
  });
}

/** Marks a pending delivery sent; a row that is no longer pending is left as it is. */
export async function markDelivered(db: Kysely<Database>, seq: number, now: string): Promise<void> {
  await finish(db, seq, {
    status: 'sent',
    sent_at: storedInstant(now),
    last_error: null,
    progress: null,
  });
}

/** A failed attempt that will be retried at `nextAttemptAt`, resuming from `progress`. */
export async function markDeliveryRetry(
  db: Kysely<Database>,
  seq: number,
  {
    error,
    nextAttemptAt,
    progress,
  }: { error: string; nextAttemptAt: string; progress?: string | null },
): Promise<void> {
  await finish(db, seq, {
    status: 'pending',
    last_error: storableText(error),
    next_attempt_at: storedInstant(nextAttemptAt),
    ...(progress === undefined ? {} : { progress: storableTextOrNull(progress) }),
  });
}

/** Given up for good (retries exhausted, target gone). */
export async function markDeliveryFailed(
  db: Kysely<Database>,
  seq: number,
  error: string,
): Promise<void> {
  await finish(db, seq, { status: 'failed', last_error: storableText(error) });
}

async function finish(
  db: Kysely<Database>,
  seq: number,
  changes: {
    status: OutboxStatus;
    last_error: string | null;
    sent_at?: string;
    next_attempt_at?: string;
    progress?: string | null;
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('outbox')
      .set(changes)
      .set((eb) => ({ attempts: eb('attempts', '+', 1), lease_until: null }))
      .where('seq', '=', seq)
      .where('status', '=', 'pending')
      .execute();
  });
}

/** Outbox rows per status, for metrics. */
export async function countDeliveries(db: Kysely<Database>): Promise<Record<OutboxStatus, number>> {
  const rows = await db
    .selectFrom('outbox')
    .select('status')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .groupBy('status')
    .execute();
  const counts: Record<OutboxStatus, number> = { pending: 0, sent: 0, failed: 0, skipped: 0 };
  for (const row of rows) {
    if ((outboxStatuses as readonly string[]).includes(row.status)) {
      counts[row.status as OutboxStatus] = Number(row.count);
    }
  }
  return counts;
}
