// The watched vendors and the leases that let several workers share their polls.
import type { Kysely, Selectable } from 'kysely';
import type { Vendor } from '../domain/model.js';
import type { ProbeSpec } from '../domain/probe.js';
import { addSeconds } from '../domain/time.js';
import type { Category } from '../domain/vocabulary.js';
import {
  chunk,
  flag,
  fromJsonOrNull,
  maxInListSize,
  rowsPerInsert,
  storableText,
  storedInstant,
  toJson,
} from './codec.js';
import { dialectOf } from './db.js';
import { refreshVendorSearchWords } from './incident-search.js';
import {
  openIncidentSelection,
  pollStateColumns,
  pollStateFromRow,
  type PollState,
} from './poll-state.js';
import type { Database, VendorTable } from './schema.js';

type VendorSource = 'config' | 'api';

/** A vendor to sync; a config vendor also brings its probes (none when absent). */
export type SyncedVendor = Vendor & {
  probes?: readonly ProbeSpec[];
  suspectAfter?: number;
};

interface VendorSyncResult {
  added: string[];
  /** Config vendors no longer in the config: kept with their history, no longer polled. */
  disabled: string[];
}

export const vendorColumns = [
  'vendors.slug',
  'vendors.name',
  'vendors.status_page_url',
  'vendors.platform',
  'vendors.category',
  'vendors.interval_seconds',
  'vendors.followed_components',
] as const;

type VendorRow = Pick<
  Selectable<VendorTable>,
  | 'slug'
  | 'name'
  | 'status_page_url'
  | 'platform'
  | 'category'
  | 'interval_seconds'
  | 'followed_components'
>;

export function vendorFromRow(row: VendorRow): Vendor {
  const followed = fromJsonOrNull<string[]>(row.followed_components);
  return {
    slug: row.slug,
    name: row.name,
    statusPageUrl: row.status_page_url,
    platform: row.platform,
    // Written only from typed domain values.
    category: row.category as Category,
    intervalSeconds: row.interval_seconds,
    // Absent when every component is followed, so such a vendor reads as it always did.
    ...(followed === null ? {} : { followedComponents: followed }),
  };
}

/** Upserts the vendors; with source 'config', config vendors missing from the list are disabled. */
export async function syncVendors(
  db: Kysely<Database>,
  vendors: readonly Vendor[],
  source: VendorSource,
  now: string,
): Promise<VendorSyncResult> {
  const at = storedInstant(now);
  return db.transaction().execute((trx) => upsertVendors(trx, vendors, source, at));
}

/**
 * The config file's vendors, as syncVendors stores them, and in the same transaction each one's
 * probes and suspectAfter as the file has them (none when absent): the store is what the probe
 * runner reads, whether probes come from the file or from the watch list.
 */
export async function syncConfigVendors(
  db: Kysely<Database>,
  vendors: readonly SyncedVendor[],
  now: string,
): Promise<VendorSyncResult> {
  const at = storedInstant(now);
  return db.transaction().execute(async (trx) => {
    const result = await upsertVendors(trx, vendors, 'config', at);
    await writeConfigProbes(trx, vendors);
    return result;
  });
}

/** Writes the probe columns of the config vendors whose probes differ from what is stored. */
async function writeConfigProbes(
  trx: Kysely<Database>,
  vendors: readonly SyncedVendor[],
): Promise<void> {
  const stored = new Map<string, { probes: string | null; suspect_after: number | null }>();
  for (const slugs of chunk(
    vendors.map((vendor) => vendor.slug),
    maxInListSize,
  )) {
    const rows = await trx
      .selectFrom('vendors')
      .select(['slug', 'probes', 'suspect_after'])
      .where('slug', 'in', slugs)
      .execute();
    for (const row of rows) {
      stored.set(row.slug, {
        probes: row.probes,
        suspect_after: row.suspect_after === null ? null : Number(row.suspect_after),
      });
    }
  }
  for (const vendor of vendors) {
    const columns = probeColumns(vendor.probes ?? [], vendor.suspectAfter ?? null);
    const before = stored.get(vendor.slug);
    if (
      before &&
      before.probes === columns.probes &&
      before.suspect_after === columns.suspect_after
    ) {
      continue;
    }
    await trx.updateTable('vendors').set(columns).where('slug', '=', vendor.slug).execute();
  }
}

