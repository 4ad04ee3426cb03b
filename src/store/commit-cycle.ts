// One poll cycle, recorded in ONE transaction: the plan's data, its events, one outbox row per
// (target, event) as routing chose them beforehand, and the vendor's poll state. A crash leaves
// all of it or none of it. Rows only: nothing here decides who is told.
import { sql, type Kysely } from 'kysely';
import type { CyclePlan } from '../domain/diff.js';
import type { VendorEvent } from '../domain/model.js';
import type { RoutedEvent } from '../domain/routing.js';
import { defaultFlagSettings, type FlagSettings } from '../domain/hygiene-flags.js';
import { applyPlan } from './apply-plan.js';
import type { BookkeepingBatch, BookkeepingWrite } from './bookkeeping-batch.js';
import { refreshCycleFlags } from './cycle-flags.js';
import { chunk, flag, rowsPerInsert, storableText, storedInstant, toJson } from './codec.js';
import { dialectOf } from './db.js';
import { eventFromRow, eventToRow } from './event-rows.js';
import { deliveryKey, newEventId } from './ids.js';
import {
  correlateWritten,
  writtenIncidentIds,
  type CorrelationSettings,
} from './outage-correlation.js';
import type { RawPayload, ValidatorsByEndpoint } from './poll-state.js';
import { linkSuspicion } from './probes.js';
import type { Database } from './schema.js';
import { writeState, type ColumnWrite, type StateRow } from './state-write.js';

type CycleOutcome =
  | {
      kind: 'success';
      /** The data to write; the plan's events come routed in CycleRecord.events. */
      plan: Pick<CyclePlan, 'components' | 'incidents'>;
      /** Left as stored when undefined. */
      validators?: ValidatorsByEndpoint;
      rawPayload?: RawPayload | null;
      pageName?: string | null;
      /** What the adapter could not read on this poll; left as stored when undefined (a 304). */
      warnings?: readonly string[];
    }
  | {
      kind: 'failure';
      error: string;
      /** The streak's length including this poll (absolute, so a retried write cannot add twice). */
      consecutiveFailures: number;
      /** The server answered something (an HTTP error, a body we could not read). */
      reached: boolean;
    };

export interface CycleRecord {
  vendorSlug: string;
  now: string;
  nextPollAt: string;
  /** Replaces nextPollAt when a push arrived after `now` (this poll's start); none: nextPollAt. */
  nextPollAtAfterPush?: string;
  /** The poll was started by a push not yet answered: its start is recorded as push_polled_at. */
  answersPush?: boolean;
  /** The lease this cycle ran under; null when the caller does not use leases. */
  leaseOwner: string | null;
  outcome: CycleOutcome;
  unreachableReported: boolean;
  /** Every event of the cycle in recording order, each with the deliveries routed for it. */
  events: readonly RoutedEvent[];
  /** The vendor's hygiene flag thresholds; the defaults when not given. */
  flagSettings?: FlagSettings;
}

/** Serializes event inserts on PostgreSQL so event seq order is also commit order. */
export const eventLogLockKey = 0x76770001;

interface CommitOptions {
  /** Shares a bookkeeping-only cycle's write with others of the moment; else it runs alone. */
  bookkeeping?: BookkeepingBatch;
  /** Groups the incidents this cycle writes into outages that span vendors; off when missing. */
  correlation?: CorrelationSettings;
}

/**
 * Records the cycle and returns the events it recorded. Returns [] and writes nothing when the
 * cycle's lease was taken over by another worker, so two workers never record the same change.
 */
