// The event log as the API and the live stream read it: oldest first, in recording order (seq).
import type { Kysely } from 'kysely';
import type { VendorEvent } from '../domain/model.js';
import { addSeconds } from '../domain/time.js';
import { storableText } from './codec.js';
import { clampLimit, decodeCursor, encodeCursor, queryInstant } from './cursor.js';
import { eventFromRow } from './event-rows.js';
import type { Database } from './schema.js';

/** How far an event's `at` may lag behind events recorded before it (a slow cycle's length). */
const sinceSkewSeconds = 600;

export interface EventQuery {
  /** Events recorded at or after this instant. */
  since?: string;
  vendor?: string;
  limit?: number;
  cursor?: string | null;
}

interface EventPage {
  events: VendorEvent[];
  nextCursor: string | null;
}

export async function listEvents(db: Kysely<Database>, query: EventQuery): Promise<EventPage> {
  const limit = clampLimit(query.limit);
  const rows = await eventListQuery(db, query, limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    events: page.map(eventFromRow),
    nextCursor: rows.length > limit && last ? encodeCursor([last.seq]) : null,
  };
}

/** The SQL of one page (exported so tests can EXPLAIN exactly what the API runs). */
export function eventListQuery(db: Kysely<Database>, query: EventQuery, rowLimit: number) {
  let select = db.selectFrom('events').selectAll();
  if (query.vendor !== undefined)
    select = select.where('vendor_slug', '=', storableText(query.vendor));
  if (query.since !== undefined) {
    const since = queryInstant('since', query.since);
    // `at` is the recording cycle's clock, so it rises with seq give or take a cycle's length:
    // start the seq walk at the first event of a window before `since` instead of at seq 1.
    const windowStart = addSeconds(since, -sinceSkewSeconds);
    select = select
      .where('at', '>=', since)
      .where('seq', '>=', (eb) =>
        eb
          .selectFrom('events as first')
          .select('first.seq')
          .where('first.at', '>=', windowStart)
          .orderBy('first.at')
          .orderBy('first.seq')
          .limit(1),
      );
  }
  if (query.cursor) {
    const [seq] = decodeCursor(query.cursor, ['number']);
    select = select.where('seq', '>', seq);
  }
  return select.orderBy('seq').limit(rowLimit);
}

/** Events recorded after `afterSeq`, oldest first, with their seq: what a live stream sends next. */
export async function eventsAfter(
  db: Kysely<Database>,
  afterSeq: number,
  limit: number,
): Promise<Array<{ seq: number; event: VendorEvent }>> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(clampLimit(limit))
    .execute();
  return rows.map((row) => ({ seq: row.seq, event: eventFromRow(row) }));
}

/** The seq of the event with this id (an SSE Last-Event-ID), or null when there is none. */
export async function findEventSeq(db: Kysely<Database>, eventId: string): Promise<number | null> {
  const row = await db
    .selectFrom('events')
    .select('seq')
    .where('id', '=', storableText(eventId))
    .executeTakeFirst();
  return row?.seq ?? null;
}
