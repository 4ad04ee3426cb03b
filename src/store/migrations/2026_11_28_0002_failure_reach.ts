// Frozen: never edit a migration that has shipped; add a new one instead.
// Whether a vendor's last failed poll reached its server at all (1: nothing answered), so a web
// process can tell "most pages unreachable" (our network?) from "most pages answering errors".
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('vendor_state')
    .addColumn('unreached', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('vendor_state').dropColumn('unreached').execute();
}
