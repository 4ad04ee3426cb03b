// Recent deliveries as the API and pages list them: newest first, per target and status.
import type { Kysely } from 'kysely';
import type { EventType } from '../domain/vocabulary.js';
import { storableText } from './codec.js';
import { clampLimit, decodeCursor, encodeCursor, InvalidQueryError } from './cursor.js';
import { outboxStatuses, type OutboxStatus } from './outbox.js';
import type { Database } from './schema.js';

interface DeliveryQuery {
  target?: string;
  status?: string;
  limit?: number;
  cursor?: string | null;
}

export interface DeliveryView {
  deliveryKey: string;
  target: string;
  kind: string;
  status: OutboxStatus;
  attempts: number;
  /** Why the last attempt failed (or why the row was skipped); stored with secrets redacted. */
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string;
  sentAt: string | null;
  event: {
    id: string;
    type: EventType;
    vendorSlug: string;
    /** The vendor's stored name; null once the vendor row is gone. */
    vendorName: string | null;
    incidentId: string | null;
    /** The incident's current title; null for vendor events. */
    incidentTitle: string | null;
    at: string;
  };
}

interface DeliveryPage {
  deliveries: DeliveryView[];
  nextCursor: string | null;
}

export async function listDeliveries(
  db: Kysely<Database>,
  query: DeliveryQuery,
): Promise<DeliveryPage> {
  const limit = clampLimit(query.limit);
  const rows = await deliveryListQuery(db, query, limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    deliveries: page.map((row) => ({
      deliveryKey: row.delivery_key,
      target: row.target,
      kind: row.kind,
      // Written only from OutboxStatus values.
      status: row.status as OutboxStatus,
      attempts: row.attempts,
      lastError: row.last_error,
      createdAt: row.created_at,
      nextAttemptAt: row.next_attempt_at,
      sentAt: row.sent_at,
      event: {
        id: row.event_id,
        type: row.type as EventType,
        vendorSlug: row.vendor_slug,
        vendorName: row.vendor_name,
        incidentId: row.incident_id,
        incidentTitle: row.incident_title,
        at: row.at,
      },
    })),
    nextCursor: rows.length > limit && last ? encodeCursor([last.seq]) : null,
  };
}

/** The SQL of one page (exported so tests can EXPLAIN exactly what the API runs). */
function deliveryListQuery(db: Kysely<Database>, query: DeliveryQuery, rowLimit: number) {
  let select = db
    .selectFrom('outbox')
    .innerJoin('events', 'events.id', 'outbox.event_id')
    // Primary-key lookups per listed row, so a page reads names, not ids.
    .leftJoin('incidents', 'incidents.id', 'events.incident_id')
    .leftJoin('vendors', 'vendors.slug', 'events.vendor_slug')
    .select([
      'outbox.seq',
      'outbox.delivery_key',
      'outbox.target',
      'outbox.kind',
      'outbox.status',
      'outbox.attempts',
      'outbox.last_error',
      'outbox.created_at',
      'outbox.next_attempt_at',
      'outbox.sent_at',
      'outbox.event_id',
      'events.type',
      'events.vendor_slug',
      'events.incident_id',
      'events.at',
      'incidents.title as incident_title',
      'vendors.name as vendor_name',
    ]);
  if (query.target !== undefined) {
    select = select.where('outbox.target', '=', storableText(query.target));
  }
  if (query.status !== undefined) {
    if (!(outboxStatuses as readonly string[]).includes(query.status)) {
      throw new InvalidQueryError('status', `status must be one of ${outboxStatuses.join(', ')}`);
    }
    select = select.where('outbox.status', '=', query.status);
  }
  if (query.cursor) {
    const [seq] = decodeCursor(query.cursor, ['number']);
    select = select.where('outbox.seq', '<', seq);
  }
  return select.orderBy('outbox.seq', 'desc').limit(rowLimit);
}
