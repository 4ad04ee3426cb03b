// notify: `notify test NAME` sends a sample message to one configured target through the same
// channel, guard and redaction as the dispatcher and prints what happened; a success puts a
// disabled or quarantined target back in service. `notify list` shows every target's state.
import { loadTargets, localPublicUrl, notifyTargets } from '../../app/notifier.js';
import { sendTestMessage } from '../../app/test-send.js';
import { describeDestination } from '../../notify/targets.js';
import type { NotifyTarget } from '../../notify/types.js';
import {
  listNotifyTargets,
  migrateToLatest,
  openStore,
  reactivateNotifyTarget,
  type Store,
} from '../../store/index.js';
import { didYouMean, nearestNames } from '../../config/nearest.js';
import { defineCommand, parseCommandArgs, parseIntegerOption, UsageError } from '../args.js';
import { configFor, print, printError, type CommandIo } from '../io.js';
import { formatTable } from '../table.js';

const defaultTimeoutSeconds = 15;

export const notifyCommand = defineCommand({
  synopsis: 'notify test NAME | notify list [--json] [--timeout SECONDS]',
  summary:
    'test NAME sends a sample message to one configured target; list shows every target and its state.',
  options: { json: { type: 'boolean' }, timeout: { type: 'string' } },
  help: {
    json: { text: 'print JSON' },
    timeout: {
      arg: 'SECONDS',
      text: `how long test waits for the target (1 to 120, default ${defaultTimeoutSeconds})`,
    },
  },
});

export async function runNotify(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, notifyCommand.options, 2);
  const [action, name] = positionals;
  const timeoutSeconds =
    parseIntegerOption(values.timeout, 'timeout', 1, 120) ?? defaultTimeoutSeconds;
  const config = configFor(io, values);
  const listing = action === 'list' && name === undefined;
  if (!listing && (action !== 'test' || name === undefined)) {
    throw new UsageError('usage: vendorwatch notify test NAME | vendorwatch notify list');
  }
  if (listing) {
    return withStore(config.databaseUrl, async (store) =>
      listTargets(io, store, await loadTargets(config, store.db), values.json),
    );
  }
  const targets = await testableTargets(io, config);
  const target = targets.find((candidate) => candidate.name === name);
  if (!target) {
    const names = targets.map((t) => t.name);
    const near = nearestNames(name ?? '', names);
    const known =
      near.length > 0 ? didYouMean(near) : ` (targets: ${names.join(', ') || 'none configured'})`;
    throw new UsageError(`no notification target named "${name}"${known}`, {
      pointsToHelp: false,
    });
  }

  const where = `${target.name} (${target.type}, ${describeDestination(target)})`;
  const sent = await sendTestMessage(target, {
    config,
    publicUrl: localPublicUrl(config.server),
    timeoutMs: timeoutSeconds * 1000,
  });
  if (!sent.ok && sent.kind === 'silent') {
    printError(io, 'notify', `${where}: ${sent.error}`);
    return 1;
  }
  const { ms } = sent;
  const result = sent.ok
    ? { ok: true, target: target.name, type: target.type, result: sent.detail, ms }
    : {
        ok: false,
        target: target.name,
        type: target.type,
        result: sent.kind,
        error: sent.error,
        ms,
      };
  if (values.json) print(io.stdout, JSON.stringify(result));
  else if (result.ok) print(io.stdout, `sent to ${where}: ${result.result} in ${ms} ms`);
  else
    printError(
      io,
      'notify',
      `${where}: ${!sent.ok && sent.kind === 'retry' ? 'failed (temporary)' : 'failed'}: ${result.error}`,
    );
  if (sent.ok) await reactivate(io, config.databaseUrl, target, values.json === true);
  return sent.ok ? 0 : 1;
}

/**
 * The config file's targets and those added through the admin API (kept in the store). A test of
 * a config target must work while the store is down, so then only the config file's are known.
 */
async function testableTargets(
  io: CommandIo,
  config: ReturnType<typeof configFor>,
): Promise<readonly NotifyTarget[]> {
  try {
    return await withStore(config.databaseUrl, (store) => loadTargets(config, store.db));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    printError(
      io,
      'notify',
      `the store cannot be read (${reason}); testing the config file's targets only`,
    );
    return notifyTargets(config);
  }
}

async function withStore<T>(databaseUrl: string, use: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(databaseUrl);
  try {
    await migrateToLatest(store);
    return await use(store);
  } finally {
    await store.close();
  }
}

/** A working destination undoes a 410 or a quarantine recorded in the store. */
async function reactivate(
  io: CommandIo,
  databaseUrl: string,
  target: NotifyTarget,
  quiet: boolean,
) {
  try {
    const now = new Date().toISOString();
    const revived = await withStore(databaseUrl, (store) =>
      reactivateNotifyTarget(store.db, target.name, now),
    );
    if (revived && !quiet) {
      print(io.stdout, `${target.name} was disabled or quarantined; it is active again`);
    }
  } catch (error) {
    // The message went out; only the bookkeeping failed.
    const reason = error instanceof Error ? error.message : String(error);
    printError(
      io,
      'notify',
      `the store cannot be written (${reason}); the target's state is unchanged`,
    );
  }
}

async function listTargets(
  io: CommandIo,
  store: Store,
  targets: readonly NotifyTarget[],
  json: boolean | undefined,
): Promise<number> {
  const stored = new Map((await listNotifyTargets(store.db)).map((t) => [t.name, t]));
  const rows = targets.map((target) => {
    const state = stored.get(target.name);
    return {
      name: target.name,
      type: target.type,
      origin: state?.origin ?? 'config',
      destination: describeDestination(target),
      state: state?.state ?? 'active',
      // An admin turned it off on /manage/targets: nothing is sent until it is turned on.
      enabled: !state?.pausedAt,
      reason: state?.pausedBy ? `turned off by ${state.pausedBy}` : (state?.reason ?? null),
      lastError: state?.lastError ?? null,
    };
  });
  if (json) print(io.stdout, JSON.stringify({ targets: rows }, null, 2));
  else if (rows.length === 0) print(io.stdout, 'no notification targets configured');
  else {
    print(
      io.stdout,
      formatTable(
        ['TARGET', 'TYPE', 'FROM', 'DESTINATION', 'STATE', 'WHY'],
        rows.map((r) => [
          r.name,
          r.type,
          r.origin,
          r.destination,
          r.enabled ? r.state : 'off',
          r.reason ?? r.lastError ?? '',
        ]),
      ),
    );
  }
  return 0;
}
