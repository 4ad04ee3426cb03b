// Frozen: never edit a migration that has shipped; add a new one instead.
// An admin can turn a notification target off from /manage/targets: when and by whom, beside the
// dispatcher's own state (which a 410 or quarantine writes and a delivery outcome overwrites).
import type { Kysely } from 'kysely';
import { dialectOf, dialectQuirks } from '../db.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  const { sortableText } = dialectQuirks(dialectOf(db));
  await db.schema.alterTable('notify_targets').addColumn('paused_at', sortableText).execute();
  await db.schema.alterTable('notify_targets').addColumn('paused_by', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('notify_targets').dropColumn('paused_by').execute();
  await db.schema.alterTable('notify_targets').dropColumn('paused_at').execute();
}
