// Frozen: never edit a migration that has shipped; add a new one instead.
// Accounts and sign-in: people (admin or viewer) with a scrypt password hash, their server-side
// sessions (only a SHA-256 of each token is kept), failed sign-ins per address for the
// brute-force limit, and the audit log of who changed what.
import type { Kysely } from 'kysely';
import { dialectOf, dialectQuirks } from '../db.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  const { serialType, serialConstraints, sortableText } = dialectQuirks(dialectOf(db));

  await db.schema
    .createTable('accounts')
    .addColumn('id', serialType, serialConstraints)
    .addColumn('email', sortableText, (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    // Null until an invited person chose a password.
    .addColumn('password_hash', 'text')
    .addColumn('invite_hash', 'text')
    .addColumn('invite_expires_at', sortableText)
    .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', sortableText)
    .addColumn('created_at', sortableText, (c) => c.notNull())
    .addColumn('updated_at', sortableText, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('accounts_invite').on('accounts').column('invite_hash').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', sortableText, (c) => c.primaryKey())
    .addColumn('account_id', 'integer', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('created_at', sortableText, (c) => c.notNull())
    .addColumn('last_seen_at', sortableText, (c) => c.notNull())
    .addColumn('expires_at', sortableText, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();

  await db.schema
    .createTable('sign_in_failures')
    .addColumn('address', sortableText, (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', sortableText, (c) => c.notNull())
    .addColumn('locked_until', sortableText)
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', serialType, serialConstraints)
    .addColumn('at', sortableText, (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('detail', 'text')
    .addColumn('address', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_log', 'sign_in_failures', 'sessions', 'accounts']) {
    await db.schema.dropTable(table).execute();
  }
}
