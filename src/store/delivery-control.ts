// What the dispatcher does to outbox rows besides sending them: fold one into a later message,
// hold it for noise control, hand back a claim, and what it asks about an incident's messages.
import type { Kysely } from 'kysely';
import type { DeliveryContext, GroupPosition } from '../domain/delivery.js';
import type { VendorEvent } from '../domain/model.js';
import { chunk, maxInListSize, storableText, storedInstant } from './codec.js';
import { getIncident } from './incidents.js';
import type { Database } from './schema.js';

/** Nothing will be sent for this row (folded into a later message, or nothing to say). */
export async function markDeliverySkipped(
  db: Kysely<Database>,
  seq: number,
  reason: string,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'skipped', last_error: storableText(reason), lease_until: null })
    .where('seq', '=', seq)
    .where('status', '=', 'pending')
    .execute();
}

/** Holds a pending row until `until` without counting an attempt (noise control). */
export async function deferDelivery(
  db: Kysely<Database>,
  seq: number,
  until: string,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ next_attempt_at: storedInstant(until), lease_until: null })
    .where('seq', '=', seq)
    .where('status', '=', 'pending')
    .execute();
}

/** Gives claimed rows back untouched, e.g. when their target started failing. */
export async function releaseDeliveries(
  db: Kysely<Database>,
  seqs: readonly number[],
): Promise<void> {
  for (const batch of chunk(seqs, maxInListSize)) {
    await db.updateTable('outbox').set({ lease_until: null }).where('seq', 'in', batch).execute();
  }
}

/** Fails every pending row of a target (it was disabled); returns how many. */
export async function failPendingDeliveries(
  db: Kysely<Database>,
  target: string,
  reason: string,
): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'failed', last_error: storableText(reason), lease_until: null })
    .where('target', '=', target)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Whether a later event about the same incident was sent or waits to be sent to this target. */
export async function hasLaterMessage(
  db: Kysely<Database>,
  { target, groupKey, seq }: GroupPosition,
): Promise<boolean> {
  const row = await db
    .selectFrom('outbox')
    .select('seq')
    .where('group_key', '=', groupKey)
    .where('target', '=', target)
    .where('seq', '>', seq)
    .where('kind', '=', 'event')
    .where('status', 'in', ['pending', 'sent'])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** When this target was last sent a message about the incident; null when never. */
export async function lastSentInGroup(
  db: Kysely<Database>,
  { target, groupKey }: Omit<GroupPosition, 'seq'>,
): Promise<string | null> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.max('sent_at').as('sent_at'))
    .where('group_key', '=', groupKey)
    .where('target', '=', target)
    .where('status', '=', 'sent')
    .executeTakeFirst();
  return row?.sent_at ?? null;
}

/** What a message about this event says besides the event: its vendor and incident as now stored. */
export async function loadDeliveryContext(
  db: Kysely<Database>,
  event: Pick<VendorEvent, 'vendorSlug' | 'incidentId'>,
): Promise<DeliveryContext> {
  const vendor = await db
    .selectFrom('vendors')
    .select(['name', 'status_page_url'])
    .where('slug', '=', event.vendorSlug)
    .executeTakeFirst();
  const incident = event.incidentId === null ? null : await getIncident(db, event.incidentId);
  return {
    vendor: {
      slug: event.vendorSlug,
      name: vendor?.name ?? event.vendorSlug,
      statusPageUrl: vendor?.status_page_url ?? null,
    },
    incident,
  };
}
