// Accounts, sessions, sign-in failures and the audit log on a SQLite file and on PostgreSQL: the
// first admin only once even when two setups race, never zero admins, emails case-insensitive,
// the account lock, the address window, session expiry and purge, audit paging.
import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/test-support/databases.js';
import {
  addressLockedUntil,
  appendAudit,
  createAccount,
  deleteAccountSessions,
  findAccountByEmail,
  findAccountByInvite,
  findSession,
  insertSession,
  listAudit,
  purgeSessions,
  recordAccountFailure,
  recordAddressFailure,
  removeAccount,
  setAccountPassword,
  setAccountRole,
} from './index.js';
import { databaseOpeners } from './test-support/database-openers.js';

const openerFor = databaseOpeners('accounts');
const now = '2026-12-04T12:00:00.000Z';
const plus = (minutes: number) => new Date(Date.parse(now) + minutes * 60_000).toISOString();

describe.each(databaseKinds)('accounts store on %s', (kind) => {
  const opener = openerFor(kind);

  it('makes one first admin when two setups race, and keeps emails unique whatever their case', async () => {
    const { store } = await opener.fresh();
    const outcomes = await Promise.all(
      ['a@example.com', 'b@example.com', 'c@example.com'].map((email) =>
        createAccount(store.db, { email, role: 'admin', passwordHash: 'h' }, now, {
          onlyIfNone: true,
        }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.created)).toHaveLength(1);
    expect(
      outcomes.filter((outcome) => !outcome.created && outcome.reason === 'not_first'),
    ).toHaveLength(2);
    const first = outcomes.find((outcome) => outcome.created)!;
    const again = await createAccount(
      store.db,
      {
        email: first.created ? first.account.email.toUpperCase() : '',
        role: 'viewer',
        passwordHash: 'h',
      },
      now,
    );
    expect(again).toEqual({ created: false, reason: 'exists' });
  });

  it('never leaves zero admins who can sign in', async () => {
    const { store } = await opener.fresh();
    const admin = await createAccount(
      store.db,
      { email: 'a@example.com', role: 'admin', passwordHash: 'h' },
      now,
    );
    const invited = await createAccount(
      store.db,
      {
        email: 'b@example.com',
        role: 'admin',
        passwordHash: null,
        inviteHash: 'x'.repeat(64),
        inviteExpiresAt: plus(60),
      },
      now,
    );
    if (!admin.created || !invited.created) throw new Error('setup failed');
    // An invited admin cannot sign in yet, so the first is still the last.
    expect(await setAccountRole(store.db, admin.account.id, 'viewer', now)).toBe('last_admin');
    expect(await removeAccount(store.db, admin.account.id)).toBe('last_admin');
    expect(await findAccountByInvite(store.db, 'x'.repeat(64), now)).toMatchObject({
      email: 'b@example.com',
    });
    expect(await findAccountByInvite(store.db, 'x'.repeat(64), plus(61))).toBeNull();
    await setAccountPassword(store.db, invited.account.id, 'h2', now);
    expect(await findAccountByInvite(store.db, 'x'.repeat(64), now)).toBeNull();
    expect(await setAccountRole(store.db, admin.account.id, 'viewer', now)).toBe('done');
    expect(await removeAccount(store.db, invited.account.id)).toBe('last_admin');
    expect(await setAccountRole(store.db, 9999, 'viewer', now)).toBe('missing');
  });

  it('locks an account at the threshold, and an address after its window fills', async () => {
    const { store } = await opener.fresh();
    const made = await createAccount(
      store.db,
      { email: 'a@example.com', role: 'viewer', passwordHash: 'h' },
      now,
    );
    if (!made.created) throw new Error('setup failed');
    for (let failure = 1; failure < 3; failure++) {
      expect(await recordAccountFailure(store.db, made.account.id, 3, plus(15))).toBeNull();
    }
    expect(await recordAccountFailure(store.db, made.account.id, 3, plus(15))).toBe(plus(15));
    expect((await findAccountByEmail(store.db, 'A@example.com'))?.lockedUntil).toBe(plus(15));

    const limit = { threshold: 3, windowMs: 10 * 60_000, lockMs: 15 * 60_000 };
    expect(await recordAddressFailure(store.db, '192.0.2.1', now, limit)).toBeNull();
    expect(await recordAddressFailure(store.db, '192.0.2.1', plus(1), limit)).toBeNull();
    // A failure after the window starts a new count.
    expect(await recordAddressFailure(store.db, '192.0.2.1', plus(12), limit)).toBeNull();
    expect(await recordAddressFailure(store.db, '192.0.2.1', plus(13), limit)).toBeNull();
    expect(await recordAddressFailure(store.db, '192.0.2.1', plus(14), limit)).toBe(plus(29));
    expect(await addressLockedUntil(store.db, '192.0.2.1', plus(20))).toBe(plus(29));
    expect(await addressLockedUntil(store.db, '192.0.2.1', plus(30))).toBeNull();
    expect(await addressLockedUntil(store.db, '192.0.2.2', plus(20))).toBeNull();
  });

  it('keeps sessions by token hash, ends them everywhere, purges idle and expired ones', async () => {
    const { store } = await opener.fresh();
    const made = await createAccount(
      store.db,
      { email: 'a@example.com', role: 'admin', passwordHash: 'h' },
      now,
    );
    if (!made.created) throw new Error('setup failed');
    const id = made.account.id;
    await insertSession(store.db, { tokenHash: 'h1', accountId: id, expiresAt: plus(600) }, now);
    await insertSession(
      store.db,
      { tokenHash: 'h2', accountId: id, expiresAt: plus(30) },
      plus(20),
    );
    await insertSession(
      store.db,
      { tokenHash: 'h3', accountId: id, expiresAt: plus(600) },
      plus(50),
    );
    expect(await findSession(store.db, 'h1')).toMatchObject({
      email: 'a@example.com',
      role: 'admin',
      lastSeenAt: now,
    });
    // At +60: h1 idle since +0 (limit 45 min) goes, h2 expired at +30 goes, h3 stays.
    expect(await purgeSessions(store.db, plus(60), plus(15))).toBe(2);
    expect(await findSession(store.db, 'h3')).not.toBeNull();
    await insertSession(
      store.db,
      { tokenHash: 'h4', accountId: id, expiresAt: plus(600) },
      plus(60),
    );
    expect(await deleteAccountSessions(store.db, id)).toBe(2);
    expect(await findSession(store.db, 'h4')).toBeNull();
  });

  it('pages the audit log newest first', async () => {
    const { store } = await opener.fresh();
    for (let n = 0; n < 5; n++) {
      await appendAudit(
        store.db,
        { actor: 'cli', action: `a${n}`, detail: n === 0 ? { role: 'admin' } : null },
        plus(n),
      );
    }
    const first = await listAudit(store.db, { limit: 3 });
    expect(first.map((entry) => entry.action)).toEqual(['a4', 'a3', 'a2']);
    const rest = await listAudit(store.db, { limit: 3, before: first.at(-1)!.seq });
    expect(rest.map((entry) => entry.action)).toEqual(['a1', 'a0']);
    expect(rest[1]).toMatchObject({
      actor: 'cli',
      detail: { role: 'admin' },
      subject: null,
      at: now,
    });
  });
});
