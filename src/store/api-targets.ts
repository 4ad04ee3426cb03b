// Notification targets added and removed through the admin API. Their definitions live beside the
// state rows of every target; a name belongs to the config file or to the API, never both.
import type { Kysely } from 'kysely';
import { storableText, storedInstant } from './codec.js';
import type { Database } from './schema.js';

export interface ApiTargetDefinition {
  name: string;
  type: string;
  fingerprint: string;
  /** The target as JSON, secrets included (the store is as private as the config file). */
  definition: string;
}

/** Records a new API target; false when the name is taken (by the config file or the API). */
export async function insertApiTarget(
  db: Kysely<Database>,
  target: ApiTargetDefinition,
  now: string,
): Promise<boolean> {
  const at = storedInstant(now);
  const result = await db
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
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export type ApiTargetRemoval =
  | { removed: true; failedDeliveries: number }
  | { removed: false; reason: 'missing' | 'configured' };

/**
 * Removes an API target and fails what still waits for it, in one transaction, so no dispatcher
 * can claim a delivery for a target that is gone. Sent and failed deliveries stay listed.
 */
export async function deleteApiTarget(
  db: Kysely<Database>,
  name: string,
): Promise<ApiTargetRemoval> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('notify_targets')
      .select('origin')
      .where('name', '=', storableText(name))
      .executeTakeFirst();
    if (!row) return { removed: false, reason: 'missing' };
    if (row.origin !== 'api') return { removed: false, reason: 'configured' };
    const failed = await trx
      .updateTable('outbox')
      .set({ status: 'failed', last_error: 'target removed', lease_until: null })
      .where('target', '=', name)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    await trx.deleteFrom('notify_targets').where('name', '=', name).execute();
    return { removed: true, failedDeliveries: Number(failed.numUpdatedRows) };
  });
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
