// The workers that poll and deliver: who they are (an id that survives a restart), their
// heartbeat, which renews every lease they hold, and the sweep that finds a dead one and hands its
// leases back. A lease is valid until its lease_until; only heartbeats and claims move it.
import { sql, type Kysely, type Selectable } from 'kysely';
import { addSeconds } from '../domain/time.js';
import { storableText, storedInstant } from './codec.js';
import { dialectOf } from './db.js';
import type { Database, WorkerTable } from './schema.js';
import { dueAtOnce } from './vendors.js';

/**
 * How long a lease holds without a heartbeat: a dead worker's polls and deliveries resume this
 * much later. Workers' clocks must agree within a fraction of it (NTP).
 */
export const workerLeaseSeconds = 6;

/** How often a worker proves itself alive (src/app/worker-lease.ts fences after five misses). */
export const heartbeatSeconds = 1;

/**
 * A claim's lease: a heartbeat longer than a worker's lease, so a poll that ends within a
 * heartbeat of its claim is never renewed (the heartbeat skips leases that already outlast its
 * renewal). A dead worker's last claims are taken over this much after them.
 */
export const claimLeaseSeconds = workerLeaseSeconds + heartbeatSeconds;

/** Serializes registrations on PostgreSQL, so two workers starting at once never share a slot. */
const registrationLockKey = 0x76770002;
/** How long a gone worker stays listed. */
const goneRetentionSeconds = 24 * 3600;

export class WorkerIdInUseError extends Error {
  override name = 'WorkerIdInUseError';
}

interface RegisterOptions {
  /** An id the operator chose (--worker-id); null to take the lowest free slot `<host>-<n>`. */
  requestedId: string | null;
  instance: string;
  host: string;
  pid: number;
  now: string;
  leaseSeconds: number;
  /** Whether a process of this host is still running (a predecessor killed by -9 is not). */
  processAlive(pid: number): boolean;
}

/**
 * Takes a worker id and hands back every lease a dead predecessor under that id still held, so a
 * restarted worker's vendors and targets are polled and delivered at once. An id is free when its
 * worker stopped, its heartbeat is older than a lease, or it ran on this host in a process that
 * is no longer running.
 */
export async function registerWorker(
  db: Kysely<Database>,
  options: RegisterOptions,
): Promise<{ id: string; predecessor: Selectable<WorkerTable> | null }> {
  const now = storedInstant(options.now);
  const staleBefore = addSeconds(now, -options.leaseSeconds);
  const postgres = dialectOf(db) === 'postgres';
  return db.transaction().execute(async (trx) => {
    if (postgres) {
      await sql`select pg_advisory_xact_lock(${registrationLockKey})`.execute(trx);
    }
    const rows = await trx.selectFrom('workers').selectAll().execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    const free = (row: Selectable<WorkerTable> | undefined) =>
      row === undefined ||
      row.gone_at !== null ||
      row.heartbeat_at <= staleBefore ||
      (row.host === options.host && (row.pid === options.pid || !options.processAlive(row.pid)));

    let id = options.requestedId === null ? null : storableText(options.requestedId);
    if (id !== null && !free(byId.get(id))) {
      const holder = byId.get(id)!;
      throw new WorkerIdInUseError(
        `worker id "${id}" is in use by a live worker (${holder.host}, pid ${holder.pid}); ` +
          `choose another --worker-id or wait ${options.leaseSeconds} s after it stops`,
      );
    }
    for (let slot = 1; id === null; slot++) {
      const candidate = `${options.host}-${slot}`;
      if (free(byId.get(candidate))) id = candidate;
    }
    const predecessor = byId.get(id) ?? null;
    const values = {
      instance: options.instance,
      host: storableText(options.host),
      pid: options.pid,
      started_at: now,
      heartbeat_at: now,
      gone_at: null,
      gone_reason: null,
      taken_over_at: null,
      polls_total: 0,
      polls_per_second: 0,
      claims_total: 0,
      claim_ms_total: 0,
    };
    await trx
      .insertInto('workers')
      .values({ id, ...values })
      .onConflict((conflict) => conflict.column('id').doUpdateSet(values))
      .execute();
    await releaseWorkerLeases(trx, [id]);
    return { id, predecessor };
  });
}

