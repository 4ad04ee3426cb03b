// Accounts: who may sign in, with which role, and the per-account lock of the brute-force limit.
// The rules that need a consistent count (the first admin only while nobody exists, never zero
// admins) run in one transaction that holds the accounts table (PostgreSQL) or the write lock
// (SQLite opens write transactions IMMEDIATE).
import { sql, type Kysely, type Transaction } from 'kysely';
import { storableText, storedInstant } from './codec.js';
import { dialectOf } from './db.js';
import type { Database } from './schema.js';

export const accountRoles = ['admin', 'viewer'] as const;
export type AccountRole = (typeof accountRoles)[number];

export interface AccountRecord {
  id: number;
  email: string;
  role: AccountRole;
  passwordHash: string | null;
  /** True while an invitation is open (no password chosen yet). */
  invited: boolean;
  inviteExpiresAt: string | null;
  failedSignIns: number;
  lockedUntil: string | null;
  createdAt: string;
}

interface NewAccount {
  email: string;
  role: AccountRole;
  passwordHash: string | null;
  inviteHash?: string | null;
  inviteExpiresAt?: string | null;
}

type AccountRow = Database['accounts'];
type Selected = Omit<AccountRow, 'id' | 'failed_sign_ins'> & {
  id: number;
  failed_sign_ins: number;
};

function toRecord(row: Selected): AccountRecord {
  return {
    id: Number(row.id),
    email: row.email,
    role: row.role === 'admin' ? 'admin' : 'viewer',
    passwordHash: row.password_hash,
    invited: row.invite_hash !== null,
    inviteExpiresAt: row.invite_expires_at,
    failedSignIns: Number(row.failed_sign_ins),
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
  };
}

/** Emails compare case-insensitively: one person, one account. */
export function normalizeEmail(email: string): string {
  return storableText(email.trim().toLowerCase());
}

async function holdAccounts(trx: Transaction<Database>): Promise<void> {
  if (dialectOf<Database>(trx) === 'postgres') {
    await sql`lock table accounts in share row exclusive mode`.execute(trx);
  }
}

export async function countAccounts(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

type CreateOutcome =
  { created: true; account: AccountRecord } | { created: false; reason: 'exists' | 'not_first' };

/**
 * Adds an account. With `onlyIfNone` (the /setup page) it is refused once any account exists, so
 * two racing first-run forms cannot both make an admin.
 */
export async function createAccount(
  db: Kysely<Database>,
  account: NewAccount,
  now: string,
  options: { onlyIfNone?: boolean } = {},
): Promise<CreateOutcome> {
  const at = storedInstant(now);
  const email = normalizeEmail(account.email);
  return db.transaction().execute(async (trx) => {
    await holdAccounts(trx);
    if (options.onlyIfNone && (await countAccounts(trx)) > 0) {
      return { created: false, reason: 'not_first' } as const;
    }
    const existing = await trx
      .selectFrom('accounts')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirst();
    if (existing) return { created: false, reason: 'exists' } as const;
    const row = await trx
      .insertInto('accounts')
      .values({
        email,
        role: account.role,
        password_hash: account.passwordHash,
        invite_hash: account.inviteHash ?? null,
        invite_expires_at: account.inviteExpiresAt ? storedInstant(account.inviteExpiresAt) : null,
        failed_sign_ins: 0,
        locked_until: null,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { created: true, account: toRecord(row) } as const;
  });
}

export async function findAccountByEmail(
  db: Kysely<Database>,
  email: string,
): Promise<AccountRecord | null> {
  const row = await db
    .selectFrom('accounts')
    .selectAll()
    .where('email', '=', normalizeEmail(email))
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

export async function findAccountById(
  db: Kysely<Database>,
  id: number,
): Promise<AccountRecord | null> {
  const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** An open, unexpired invitation by the SHA-256 of its token. */
export async function findAccountByInvite(
  db: Kysely<Database>,
  inviteHash: string,
  now: string,
): Promise<AccountRecord | null> {
  const row = await db
    .selectFrom('accounts')
    .selectAll()
    .where('invite_hash', '=', inviteHash)
    .where('invite_expires_at', '>', storedInstant(now))
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

export async function listAccounts(db: Kysely<Database>): Promise<AccountRecord[]> {
  const rows = await db.selectFrom('accounts').selectAll().orderBy('email').execute();
  return rows.map(toRecord);
}

/** Sets the password and closes any open invitation; the lock and failure count are cleared. */
export async function setAccountPassword(
  db: Kysely<Database>,
  id: number,
  passwordHash: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({
      password_hash: passwordHash,
      invite_hash: null,
      invite_expires_at: null,
      failed_sign_ins: 0,
      locked_until: null,
      updated_at: storedInstant(now),
    })
    .where('id', '=', id)
    .execute();
}

type GuardedChange = 'done' | 'missing' | 'last_admin';

async function wouldLeaveNoAdmin(trx: Transaction<Database>, id: number): Promise<boolean> {
  const admins = await trx
    .selectFrom('accounts')
    .select('id')
    .where('role', '=', 'admin')
    .where('password_hash', 'is not', null)
    .execute();
  return admins.length === 1 && Number(admins[0]!.id) === id;
}

/** Changes a role; demoting the last admin who can sign in is refused. */
export async function setAccountRole(
  db: Kysely<Database>,
  id: number,
  role: AccountRole,
  now: string,
): Promise<GuardedChange> {
  return db.transaction().execute(async (trx) => {
    await holdAccounts(trx);
    const account = await trx
      .selectFrom('accounts')
      .select('role')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!account) return 'missing';
    if (role !== 'admin' && account.role === 'admin' && (await wouldLeaveNoAdmin(trx, id))) {
      return 'last_admin';
    }
    await trx
      .updateTable('accounts')
      .set({ role, updated_at: storedInstant(now) })
      .where('id', '=', id)
      .execute();
    return 'done';
  });
}

/** Removes an account and its sessions; removing the last admin who can sign in is refused. */
export async function removeAccount(db: Kysely<Database>, id: number): Promise<GuardedChange> {
  return db.transaction().execute(async (trx) => {
    await holdAccounts(trx);
    const account = await trx
      .selectFrom('accounts')
      .select('role')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!account) return 'missing';
    if (account.role === 'admin' && (await wouldLeaveNoAdmin(trx, id))) return 'last_admin';
    await trx.deleteFrom('sessions').where('account_id', '=', id).execute();
    await trx.deleteFrom('accounts').where('id', '=', id).execute();
    return 'done';
  });
}

/**
 * Counts one wrong password; the `threshold`-th in a row locks the account until `lockUntil`.
 * Answers the lock's end when this failure locked it.
 */
export async function recordAccountFailure(
  db: Kysely<Database>,
  id: number,
  threshold: number,
  lockUntil: string,
): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('accounts')
      .set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1) }))
      .where('id', '=', id)
      .returning('failed_sign_ins')
      .executeTakeFirst();
    if (!row || Number(row.failed_sign_ins) < threshold) return null;
    const until = storedInstant(lockUntil);
    await trx
      .updateTable('accounts')
      .set({ locked_until: until, failed_sign_ins: 0 })
      .where('id', '=', id)
      .execute();
    return until;
  });
}

export async function clearAccountFailures(db: Kysely<Database>, id: number): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ failed_sign_ins: 0, locked_until: null })
    .where('id', '=', id)
    .execute();
}
