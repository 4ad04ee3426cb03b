// Notification targets as the store keeps them: state (active, disabled, quarantined), failure
// streak and backoff, and the lease that gives one dispatcher a target at a time.
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { TargetState, TargetStatus } from '../domain/delivery.js';
import { addSeconds } from '../domain/time.js';
import { storableText, storableTextOrNull, storedInstant, storedInstantOrNull } from './codec.js';
import { dialectOf } from './db.js';
import type { Database, NotifyTargetTable } from './schema.js';

export interface NotifyTargetRecord extends TargetStatus {
  name: string;
  type: string;
  fingerprint: string;
  updatedAt: string;
  /** Where the target is defined: the config file, or the admin API. */
  origin: 'config' | 'api';
  /** When an admin turned it off and who (null while it is on): no deliveries then. */
  pausedAt: string | null;
  pausedBy: string | null;
}

interface ConfiguredTarget {
  name: string;
  type: string;
  fingerprint: string;
}

function recordFromRow(row: Selectable<NotifyTargetTable>): NotifyTargetRecord {
  return {
    name: row.name,
    type: row.type,
    fingerprint: row.fingerprint,
    // Written only from TargetState values.
    state: row.state as TargetState,
    reason: row.reason,
    failures: row.failures,
    failingSince: row.failing_since,
    lastError: row.last_error,
    lastSuccessAt: row.last_success_at,
    nextAttemptAt: row.next_attempt_at,
    updatedAt: row.updated_at,
    origin: row.origin === 'api' ? 'api' : 'config',
    pausedAt: row.paused_at ?? null,
    pausedBy: row.paused_by ?? null,
  };
}

/**
 * Adds configured targets the store does not know and updates known ones. A target whose
 * destination changed (another fingerprint) starts afresh: a fixed URL undoes a 410 or quarantine.
 */
export async function syncNotifyTargets(
  db: Kysely<Database>,
  targets: readonly ConfiguredTarget[],
  now: string,
): Promise<void> {
  const at = storedInstant(now);
  await db.transaction().execute(async (trx) => {
    for (const target of targets) {
      const known = await trx
        .selectFrom('notify_targets')
        .select('fingerprint')
        .where('name', '=', target.name)
        .executeTakeFirst();
      if (!known) {
        await trx
          .insertInto('notify_targets')
          .values({ ...target, state: 'active', next_attempt_at: at, updated_at: at })
          .onConflict((oc) => oc.column('name').doNothing())
          .execute();
        continue;
      }
      // A name the config file takes over from the API is the config's from now on.
      const changes: Updateable<NotifyTargetTable> = {
        type: target.type,
        origin: 'config',
        definition: null,
        // Only API targets are turned off from the page; the config file's are always on.
        paused_at: null,
        paused_by: null,
      };
      if (known.fingerprint !== target.fingerprint) {
        Object.assign(changes, { fingerprint: target.fingerprint }, fresh(at));
      }
      await trx
        .updateTable('notify_targets')
        .set(changes)
        .where('name', '=', target.name)
        .execute();
    }
  });
}

/** A target back in service with a clean record: no failures, due at once. */
function fresh(at: string): Updateable<NotifyTargetTable> {
  return {
    state: 'active',
    reason: null,
    failures: 0,
    failing_since: null,
    next_attempt_at: at,
    updated_at: at,
  };
}

interface ClaimTargetsOptions {
  names: readonly string[];
  owner: string;
  now: string;
  leaseSeconds: number;
  limit: number;
}

/**
 * Targets with a due delivery, not disabled, not turned off by an admin, not backing off and not
 * leased; leased to `owner`.
 */
export async function claimNotifyTargets(
  db: Kysely<Database>,
  { names, owner, now, leaseSeconds, limit }: ClaimTargetsOptions,
): Promise<string[]> {
  if (names.length === 0) return [];
  const at = storedInstant(now);
  const postgres = dialectOf(db) === 'postgres';
  return db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('notify_targets')
      .select('name')
      .where('name', 'in', [...names])
      .where('state', '!=', 'disabled')
      .where('paused_at', 'is', null)
      .where('next_attempt_at', '<=', at)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', at)]))
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('outbox')
            .select('outbox.seq')
            .whereRef('outbox.target', '=', 'notify_targets.name')
            .where('outbox.status', '=', 'pending')
            .where('outbox.next_attempt_at', '<=', at),
        ),
      )
      .orderBy('next_attempt_at')
      .limit(Math.max(0, Math.floor(limit)));
    if (postgres) query = query.forUpdate().skipLocked();
    const claimed = (await query.execute()).map((row) => row.name);
    if (claimed.length > 0) {
      await trx
        .updateTable('notify_targets')
        .set({ lease_owner: owner, lease_until: addSeconds(at, leaseSeconds) })
        .where('name', 'in', claimed)
        .execute();
    }
    return claimed;
  });
}

/** Extends the lease while `owner` still holds it; false when it was lost. */
export async function renewNotifyTargetLease(
  db: Kysely<Database>,
  name: string,
  owner: string,
  until: string,
): Promise<boolean> {
  const result = await db
    .updateTable('notify_targets')
    .set({ lease_until: storedInstant(until) })
    .where('name', '=', name)
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Writes the target's outcome and drops the lease, if `owner` still holds it. */
export async function releaseNotifyTarget(
  db: Kysely<Database>,
  name: string,
  owner: string,
  outcome: TargetStatus,
  now: string,
): Promise<void> {
  await db
    .updateTable('notify_targets')
    .set({
      state: outcome.state,
      reason: storableTextOrNull(outcome.reason),
      failures: outcome.failures,
      failing_since: storedInstantOrNull(outcome.failingSince),
      last_error: storableTextOrNull(outcome.lastError),
      last_success_at: storedInstantOrNull(outcome.lastSuccessAt),
      next_attempt_at: storedInstant(outcome.nextAttemptAt),
      lease_owner: null,
      lease_until: null,
      updated_at: storedInstant(now),
    })
    .where('name', '=', name)
    .where('lease_owner', '=', owner)
    .execute();
}

/** Drops every target lease of `owner` (a clean stop, or a restart under a stable name). */
export async function releaseNotifyTargetLeases(
  db: Kysely<Database>,
  owner: string,
): Promise<void> {
  await db
    .updateTable('notify_targets')
    .set({ lease_owner: null, lease_until: null })
    .where('lease_owner', '=', owner)
    .execute();
}

export async function getNotifyTarget(
  db: Kysely<Database>,
  name: string,
): Promise<NotifyTargetRecord | null> {
  const row = await db
    .selectFrom('notify_targets')
    .selectAll()
    .where('name', '=', storableText(name))
    .executeTakeFirst();
  return row ? recordFromRow(row) : null;
}

export async function listNotifyTargets(db: Kysely<Database>): Promise<NotifyTargetRecord[]> {
  const rows = await db.selectFrom('notify_targets').selectAll().orderBy('name').execute();
  return rows.map(recordFromRow);
}

/** Puts a disabled or quarantined target back in service (e.g. after a successful test send). */
export async function reactivateNotifyTarget(
  db: Kysely<Database>,
  name: string,
  now: string,
): Promise<boolean> {
  const at = storedInstant(now);
  const result = await db
    .updateTable('notify_targets')
    .set(fresh(at))
    .where('name', '=', storableText(name))
    .where('state', '!=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