export async function commitCycle(
  db: Kysely<Database>,
  record: CycleRecord,
  options: CommitOptions = {},
): Promise<VendorEvent[]> {
  const now = storedInstant(record.now);
  if (isBookkeepingOnly(record)) {
    await recordBookkeeping(db, record, now, options.bookkeeping);
    return [];
  }
  const postgres = dialectOf(db) === 'postgres';
  return db.transaction().execute(async (trx) => {
    let stateQuery = trx
      .selectFrom('vendor_state')
      .select(['lease_owner', 'last_success_at'])
      .where('slug', '=', record.vendorSlug);
    if (postgres) stateQuery = stateQuery.forUpdate();
    const state = await stateQuery.executeTakeFirst();
    if (!state) throw new Error(`vendor ${record.vendorSlug} is not in the store`);
    if (record.leaseOwner !== null && state.lease_owner !== record.leaseOwner) return [];

    const { outcome } = record;
    if (outcome.kind === 'success') {
      await applyPlan(trx, record.vendorSlug, outcome.plan, now);
      await refreshCycleFlags(
        trx,
        outcome.plan,
        {
          settings: record.flagSettings ?? defaultFlagSettings,
          previousReadAt: state.last_success_at,
          intervalSeconds: await intervalOf(trx, record.vendorSlug),
        },
        now,
      );
    }
    // Written before the event-log lock, which every recording commit waits for: the lock is
    // held only for the events, their grouping and the commit.
    await writeState(trx, stateWrites(record, now), { slug: record.vendorSlug });
    if (outcome.kind === 'success' && outcome.rawPayload !== undefined) {
      await saveRawPayload(trx, record.vendorSlug, outcome.rawPayload, now);
    }
    const written =
      outcome.kind === 'success' && options.correlation ? writtenIncidentIds(outcome.plan) : [];
    const inserted = outcome.kind === 'success' ? insertedIncidentIds(outcome.plan) : [];
    // The same lock serializes grouping: each commit sees the incidents of those before it.
    if (record.events.length > 0 || written.length > 0 || inserted.length > 0) {
      await lockEventLog(trx);
    }
    // An incident the vendor posts while suspected ends the suspicion, linked to it.
    await linkSuspicion(trx, record.vendorSlug, inserted, now);
    const events = await recordEvents(trx, record.events, now);
    if (written.length > 0 && options.correlation) {
      const grouped = await correlateWritten(trx, written, options.correlation, now);
      events.push(...(await recordEvents(trx, grouped, now)));
    }
    return events;
  });
}

function insertedIncidentIds(plan: Pick<CyclePlan, 'incidents'>): string[] {
  return plan.incidents.flatMap((write) =>
    // A backfilled incident was on the page before vendorwatch read it: no suspicion led it.
    write.action === 'insert' && write.incident.kind === 'incident' && !write.incident.backfilled
      ? [write.incident.id]
      : [],
  );
}

/** Serializes event inserts on PostgreSQL until the transaction ends (SQLite has one writer). */
export async function lockEventLog(trx: Kysely<Database>): Promise<void> {
  if (dialectOf(trx) !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(${eventLogLockKey})`.execute(trx);
}

async function intervalOf(trx: Kysely<Database>, slug: string): Promise<number> {
  const row = await trx
    .selectFrom('vendors')
    .select('interval_seconds')
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
  return row.interval_seconds;
}

/** Records routed events and their outbox rows in the caller's transaction. */
export async function recordEvents(
  trx: Kysely<Database>,
  routed: readonly RoutedEvent[],
  now: string,
): Promise<VendorEvent[]> {
  const events: VendorEvent[] = [];
  const outbox = [];
  // One insert per event, in plan order, so seq keeps the plan's order in both databases.
  for (const { event: planned, deliveries } of routed) {
    const row = eventToRow({ id: newEventId(Date.parse(now)), ...planned });
    await trx.insertInto('events').values(row).execute();
    const event = eventFromRow(row);
    events.push(event);
    for (const { target, kind, notBefore } of deliveries) {
      outbox.push({
        // Reminder keys cannot collide with event keys: target names never contain '#'.
        delivery_key: deliveryKey(kind === 'event' ? target : `${target}#${kind}`, event.id),
        target,
        event_id: event.id,
        status: 'pending',
        attempts: 0,
        next_attempt_at: notBefore === undefined ? now : storedInstant(notBefore),
        created_at: now,
        kind,
        group_key: event.incidentId,
      });
    }
  }
  for (const batch of chunk(outbox, rowsPerInsert(9))) {
    await trx.insertInto('outbox').values(batch).execute();
  }
  return events;
}