async function upsertVendors(
  trx: Kysely<Database>,
  vendors: readonly Vendor[],
  source: VendorSource,
  at: string,
): Promise<VendorSyncResult> {
  const existing = new Map<string, string>();
  for (const slugs of chunk(
    vendors.map((vendor) => vendor.slug),
    maxInListSize,
  )) {
    const rows = await trx
      .selectFrom('vendors')
      .select(['slug', 'name'])
      .where('slug', 'in', slugs)
      .execute();
    for (const row of rows) existing.set(row.slug, row.name);
  }

  for (const batch of chunk(vendors, rowsPerInsert(9))) {
    await trx
      .insertInto('vendors')
      .values(batch.map((vendor) => vendorRow(vendor, source, at)))
      .onConflict((conflict) =>
        conflict.column('slug').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          status_page_url: eb.ref('excluded.status_page_url'),
          platform: eb.ref('excluded.platform'),
          category: eb.ref('excluded.category'),
          interval_seconds: eb.ref('excluded.interval_seconds'),
          source: eb.ref('excluded.source'),
          enabled: 1,
        })),
      )
      .execute();
    await trx
      .insertInto('vendor_state')
      .values(batch.map((vendor) => ({ slug: vendor.slug, next_poll_at: at })))
      .onConflict((conflict) => conflict.column('slug').doNothing())
      .execute();
  }

  const disabled: string[] = [];
  if (source === 'config') {
    const listed = new Set(vendors.map((vendor) => vendor.slug));
    const configured = await trx
      .selectFrom('vendors')
      .select('slug')
      .where('source', '=', 'config')
      .where('enabled', '=', 1)
      .execute();
    disabled.push(...configured.map((row) => row.slug).filter((slug) => !listed.has(slug)));
    for (const slugs of chunk(disabled, maxInListSize)) {
      await trx.updateTable('vendors').set({ enabled: 0 }).where('slug', 'in', slugs).execute();
    }
  }
  for (const vendor of vendors) {
    const storedName = existing.get(vendor.slug);
    if (storedName !== undefined && storedName !== storableText(vendor.name)) {
      await refreshVendorSearchWords(trx, vendor.slug);
    }
  }
  const added = vendors.map((vendor) => vendor.slug).filter((slug) => !existing.has(slug));
  return { added, disabled };
}

function vendorRow(vendor: Vendor, source: VendorSource, at: string) {
  return {
    slug: vendor.slug,
    name: storableText(vendor.name),
    status_page_url: storableText(vendor.statusPageUrl),
    platform: vendor.platform,
    category: vendor.category,
    interval_seconds: vendor.intervalSeconds,
    source,
    enabled: flag(true),
    created_at: at,
  };
}

/** The vendors row's probe columns: no probes store null (and no threshold of their own). */
export function probeColumns(
  probes: readonly ProbeSpec[],
  suspectAfter: number | null,
): { probes: string | null; suspect_after: number | null } {
  return probes.length === 0
    ? { probes: null, suspect_after: null }
    : { probes: toJson(probes), suspect_after: suspectAfter };
}

interface ClaimOptions {
  /** Who claims: a worker's unique id. */
  owner: string;
  now: string;
  /** How long the claim holds if the worker dies before recording the poll. */
  leaseSeconds: number;
  limit: number;
}

/**
 * Claims enabled vendors that are due and not leased by anyone else, soonest due first.
 * On PostgreSQL, FOR UPDATE SKIP LOCKED keeps concurrent workers' claims disjoint; on SQLite the
 * write transaction (BEGIN IMMEDIATE) does.
 */
export async function claimDueVendors(
  db: Kysely<Database>,
  options: ClaimOptions,
): Promise<Vendor[]> {
  return (await claimDuePolls(db, options)).map((claimed) => claimed.vendor);
}

/** A claimed vendor with its poll state as it was claimed (only the lease holder changes it). */
export interface ClaimedPoll {
  vendor: Vendor;
  state: PollState;
}

/**
 * claimDuePolls, with each vendor's poll state read in the same query. A claimed vendor's
 * next_poll_at moves to its first lease's end, so vendors in flight leave the due range of the
 * next_poll_at index: a claim reads only what it takes, however many polls the workers have in
 * flight (a poll longer than a lease comes back in range, filtered by its renewed lease_until). On PostgreSQL the claim is one statement
 * (one round trip, row locks held for that statement only); SQLite takes its write lock instead.
 */
export async function claimDuePolls(
  db: Kysely<Database>,
  options: ClaimOptions,
): Promise<ClaimedPoll[]> {
  const limit = Math.max(0, Math.floor(options.limit));
  if (limit === 0) return [];
  if (dialectOf(db) === 'postgres') {
    const rows = await claimStatement(db, { ...options, limit }).execute();
    return rows.map((row) => ({ vendor: vendorFromRow(row), state: pollStateFromRow(row) }));
  }
  const at = storedInstant(options.now);
  const leaseUntil = addSeconds(at, options.leaseSeconds);
  return db.transaction().execute(async (trx) => {
    const rows = await dueVendors(trx, at, limit).execute();
    for (const slugs of chunk(
      rows.map((row) => row.slug),
      maxInListSize,
    )) {
      await trx
        .updateTable('vendor_state')
        .set({ lease_owner: options.owner, lease_until: leaseUntil, next_poll_at: leaseUntil })
        .where('slug', 'in', slugs)
        .execute();
    }
    return rows.map((row) => ({ vendor: vendorFromRow(row), state: pollStateFromRow(row) }));
  });
}

