// Notification targets added and removed through the admin API. Their definitions live beside the
// state rows of every target; a name belongs to the config file or to the API, never both.
import type { Kysely } from 'kysely';
import { storableText, storedInstant } from './codec.js';
import { failPendingDeliveries } from './delivery-control.js';
import type { Database } from './schema.js';

interface ApiTargetDefinition {
  name: string;
  type: string;
  fingerprint: string;
  /** The target as JSON, secrets included (the store is as private as the config file). */
  definition: string;
}

type ApiTargetInsert = 'created' | 'exists' | 'configured';

/**
 * Records a new API target. A name the config file uses is refused; a row the config file no
 * longer names is taken over. Deliveries still pending under the name (routed by a process that
 * had not yet seen an earlier removal) are failed first: they were meant for another destination.
 */
export async function insertApiTarget(
  db: Kysely<Database>,
  target: ApiTargetDefinition,
  now: string,
  configuredNames: ReadonlySet<string> = new Set(),
): Promise<ApiTargetInsert> {
  if (configuredNames.has(target.name)) return 'configured';
  const at = storedInstant(now);
  return db.transaction().execute(async (trx) => {
    const known = await trx
      .selectFrom('notify_targets')
      .select('origin')
      .where('name', '=', storableText(target.name))
      .executeTakeFirst();
    if (known?.origin === 'api') return 'exists';
    if (known) await trx.deleteFrom('notify_targets').where('name', '=', target.name).execute();
    await failPendingDeliveries(trx, target.name, 'target replaced');
    await trx
      .insertInto('notify_targets')
      .values({
        name: storableText(target.name),
        type: target.type,
        fingerprint: target.fingerprint,
        definition: target.definition,
        origin: 'api',
        state: 'active',
        next_attempt_at: at,
        updated_at: at,
      })
      .execute();
    return 'created';
  });
}

type ApiTargetRemoval =
  | { removed: true; failedDeliveries: number }
  | { removed: false; reason: 'missing' | 'configured' };

/**
 * Removes a target the config file does not name (one added through the API, or one the config
 * file dropped) and fails what still waits for it, in one transaction, so no dispatcher can claim
 * a delivery for a target that is gone. Sent and failed deliveries stay listed.
 */
export async function deleteApiTarget(
  db: Kysely<Database>,
  name: string,
  configuredNames: ReadonlySet<string> = new Set(),
): Promise<ApiTargetRemoval> {
  if (configuredNames.has(name)) return { removed: false, reason: 'configured' };
  return db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom('notify_targets')
      .where('name', '=', storableText(name))
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) return { removed: false, reason: 'missing' };
    return {
      removed: true,
      failedDeliveries: await failPendingDeliveries(trx, name, 'target removed'),
    };
  });
}

/**
 * Fails pending deliveries whose target no longer exists: routed by a process that still had the
 * target in its list when another removed it. Returns how many.
 */
export async function failOrphanedDeliveries(
  db: Kysely<Database>,
  reason: string,
): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'failed', last_error: storableText(reason), lease_until: null })
    .where('status', '=', 'pending')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('notify_targets')
            .select('notify_targets.name')
            .whereRef('notify_targets.name', '=', 'outbox.target'),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Every API target's stored definition, by name. */
export async function listApiTargets(
  db: Kysely<Database>,
): Promise<Array<{ name: string; definition: string }>> {
  const rows = await db
    .selectFrom('notify_targets')
    .select(['name', 'definition'])
    .where('origin', '=', 'api')
    .orderBy('name')
    .execute();
  return rows.flatMap((row) =>
    row.definition === null ? [] : [{ name: row.name, definition: row.definition }],
  );
}

type ApiTargetChange =
  | { changed: true; skippedDeliveries: number }
  | { changed: false; reason: 'missing' | 'configured' };

/** What waits for a target that is off is skipped, not kept: it would arrive late, all at once. */
async function skipPendingDeliveries(
  db: Kysely<Database>,
  target: string,
  reason: string,
): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'skipped', last_error: storableText(reason), lease_until: null })
    .where('target', '=', target)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Turns an API target off (`paused` given) or on (null). Off: no dispatcher claims it and what
 * waits for it is skipped. On: what was queued meanwhile (by a process that had not yet seen the
 * change) is skipped too, so it starts with the next event. The config file's targets stay on.
 */
export async function setApiTargetPaused(
  db: Kysely<Database>,
  name: string,
  paused: { at: string; by: string } | null,
  configuredNames: ReadonlySet<string> = new Set(),
): Promise<ApiTargetChange> {
  if (configuredNames.has(name)) return { changed: false, reason: 'configured' };
  return db.transaction().execute(async (trx) => {
    const known = await trx
      .selectFrom('notify_targets')
      .select('origin')
      .where('name', '=', storableText(name))
      .executeTakeFirst();
    if (!known) return { changed: false, reason: 'missing' };
    if (known.origin !== 'api') return { changed: false, reason: 'configured' };
    await trx
      .updateTable('notify_targets')
      .set(
        paused
          ? { paused_at: storedInstant(paused.at), paused_by: storableText(paused.by) }
          : { paused_at: null, paused_by: null },
      )
      .where('name', '=', name)
      .execute();
    const reason = paused
      ? 'target turned off by an admin'
      : 'queued while the target was turned off';
    return { changed: true, skippedDeliveries: await skipPendingDeliveries(trx, name, reason) };
  });
}

/**
 * Replaces an API target's definition (an edit on /manage/targets). A new destination or
 * credential (another fingerprint) starts the target afresh, as a fixed config file does.
 */
export async function replaceApiTarget(
  db: Kysely<Database>,
  target: ApiTargetDefinition,
  now: string,
): Promise<'replaced' | 'missing'> {
  const at = storedInstant(now);
  return db.transaction().execute(async (trx) => {
    const known = await trx
      .selectFrom('notify_targets')
      .select(['origin', 'fingerprint'])
      .where('name', '=', storableText(target.name))
      .executeTakeFirst();
    if (known?.origin !== 'api') return 'missing';
    const fresh =
      known.fingerprint === target.fingerprint
        ? {}
        : { state: 'active', reason: null, failures: 0, failing_since: null, next_attempt_at: at };
    await trx
      .updateTable('notify_targets')
      .set({
        type: target.type,
        fingerprint: target.fingerprint,
        definition: target.definition,
        updated_at: at,
        ...fresh,
      })
      .where('name', '=', target.name)
      .execute();
    return 'replaced';
  });
}
