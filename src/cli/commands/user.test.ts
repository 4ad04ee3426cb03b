// `vendorwatch user add|list|remove` on a SQLite file and on PostgreSQL: the generated password is
// printed once and signs in (its hash, never the password, is stored), --password-stdin reads one,
// the last admin cannot be removed, and every change is in the audit log.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../test/test-support/databases.js';
import { findAccountByEmail, listAudit } from '../../store/index.js';
import { databaseOpeners } from '../../store/test-support/database-openers.js';
import { verifyPassword } from '../../web/auth/password.js';
import { runCli } from '../main.js';

const openerFor = databaseOpeners('cli-user');

async function run(argv: string[], db: string, stdin?: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const io = {
    stdout,
    stderr,
    env: {},
    cwd: mkdtempSync(join(tmpdir(), 'vw-user-')),
    untilSignal: () => Promise.resolve('SIGTERM'),
    ...(stdin === undefined ? {} : { stdin: Readable.from([stdin]) }),
  };
  const code = await runCli([...argv, '--db', db], io);
  return { code, out, err };
}

describe.each(databaseKinds)('vendorwatch user on %s', (kind) => {
  const opener = openerFor(kind);

  it('adds an admin with a generated password shown once, lists, and refuses to remove the last admin', async () => {
    const { url, store } = await opener.fresh();
    const added = await run(['user', 'add', 'Ops@Example.com', '--role', 'admin'], url);
    expect(added.code, added.err).toBe(0);
    expect(added.out).toContain('created admin ops@example.com');
    const password = /password \(shown once, not stored in clear\): (\S+)/.exec(added.out)![1]!;
    expect(password).toHaveLength(24);
    const account = await findAccountByEmail(store.db, 'ops@example.com');
    expect(account?.passwordHash).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(account?.passwordHash).not.toContain(password);
    expect(await verifyPassword(password, account!.passwordHash!)).toBe(true);

    const typed = 'a-typed-password-from-stdin';
    const viewer = await run(
      ['user', 'add', 'viewer@example.com', '--password-stdin'],
      url,
      `${typed}\n`,
    );
    expect(viewer.code, viewer.err).toBe(0);
    expect(viewer.out).toBe('created viewer viewer@example.com\n');
    const stored = await findAccountByEmail(store.db, 'viewer@example.com');
    expect(await verifyPassword(typed, stored!.passwordHash!)).toBe(true);

    const short = await run(['user', 'add', 'x@example.com', '--password-stdin'], url, 'short\n');
    expect(short.code).toBe(1);
    expect(short.err).toContain('at least 12 characters');
    expect((await run(['user', 'add', 'viewer@example.com'], url)).err).toContain(
      'already has an account',
    );

    const listed = await run(['user', 'list', '--json'], url);
    const { accounts } = JSON.parse(listed.out) as {
      accounts: Array<{ email: string; role: string }>;
    };
    expect(accounts.map((a) => `${a.email} ${a.role}`)).toEqual([
      'ops@example.com admin',
      'viewer@example.com viewer',
    ]);
    expect(listed.out).not.toContain('scrypt');

    const last = await run(['user', 'remove', 'ops@example.com'], url);
    expect(last.code).toBe(1);
    expect(last.err).toContain('last admin');
    const removed = await run(['user', 'remove', 'viewer@example.com'], url);
    expect(removed.code).toBe(0);
    const audit = await listAudit(store.db, { limit: 10 });
    expect(
      audit.map((entry) => `${entry.actor} ${entry.action} ${entry.subject}`).reverse(),
    ).toEqual([
      'cli user.created ops@example.com',
      'cli user.created viewer@example.com',
      'cli user.removed viewer@example.com',
    ]);
  });
});