interface HeartbeatOptions {
  id: string;
  instance: string;
  now: string;
  leaseSeconds: number;
  stats: WorkerStats;
}

export interface HeartbeatResult {
  ok: boolean;
  liveWorkers: number;
  /**
   * This worker's place among the live ones by id (0 for the first): workers take turns at
   * claiming by it, so idle claims neither pile up nor collide as workers are added.
   */
  liveRank: number;
}

export interface WorkerStats {
  pollsTotal: number;
  pollsPerSecond: number;
  claimsTotal: number;
  claimMsTotal: number;
}

/**
 * Proves the worker alive and renews every lease it holds until now + leaseSeconds (only
 * lease_until, which no index covers, so a renewal is a cheap in-place update). A lease that
 * already ends at or after that instant is left alone: a renewal would not lengthen it, and claims
 * lasting a heartbeat longer than a lease (see claimLeaseSeconds) make most polls end before their
 * first renewal, so heartbeats do not rewrite every row in flight. Not ok when
 * the id is no longer this process's (it was found gone and its leases handed back); also counts
 * the live workers, which a claim's fair share divides by.
 */
export async function heartbeatWorker(
  db: Kysely<Database>,
  { id, instance, now, leaseSeconds, stats }: HeartbeatOptions,
): Promise<HeartbeatResult> {
  const at = storedInstant(now);
  const until = addSeconds(at, leaseSeconds);
  const postgres = dialectOf(db) === 'postgres';
  if (postgres) return heartbeatStatement(db, { id, instance, at, until, leaseSeconds, stats });
  return db.transaction().execute(async (trx) => {
    const proved = await trx
      .updateTable('workers')
      .set({
        heartbeat_at: at,
        polls_total: stats.pollsTotal,
        polls_per_second: stats.pollsPerSecond,
        claims_total: stats.claimsTotal,
        claim_ms_total: stats.claimMsTotal,
      })
      .where('id', '=', id)
      .where('instance', '=', instance)
      .where('gone_at', 'is', null)
      .executeTakeFirst();
    if (Number(proved.numUpdatedRows) !== 1) return { ok: false, liveWorkers: 0, liveRank: 0 };
    // Rows locked right now are being recorded by this worker's own commits, which end their
    // lease: skipping them (not waiting) keeps the heartbeat from deadlocking with a batch of
    // bookkeeping writes that locks the same rows in another order.
    let heldVendors = trx
      .selectFrom('vendor_state')
      .select('vendor_state.slug')
      .where('vendor_state.lease_owner', '=', id);
    if (postgres) heldVendors = heldVendors.forUpdate().skipLocked();
    await trx
      .updateTable('vendor_state')
      .set({ lease_until: until })
      .where('slug', 'in', heldVendors)
      .where('lease_owner', '=', id)
      .where('lease_until', '<', until)
      .execute();
    let heldTargets = trx
      .selectFrom('notify_targets')
      .select('notify_targets.name')
      .where('notify_targets.lease_owner', '=', id);
    if (postgres) heldTargets = heldTargets.forUpdate().skipLocked();
    await trx
      .updateTable('notify_targets')
      .set({ lease_until: until })
      .where('name', 'in', heldTargets)
      .where('lease_owner', '=', id)
      .where('lease_until', '<', until)
      .execute();
    const live = await trx
      .selectFrom('workers')
      .select('id')
      .where('gone_at', 'is', null)
      .where('heartbeat_at', '>', addSeconds(at, -leaseSeconds))
      .execute();
    return {
      ok: true,
      liveWorkers: live.length,
      liveRank: live.filter((row) => row.id < id).length,
    };
  });
}

/**
 * PostgreSQL's heartbeat as one statement, so a worker whose event loop is busy with polls still
 * renews in one round trip: the data-modifying CTEs all run, and the renewals only when the
 * worker row was proved this process's. Rows locked at this instant are skipped (see above).
 */
