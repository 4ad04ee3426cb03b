// pause SLUG, resume SLUG, remove SLUG [--delete-history]: the watch list's changes from the
// command line, through the same store functions as /manage/vendors and PATCH/DELETE
// /api/v1/vendors/{slug}, recorded in the audit log as the CLI's. A running `serve` on the same
// database sees them at its next claim, with no restart.
import { slugPattern } from '../../config/schema.js';
import {
  appendAudit,
  getWatchedVendor,
  migrateToLatest,
  openStore,
  removeVendor,
  updateVendorSettings,
  type WatchChange,
} from '../../store/index.js';
import { configVendorMessage, missingVendorMessage } from '../../web/api/vendors-manage.js';
import { defineCommand, parseCommandArgs, UsageError } from '../args.js';
import { configFor, print, printError, type CommandIo } from '../io.js';

export const pauseCommand = defineCommand({
  synopsis: 'pause SLUG',
  summary: 'Stop polling a vendor added at run time; its page and history stay.',
  options: {},
  help: {},
});

export const resumeCommand = defineCommand({
  synopsis: 'resume SLUG',
  summary: 'Poll a paused vendor again, at once.',
  options: {},
  help: {},
});

export const removeCommand = defineCommand({
  synopsis: 'remove SLUG [--delete-history]',
  summary: 'Stop watching a vendor added at run time, keeping its history unless told otherwise.',
  options: { 'delete-history': { type: 'boolean' } },
  help: {
    'delete-history': { text: 'also delete its incidents, events and deliveries for good' },
  },
});

function slugOf(positionals: string[], command: string): string {
  const slug = positionals[0];
  if (!slug || !slugPattern.test(slug)) throw new UsageError(`${command} needs a vendor slug`);
  return slug;
}

/** Opens the configured store, runs the change, and reports a refusal as one error line. */
async function change(
  io: CommandIo,
  values: { config?: string | undefined; db?: string | undefined },
  command: string,
  slug: string,
  apply: (db: Parameters<typeof getWatchedVendor>[0]) => Promise<WatchChange>,
  audit: { action: string; detail?: Record<string, unknown> },
  done: string,
): Promise<number> {
  const config = configFor(io, values);
  const store = await openStore(config.databaseUrl);
  try {
    await migrateToLatest(store);
    const outcome = await apply(store.db);
    if (outcome !== 'changed') {
      printError(
        io,
        command,
        outcome === 'config' ? configVendorMessage(slug) : missingVendorMessage(slug),
      );
      return 1;
    }
    await appendAudit(
      store.db,
      { actor: 'cli', subject: slug, ...audit },
      new Date().toISOString(),
    );
    print(io.stdout, done);
    return 0;
  } finally {
    await store.close();
  }
}

export async function runPause(argv: string[], io: CommandIo): Promise<number> {
  return runPausedState(argv, io, true);
}

export async function runResume(argv: string[], io: CommandIo): Promise<number> {
  return runPausedState(argv, io, false);
}

async function runPausedState(argv: string[], io: CommandIo, paused: boolean): Promise<number> {
  const command = paused ? 'pause' : 'resume';
  const { values, positionals } = parseCommandArgs(
    argv,
    (paused ? pauseCommand : resumeCommand).options,
    1,
  );
  const slug = slugOf(positionals, command);
  let already = false;
  return change(
    io,
    values,
    command,
    slug,
    async (db) => {
      const before = await getWatchedVendor(db, slug);
      already = before !== null && before.source === 'api' && before.paused === paused;
      return updateVendorSettings(db, slug, { paused }, new Date().toISOString());
    },
    { action: paused ? 'vendor.paused' : 'vendor.resumed' },
    paused
      ? `paused ${slug}: it is not polled until \`vendorwatch resume ${slug}\``
      : `resumed ${slug}: it is polled again at once`,
  ).then((code) => {
    if (code === 0 && already) {
      print(io.stdout, paused ? '(it was already paused)' : '(it was not paused)');
    }
    return code;
  });
}

export async function runRemove(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, removeCommand.options, 1);
  const slug = slugOf(positionals, 'remove');
  const history = values['delete-history'] ? 'delete' : 'keep';
  return change(
    io,
    values,
    'remove',
    slug,
    (db) => removeVendor(db, slug, history),
    { action: 'vendor.removed', detail: { history } },
    history === 'keep'
      ? `removed ${slug}; its history was kept (add it again to resume it)`
      : `removed ${slug} and deleted its history`,
  );
}