/** Due, enabled, unleased vendors, soonest due first: a range of the next_poll_at index. */
function dueVendors(db: Kysely<Database>, at: string, limit: number) {
  return (
    db
      .selectFrom('vendor_state')
      .innerJoin('vendors', 'vendors.slug', 'vendor_state.slug')
      .select([...vendorColumns, ...pollStateColumns])
      .select(openIncidentSelection)
      .where('vendor_state.next_poll_at', '<=', at)
      .where((eb) =>
        eb.or([
          eb('vendor_state.lease_until', 'is', null),
          eb('vendor_state.lease_until', '<=', at),
        ]),
      )
      .where('vendors.enabled', '=', 1)
      // A paused vendor stays due: resumed, it is polled at once.
      .where('vendors.paused', '=', 0)
      .orderBy('vendor_state.next_poll_at')
      .orderBy('vendor_state.slug')
      .limit(limit)
  );
}

/**
 * PostgreSQL's claim as one statement: the due rows locked (skipping rows another worker is
 * claiming this instant), leased, and returned as they were before the lease. Exported for the
 * EXPLAIN in bench/claim-plan.mjs.
 */
export function claimStatement(db: Kysely<Database>, options: ClaimOptions) {
  const at = storedInstant(options.now);
  const leaseUntil = addSeconds(at, options.leaseSeconds);
  return db
    .with('picked', () =>
      dueVendors(db, at, Math.max(0, Math.floor(options.limit)))
        .forUpdate('vendor_state')
        .skipLocked(),
    )
    .with('leased', (qb) =>
      qb
        .updateTable('vendor_state')
        .set({ lease_owner: options.owner, lease_until: leaseUntil, next_poll_at: leaseUntil })
        .where('vendor_state.slug', 'in', (eb) => eb.selectFrom('picked').select('picked.slug'))
        .returning('vendor_state.slug'),
    )
    .selectFrom('picked')
    .innerJoin('leased', 'leased.slug', 'picked.slug')
    .selectAll('picked')
    .orderBy('picked.next_poll_at')
    .orderBy('picked.slug');
}

/**
 * The next_poll_at of a vendor whose lease was handed back before its poll was recorded (a
 * worker stopping, or found dead): due at once, ahead of the rest, as its poll is overdue.
 */
export const dueAtOnce = '1970-01-01T00:00:00.000Z';

/** Gives back every lease an owner holds (a worker shutting down), so others poll at once. */
export async function releaseLeases(db: Kysely<Database>, owner: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('vendor_state')
      .set({ lease_owner: null, lease_until: null, next_poll_at: dueAtOnce })
      .where('lease_owner', '=', owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  });
}

/** A vendor's display name (also of a vendor no longer watched), or null for an unknown slug. */
export async function findVendorName(db: Kysely<Database>, slug: string): Promise<string | null> {
  const row = await db
    .selectFrom('vendors')
    .select('name')
    .where('slug', '=', storableText(slug))
    .executeTakeFirst();
  return row?.name ?? null;
}

/** Stores what detection found for an undetected vendor: its platform and the URL it settled on. */
export async function storeDetectedPlatform(
  db: Kysely<Database>,
  slug: string,
  detected: Pick<Vendor, 'platform' | 'statusPageUrl'>,
): Promise<void> {
  await db
    .updateTable('vendors')
    .set({ platform: detected.platform, status_page_url: storableText(detected.statusPageUrl) })
    .where('slug', '=', slug)
    .execute();
}

/** The vendor that already has a slug or watches a URL, and a sentence saying so. */
interface WatchConflict {
  slug: string;
  name: string;
  message: string;
}

/**
 * Which watched vendor already has `slug` or watches one of `urls`. URLs compare by scheme, host and
 * path without a trailing slash (URL parsing lower-cases the host), so spellings of one page match.
 */
export async function findWatchConflict(
  db: Kysely<Database>,
  query: { slug?: string | null; urls?: readonly string[] },
): Promise<WatchConflict | null> {
  if (query.slug) {
    // A removed vendor whose history was kept frees its slug: adding it again resumes that history.
    const row = await db
      .selectFrom('vendors')
      .select('name')
      .where('slug', '=', storableText(query.slug))
      .where('enabled', '=', 1)
      .executeTakeFirst();
    const name = row?.name ?? null;
    if (name !== null)
      return {
        slug: query.slug,
        name,
        message: `a vendor "${query.slug}" already exists (${name})`,
      };
  }
  const wanted = new Map<string, string>();
  for (const url of query.urls ?? []) {
    const key = watchKey(url);
    if (key !== null) wanted.set(key, url);
  }
  if (wanted.size === 0) return null;
  const rows = await db
    .selectFrom('vendors')
    .select(['slug', 'name', 'status_page_url'])
    .where('enabled', '=', 1)
    .orderBy('slug')
    .execute();
  for (const row of rows) {
    const url = wanted.get(watchKey(row.status_page_url) ?? '');
    if (url === undefined) continue;
    const message = `${url} is already watched by vendor "${row.slug}" (${row.name})`;
    return { slug: row.slug, name: row.name, message };
  }
  return null;
}

function watchKey(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
}