async function heartbeatStatement(
  db: Kysely<Database>,
  options: {
    id: string;
    instance: string;
    at: string;
    until: string;
    leaseSeconds: number;
    stats: WorkerStats;
  },
): Promise<HeartbeatResult> {
  const { id, instance, at, until, stats } = options;
  const { rows } = await sql<{ ok: number; others: number; rank: number }>`
    with proved as (
      update workers set heartbeat_at = ${at}, polls_total = ${stats.pollsTotal},
        polls_per_second = ${stats.pollsPerSecond}, claims_total = ${stats.claimsTotal},
        claim_ms_total = ${stats.claimMsTotal}
      where id = ${id} and instance = ${instance} and gone_at is null
      returning id
    ), vendors as (
      update vendor_state set lease_until = ${until}
      where lease_owner = ${id} and lease_until < ${until} and exists (select 1 from proved)
        and slug in (select slug from vendor_state where lease_owner = ${id}
          and lease_until < ${until} for update skip locked)
    ), targets as (
      update notify_targets set lease_until = ${until}
      where lease_owner = ${id} and lease_until < ${until} and exists (select 1 from proved)
        and name in (select name from notify_targets where lease_owner = ${id}
          and lease_until < ${until} for update skip locked)
    )
    select (select count(*) from proved)::int as ok,
      (select count(*) from workers where gone_at is null and id <> ${id}
        and heartbeat_at > ${addSeconds(at, -options.leaseSeconds)})::int as others,
      (select count(*) from workers where gone_at is null and id < ${id} collate "C"
        and heartbeat_at > ${addSeconds(at, -options.leaseSeconds)})::int as rank`.execute(db);
  const row = rows[0]!;
  // The counts read the rows as they were before this statement's own update (where this
  // worker's last heartbeat may be old): the others are counted, and this one added.
  return row.ok === 1
    ? { ok: true, liveWorkers: Number(row.others) + 1, liveRank: Number(row.rank) }
    : { ok: false, liveWorkers: 0, liveRank: 0 };
}

/**
 * Finds workers whose heartbeat is older than a lease, marks them gone and hands their leases
 * back (their leases have expired by then, so this only records the takeover and tidies). Also
 * forgets workers gone for a day. Returns the ids taken over.
 */
export async function sweepGoneWorkers(
  db: Kysely<Database>,
  { now, leaseSeconds }: { now: string; leaseSeconds: number },
): Promise<string[]> {
  const at = storedInstant(now);
  if (dialectOf(db) === 'postgres') return sweepStatement(db, at, leaseSeconds);
  return db.transaction().execute(async (trx) => {
    const gone = await trx
      .updateTable('workers')
      .set({ gone_at: at, gone_reason: 'heartbeat lost', taken_over_at: at })
      .where('gone_at', 'is', null)
      .where('heartbeat_at', '<=', addSeconds(at, -leaseSeconds))
      .returning('id')
      .execute();
    const ids = gone.map((row) => row.id);
    await releaseWorkerLeases(trx, ids);
    await trx
      .deleteFrom('workers')
      .where('gone_at', '<=', addSeconds(at, -goneRetentionSeconds))
      .execute();
    return ids;
  });
}

/** A clean stop: the worker is gone at once and its leases are free for the others. */
export async function markWorkerStopped(
  db: Kysely<Database>,
  { id, instance, now }: { id: string; instance: string; now: string },
): Promise<void> {
  const at = storedInstant(now);
  await db.transaction().execute(async (trx) => {
    const stopped = await trx
      .updateTable('workers')
      .set({ gone_at: at, gone_reason: 'stopped', taken_over_at: at })
      .where('id', '=', id)
      .where('instance', '=', instance)
      .where('gone_at', 'is', null)
      .executeTakeFirst();
    if (Number(stopped.numUpdatedRows) === 1) await releaseWorkerLeases(trx, [id]);
  });
}

async function releaseWorkerLeases(trx: Kysely<Database>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('vendor_state')
    .set({ lease_owner: null, lease_until: null, next_poll_at: dueAtOnce })
    .where('lease_owner', 'in', [...ids])
    .execute();
  await trx
    .updateTable('notify_targets')
    .set({ lease_owner: null, lease_until: null })
    .where('lease_owner', 'in', [...ids])
    .execute();
}