/** The vendor_state columns the cycle writes, in a fixed order (the statement's shape). */
function stateWrites(record: CycleRecord, now: string): ColumnWrite[] {
  const nextPollAt = storedInstant(record.nextPollAt);
  const writes: ColumnWrite[] = [
    { column: 'last_polled_at', set: now },
    // Decided in the write itself: a push recorded while this poll was in flight is not lost.
    record.nextPollAtAfterPush === undefined
      ? { column: 'next_poll_at', set: nextPollAt }
      : {
          column: 'next_poll_at',
          pollStart: now,
          afterPush: storedInstant(record.nextPollAtAfterPush),
          otherwise: nextPollAt,
        },
    { column: 'unreachable_reported', set: flag(record.unreachableReported) },
  ];
  if (record.answersPush) writes.push({ column: 'push_polled_at', set: now });
  if (record.leaseOwner !== null) {
    writes.push({ column: 'lease_owner', set: null }, { column: 'lease_until', set: null });
  }
  const { outcome } = record;
  if (outcome.kind === 'failure') {
    writes.push(
      { column: 'last_error', set: storableText(outcome.error) },
      { column: 'consecutive_failures', set: outcome.consecutiveFailures },
      { column: 'unreached', set: flag(!outcome.reached) },
      // The streak's first failure keeps its instant; coalesce in the write itself needs no read.
      { column: 'failing_since', setIfNull: now },
    );
    return writes;
  }
  writes.push(
    { column: 'last_success_at', set: now },
    { column: 'first_success_at', setIfNull: now },
    { column: 'failing_since', set: null },
    { column: 'last_error', set: null },
    { column: 'consecutive_failures', set: 0 },
    { column: 'unreached', set: 0 },
  );
  if (outcome.validators !== undefined) {
    writes.push({ column: 'validators', set: toJson(outcome.validators) });
  }
  if (outcome.pageName !== undefined) {
    const pageName = outcome.pageName === null ? null : storableText(outcome.pageName);
    writes.push({ column: 'page_name', set: pageName });
  }
  if (outcome.warnings !== undefined) {
    const warnings = toJson(outcome.warnings.map((warning) => storableText(warning)));
    writes.push({ column: 'warnings', set: warnings });
  }
  return writes;
}

async function saveRawPayload(
  trx: Kysely<Database>,
  slug: string,
  payload: RawPayload | null,
  now: string,
): Promise<void> {
  if (payload === null) {
    await trx.deleteFrom('vendor_payloads').where('slug', '=', slug).execute();
    return;
  }
  const raw = toJson(payload);
  await trx
    .insertInto('vendor_payloads')
    .values({ slug, raw_payload: raw, updated_at: now })
    .onConflict((oc) => oc.column('slug').doUpdateSet({ raw_payload: raw, updated_at: now }))
    .execute();
}

/** Most polls change nothing (all 304, or the same bodies): only the poll state moves. */
function isBookkeepingOnly(record: CycleRecord): boolean {
  const { outcome } = record;
  if (record.events.length > 0) return false;
  if (outcome.kind === 'failure') return true;
  const { plan } = outcome;
  return (
    plan.components === null && plan.incidents.length === 0 && outcome.rawPayload === undefined
  );
}

/**
 * One conditional UPDATE, no reads: the lease check in its WHERE keeps a worker that lost its lease
 * from writing. With a batch it shares a transaction with the other bookkeeping writes of the moment.
 */
async function recordBookkeeping(
  db: Kysely<Database>,
  record: CycleRecord,
  now: string,
  batch: BookkeepingBatch | undefined,
): Promise<void> {
  const writes = stateWrites(record, now);
  const row: StateRow =
    record.leaseOwner === null
      ? { slug: record.vendorSlug }
      : { slug: record.vendorSlug, leaseOwner: record.leaseOwner };
  const write: BookkeepingWrite = (trx) => writeState(trx, writes, row);
  const updated = batch ? await batch.add(write) : await write(db);
  if (updated === 0 && record.leaseOwner === null) {
    throw new Error(`vendor ${record.vendorSlug} is not in the store`);
  }
}
