// prune --before DATE [--dry-run] [--json]: deletes the delivery log and removed vendors' raw
// payloads from before DATE. Incidents, updates, revisions and events are never pruned.
import { countPrunable, migrateToLatest, openStore, pruneBefore } from '../../store/index.js';
import { defineCommand, parseCommandArgs, UsageError } from '../args.js';
import { configFor, print, type CommandIo } from '../io.js';

export const pruneCommand = defineCommand({
  synopsis: 'prune --before DATE [--dry-run] [--json]',
  summary:
    'Deletes finished deliveries and raw payloads of removed vendors from before DATE; never incidents or events.',
  options: {
    before: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  help: {
    before: { arg: 'DATE', text: 'a day (2026-09-01, midnight UTC) or an instant (ISO 8601)' },
    'dry-run': { text: 'count what would be deleted, delete nothing' },
    json: { text: 'print JSON' },
  },
});

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** The cut-off as an ISO instant; a day means its first moment in UTC. */
export function parseCutoff(text: string | undefined, now: Date): string {
  if (text === undefined) {
    throw new UsageError('--before DATE is required, e.g. --before 2026-09-01');
  }
  const trimmed = text.trim();
  const valid = dayPattern.test(trimmed) || instantPattern.test(trimmed);
  const at = valid ? new Date(dayPattern.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed) : null;
  if (!at || Number.isNaN(at.getTime())) {
    throw new UsageError(
      `--before "${text}" is not a date: use a day (2026-09-01) or an instant (2026-09-01T12:00:00Z)`,
    );
  }
  if (at.getTime() > now.getTime()) {
    throw new UsageError(`--before ${trimmed} is in the future: nothing after now can be pruned`);
  }
  return at.toISOString();
}

export async function runPrune(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseCommandArgs(argv, pruneCommand.options, 0);
  const before = parseCutoff(values.before, new Date());
  const config = configFor(io, values);
  const store = await openStore(config.databaseUrl);
  try {
    await migrateToLatest(store);
    const dryRun = values['dry-run'] === true;
    const counts = dryRun
      ? await countPrunable(store.db, before)
      : await pruneBefore(store.db, before);
    if (values.json) {
      print(io.stdout, JSON.stringify({ before, dryRun, ...counts }, null, 2));
      return 0;
    }
    const verb = dryRun ? 'would delete' : 'deleted';
    print(
      io.stdout,
      `${verb} ${counts.deliveries} finished deliveries (sent, failed or skipped) and ` +
        `${counts.payloads} raw payloads of removed vendors from before ${before}; ` +
        'incidents, updates, revisions and events are kept',
    );
    return 0;
  } finally {
    await store.close();
  }
}