export interface WorkerView {
  id: string;
  host: string;
  pid: number;
  state: 'live' | 'gone';
  startedAt: string;
  lastHeartbeatAt: string;
  /** Vendors it is polling now (a vendor is leased from its claim to its poll's commit). */
  vendorsHeld: number;
  /** Notification targets it is delivering to now. */
  targetsHeld: number;
  polls: number;
  /** Over its last seconds, as its last heartbeat said. */
  pollsPerSecond: number;
  /** Mean time of its claims of due vendors, in milliseconds; null before its first claim. */
  claimMsMean: number | null;
  goneAt: string | null;
  /** 'stopped' | 'heartbeat lost'. */
  goneReason: string | null;
  /** When its leases were handed back to the other workers. */
  takenOverAt: string | null;
}

/** Every worker known (live first, then the gone of the last day), with what each holds now. */
export async function listWorkers(
  db: Kysely<Database>,
  { now, leaseSeconds }: { now: string; leaseSeconds: number },
): Promise<WorkerView[]> {
  const staleBefore = addSeconds(storedInstant(now), -leaseSeconds);
  const rows = await db.selectFrom('workers').selectAll().orderBy('id').execute();
  const held = async (table: 'vendor_state' | 'notify_targets') => {
    const counts = await db
      .selectFrom(table)
      .select('lease_owner')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('lease_owner', 'is not', null)
      .groupBy('lease_owner')
      .execute();
    return new Map(counts.map((row) => [row.lease_owner, Number(row.count)]));
  };
  const vendors = await held('vendor_state');
  const targets = await held('notify_targets');
  const views = rows.map((row): WorkerView => {
    const gone = row.gone_at !== null || row.heartbeat_at <= staleBefore;
    return {
      id: row.id,
      host: row.host,
      pid: row.pid,
      state: gone ? 'gone' : 'live',
      startedAt: row.started_at,
      lastHeartbeatAt: row.heartbeat_at,
      vendorsHeld: gone ? 0 : (vendors.get(row.id) ?? 0),
      targetsHeld: gone ? 0 : (targets.get(row.id) ?? 0),
      polls: Number(row.polls_total),
      pollsPerSecond: gone ? 0 : Number(row.polls_per_second),
      claimMsMean:
        Number(row.claims_total) > 0 ? Number(row.claim_ms_total) / Number(row.claims_total) : null,
      goneAt: row.gone_at ?? (gone ? addSeconds(row.heartbeat_at, leaseSeconds) : null),
      goneReason: row.gone_reason ?? (gone ? 'heartbeat lost' : null),
      takenOverAt: row.taken_over_at,
    };
  });
  return [...views.filter((w) => w.state === 'live'), ...views.filter((w) => w.state === 'gone')];
}

/**
 * PostgreSQL's sweep as one statement (one round trip, like the heartbeat). It never waits for a
 * row lock: it runs on the heartbeat's own connection, so a sweep stuck behind a long transaction
 * (another worker's commit queued on the event-log lock) would stop the heartbeats and fence every
 * worker. Rows locked now are skipped: a gone worker is found by the next sweep, and its leases
 * have ended anyway (a claim takes an ended lease); handing them back here only tidies.
 */
async function sweepStatement(
  db: Kysely<Database>,
  at: string,
  leaseSeconds: number,
): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    with gone as (
      update workers set gone_at = ${at}, gone_reason = 'heartbeat lost', taken_over_at = ${at}
      where id in (select id from workers where gone_at is null
        and heartbeat_at <= ${addSeconds(at, -leaseSeconds)} for update skip locked)
      returning id
    ), vendors as (
      update vendor_state set lease_owner = null, lease_until = null, next_poll_at = ${dueAtOnce}
      where slug in (select slug from vendor_state where lease_owner in (select id from gone)
        for update skip locked)
    ), targets as (
      update notify_targets set lease_owner = null, lease_until = null
      where name in (select name from notify_targets where lease_owner in (select id from gone)
        for update skip locked)
    ), forgotten as (
      delete from workers where id in (select id from workers
        where gone_at <= ${addSeconds(at, -goneRetentionSeconds)} for update skip locked)
    )
    select id from gone order by id`.execute(db);
  return rows.map((row) => row.id);
}
