// The audit log: who changed what and when, appended by the web layer and the CLI, newest first
// on read. Callers never pass a password or a token; `detail` is a small JSON object.
import type { Kysely } from 'kysely';
import {
  fromJsonOrNull,
  storableText,
  storableTextOrNull,
  storedInstant,
  toJson,
} from './codec.js';
import type { Database } from './schema.js';

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  detail: Record<string, unknown> | null;
  address: string | null;
}

export interface NewAuditEntry {
  actor: string;
  action: string;
  subject?: string | null;
  detail?: Record<string, unknown> | null;
  address?: string | null;
}

export async function appendAudit(
  db: Kysely<Database>,
  entry: NewAuditEntry,
  now: string,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: storedInstant(now),
      actor: storableText(entry.actor.slice(0, 320)),
      action: entry.action,
      subject: storableTextOrNull(entry.subject?.slice(0, 320)),
      detail: entry.detail ? toJson(entry.detail) : null,
      address: storableTextOrNull(entry.address?.slice(0, 100)),
    })
    .execute();
}

/** Newest first; `before` is the seq of the last entry of the previous page. */
export async function listAudit(
  db: Kysely<Database>,
  options: { limit: number; before?: number | null },
): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(options.limit);
  if (options.before !== undefined && options.before !== null) {
    query = query.where('seq', '<', options.before);
  }
  const rows = await query.execute();
  return rows.map((row) => ({
    seq: Number(row.seq),
    at: row.at,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    detail: fromJsonOrNull<Record<string, unknown>>(row.detail),
    address: row.address,
  }));
}
