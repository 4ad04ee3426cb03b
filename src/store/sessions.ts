// Server-side sessions. The cookie holds a random token; the store holds only its SHA-256, so a
// copy of the database signs nobody in. Idle expiry is checked against last_seen_at, absolute
// expiry against expires_at (fixed at creation).
import type { Kysely } from 'kysely';
import { storedInstant } from './codec.js';
import type { Database } from './schema.js';
import type { AccountRole } from './accounts.js';

export interface SessionRecord {
  tokenHash: string;
  accountId: number;
  email: string;
  role: AccountRole;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export async function insertSession(
  db: Kysely<Database>,
  session: { tokenHash: string; accountId: number; expiresAt: string },
  now: string,
): Promise<void> {
  const at = storedInstant(now);
  await db
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      account_id: session.accountId,
      created_at: at,
      last_seen_at: at,
      expires_at: storedInstant(session.expiresAt),
    })
    .execute();
}

/** The session and its account, whatever its age (the caller decides about expiry). */
export async function findSession(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<SessionRecord | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .select([
      'sessions.token_hash',
      'sessions.account_id',
      'sessions.created_at',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'accounts.email',
      'accounts.role',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return null;
  return {
    tokenHash: row.token_hash,
    accountId: Number(row.account_id),
    email: row.email,
    role: row.role === 'admin' ? 'admin' : 'viewer',
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  };
}

export async function touchSession(
  db: Kysely<Database>,
  tokenHash: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: storedInstant(now) })
    .where('token_hash', '=', tokenHash)
    .execute();
}

export async function deleteSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** "Sign out everywhere": every session of the account. Answers how many there were. */
export async function deleteAccountSessions(
  db: Kysely<Database>,
  accountId: number,
): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Drops sessions past their absolute end or idle since `idleBefore`. */
export async function purgeSessions(
  db: Kysely<Database>,
  now: string,
  idleBefore: string,
): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', storedInstant(now)),
        eb('last_seen_at', '<', storedInstant(idleBefore)),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
