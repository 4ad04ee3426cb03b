// user add|list|remove: accounts from the server's shell, e.g. the first admin without the
// browser. `add` prints a generated password once, or reads one from stdin (--password-stdin);
// the password is never logged or stored in clear. Each change goes to the audit log as "cli".
import { randomBytes } from 'node:crypto';
import {
  accountRoles,
  appendAudit,
  createAccount,
  findAccountByEmail,
  listAccounts,
  migrateToLatest,
  openStore,
  removeAccount,
  type AccountRole,
  type Store,
} from '../../store/index.js';
import { hashPassword, passwordProblem } from '../../web/auth/password.js';
import { defineCommand, parseCommandArgs, UsageError } from '../args.js';
import { configFor, print, printError, type CommandIo } from '../io.js';
import { formatTable } from '../table.js';

export const userCommand = defineCommand({
  synopsis:
    'user add EMAIL [--role admin|viewer] [--password-stdin] | user list [--json] | user remove EMAIL',
  summary:
    'Accounts that sign in to the web pages: add one (prints a generated password), list, remove.',
  options: {
    role: { type: 'string' },
    'password-stdin': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  help: {
    role: { arg: 'ROLE', text: 'admin (manages vendorwatch and its users) or viewer (default)' },
    'password-stdin': { text: 'read the password from stdin instead of generating one' },
    json: { text: 'list: print JSON' },
  },
});

const usage =
  'usage: vendorwatch user add EMAIL [--role admin|viewer] [--password-stdin] | user list | user remove EMAIL';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function withStore<T>(url: string, run: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(url);
  try {
    await migrateToLatest(store);
    return await run(store);
  } finally {
    await store.close();
  }
}

export async function runUser(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, userCommand.options, 2);
  const [action, email] = positionals;
  const config = configFor(io, values);
  const now = () => new Date().toISOString();
  if (action === 'list' && email === undefined) {
    return withStore(config.databaseUrl, async (store) => {
      const accounts = await listAccounts(store.db);
      const at = now();
      const rows = accounts.map((account) => ({
        email: account.email,
        role: account.role,
        state: account.invited
          ? 'invited'
          : account.lockedUntil !== null && account.lockedUntil > at
            ? `locked until ${account.lockedUntil}`
            : 'active',
        createdAt: account.createdAt,
      }));
      if (values.json) print(io.stdout, JSON.stringify({ accounts: rows }, null, 2));
      else if (rows.length === 0)
        print(io.stdout, 'no accounts yet (vendorwatch user add EMAIL --role admin)');
      else {
        print(
          io.stdout,
          formatTable(
            ['EMAIL', 'ROLE', 'STATE', 'CREATED'],
            rows.map((row) => [row.email, row.role, row.state, row.createdAt]),
          ),
        );
      }
      return 0;
    });
  }
  if (email === undefined || (action !== 'add' && action !== 'remove')) throw new UsageError(usage);
  if (action === 'remove') {
    return withStore(config.databaseUrl, async (store) => {
      const account = await findAccountByEmail(store.db, email);
      if (!account) {
        printError(io, 'user', `no account for ${email}`);
        return 1;
      }
      const outcome = await removeAccount(store.db, account.id);
      if (outcome === 'last_admin') {
        printError(io, 'user', `${account.email} is the last admin; make someone else admin first`);
        return 1;
      }
      await appendAudit(
        store.db,
        { actor: 'cli', action: 'user.removed', subject: account.email },
        now(),
      );
      print(io.stdout, `removed ${account.email} and ended its sessions`);
      return 0;
    });
  }

  const role = values.role ?? 'viewer';
  if (!(accountRoles as readonly string[]).includes(role))
    throw new UsageError('--role must be admin or viewer');
  if (!/^[^\s@<>"']{1,64}@[^\s@<>"']{1,189}$/.test(email))
    throw new UsageError(`"${email.slice(0, 80)}" is not an email address`);
  let password: string;
  let generated = false;
  if (values['password-stdin']) {
    if (!io.stdin) throw new UsageError('--password-stdin needs a standard input');
    password = (await readAll(io.stdin)).replace(/\r?\n$/, '');
    const problem = passwordProblem(password);
    if (problem) {
      printError(io, 'user', problem);
      return 1;
    }
  } else {
    password = randomBytes(18).toString('base64url');
    generated = true;
  }
  return withStore(config.databaseUrl, async (store) => {
    const created = await createAccount(
      store.db,
      { email, role: role as AccountRole, passwordHash: await hashPassword(password) },
      now(),
    );
    if (!created.created) {
      printError(io, 'user', `${email} already has an account`);
      return 1;
    }
    await appendAudit(
      store.db,
      { actor: 'cli', action: 'user.created', subject: created.account.email, detail: { role } },
      now(),
    );
    print(io.stdout, `created ${role} ${created.account.email}`);
    if (generated) {
      print(io.stdout, `password (shown once, not stored in clear): ${password}`);
    }
    return 0;
  });
}
