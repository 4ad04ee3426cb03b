// incidents [--vendor SLUG] [--active] [--search TEXT] [--flag KIND] [--json]: recent incidents
// from the store.
import { formatDuration } from '../../domain/duration.js';
import { flagKinds } from '../../domain/hygiene-flags.js';
import { isOneOf } from '../../domain/vocabulary.js';
import { incidentDurationSeconds } from '../../domain/summary.js';
import type { Kysely } from 'kysely';
import { didYouMean, nearestNames } from '../../config/nearest.js';
import {
  listIncidents,
  listVendorStatuses,
  migrateToLatest,
  openStore,
  type Database,
} from '../../store/index.js';
import { defineCommand, parseCommandArgs, parseIntegerOption, UsageError } from '../args.js';
import { configFor, print, type CommandIo } from '../io.js';
import { formatTable } from '../table.js';

export const incidentsCommand = defineCommand({
  synopsis:
    'incidents [--vendor SLUG] [--active] [--search TEXT] [--flag KIND] [--json] [--limit N]',
  summary: 'Recent incidents from the store, newest first.',
  options: {
    vendor: { type: 'string' },
    active: { type: 'boolean' },
    search: { type: 'string' },
    flag: { type: 'string' },
    json: { type: 'boolean' },
    limit: { type: 'string' },
  },
  help: {
    vendor: { arg: 'SLUG', text: 'only this vendor' },
    active: { text: 'only incidents not yet resolved' },
    search: {
      arg: 'TEXT',
      text: 'only incidents holding these words (title, vendor, components, update texts)',
    },
    flag: {
      arg: 'KIND',
      text: `only incidents this hygiene flag holds for (${flagKinds.join(', ')})`,
    },
    json: { text: 'print JSON' },
    limit: { arg: 'N', text: 'at most N incidents (1 to 1000)' },
  },
});

export async function runIncidents(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseCommandArgs(argv, incidentsCommand.options, 0);
  const limit = parseIntegerOption(values.limit, 'limit', 1, 1000) ?? 20;
  const flag = values.flag;
  if (flag !== undefined && !isOneOf(flagKinds, flag)) {
    throw new UsageError(`--flag must be one of ${flagKinds.join(', ')}, got "${flag}"`);
  }
  const config = configFor(io, values);
  const store = await openStore(config.databaseUrl);
  try {
    await migrateToLatest(store);
    if (values.vendor !== undefined) await assertStoredVendor(store.db, values.vendor);
    const { incidents } = await listIncidents(store.db, {
      limit,
      ...(values.vendor ? { vendor: values.vendor } : {}),
      ...(values.active ? { active: true } : {}),
      ...(values.search?.trim() ? { q: values.search } : {}),
      ...(flag !== undefined ? { flag } : {}),
    });
    if (values.json) {
      print(io.stdout, JSON.stringify({ incidents }, null, 2));
      return 0;
    }
    if (incidents.length === 0) {
      print(io.stdout, 'no incidents found');
      return 0;
    }
    const now = new Date().toISOString();
    const rows = incidents.map((i) => [
      i.startedAt.slice(0, 16).replace('T', ' '),
      i.vendorSlug,
      i.impact,
      i.phase,
      formatDuration(incidentDurationSeconds(i, now)),
      i.title.length > 60 ? `${i.title.slice(0, 59)}…` : i.title,
      i.id,
    ]);
    print(
      io.stdout,
      formatTable(['STARTED (UTC)', 'VENDOR', 'IMPACT', 'PHASE', 'DURATION', 'TITLE', 'ID'], rows),
    );
    return 0;
  } finally {
    await store.close();
  }
}

/** A slug the store does not know is a typo, not a vendor without incidents: say which was meant. */
async function assertStoredVendor(db: Kysely<Database>, slug: string): Promise<void> {
  const stored = (await listVendorStatuses(db, new Date().toISOString())).map((v) => v.slug);
  if (stored.includes(slug)) return;
  const near = nearestNames(slug, stored);
  const next =
    near.length > 0
      ? didYouMean(near)
      : stored.length === 0
        ? ': the store has no vendors yet (run vendorwatch serve first, or pass --db)'
        : ' (vendorwatch status lists them)';
  throw new UsageError(`no vendor "${slug}" in the store${next}`, { pointsToHelp: false });
}
