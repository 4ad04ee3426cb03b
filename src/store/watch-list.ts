// The watch list's changes to a vendor: pause and resume, interval, followed components and probes,
// and removal with or without its history. Vendors from the config file are changed in that file, so
// every change here answers 'config' for them and writes nothing.
import type { Kysely } from 'kysely';
import type { ProbeSpec } from '../domain/probe.js';
import {
  chunk,
  fromJsonOrNull,
  maxInListSize,
  storableText,
  storedInstant,
  toJson,
} from './codec.js';
import { probesFromColumn } from './vendor-probes.js';
import { dueAtOnce, probeColumns } from './vendors.js';
import type { Database } from './schema.js';

/** A watched vendor as the watch list manages it. */
export interface WatchedVendor {
  slug: string;
  name: string;
  statusPageUrl: string;
  platform: string;
  category: string;
  intervalSeconds: number;
  /** 'config' (the config file names it: change it there) or 'api' (added at run time). */
  source: 'config' | 'api';
  paused: boolean;
  /** Null: every component is followed. */
  followedComponents: string[] | null;
  /** The components the last successful poll listed, in the page's order. */
  knownComponents: string[];
  /** Requests to its real endpoints (docs/contract.md#probes); empty for none. */
  probes: ProbeSpec[];
  /** Its own suspectAfter; null: the global one. */
  suspectAfter: number | null;
}

export interface VendorSettings {
  intervalSeconds?: number;
  paused?: boolean;
  followedComponents?: readonly string[] | null;
  /** The whole list: replaces the vendor's probes (empty: none). */
  probes?: readonly ProbeSpec[];
  /** Null: the global suspectAfter. */
  suspectAfter?: number | null;
}

export type WatchChange = 'changed' | 'missing' | 'config';

/** Far past any poll: a paused vendor leaves the due range of the next_poll_at index. */
const pausedUntil = '9999-12-31T00:00:00.000Z';

/** Every watched vendor (removed ones are not), by name, with what the watch list shows. */
export async function listWatchedVendors(db: Kysely<Database>): Promise<WatchedVendor[]> {
  const rows = await db
    .selectFrom('vendors')
    .selectAll()
    .where('enabled', '=', 1)
    .orderBy('name')
    .orderBy('slug')
    .execute();
  const components = await db
    .selectFrom('components')
    .innerJoin('vendors', 'vendors.slug', 'components.vendor_slug')
    .select(['components.vendor_slug', 'components.name'])
    .where('vendors.enabled', '=', 1)
    .orderBy('components.vendor_slug')
    .orderBy('components.position')
    .orderBy('components.id')
    .execute();
  const known = new Map<string, string[]>();
  for (const row of components) {
    const list = known.get(row.vendor_slug) ?? [];
    if (!list.includes(row.name)) list.push(row.name);
    known.set(row.vendor_slug, list);
  }
  return rows.map((row) => ({
    slug: row.slug,
    name: row.name,
    statusPageUrl: row.status_page_url,
    platform: row.platform,
    category: row.category,
    intervalSeconds: row.interval_seconds,
    source: row.source === 'config' ? 'config' : 'api',
    paused: Number(row.paused) === 1,
    followedComponents: fromJsonOrNull<string[]>(row.followed_components),
    knownComponents: known.get(row.slug) ?? [],
    probes: probesFromColumn(row.probes),
    suspectAfter: row.suspect_after === null ? null : Number(row.suspect_after),
  }));
}

/** The followed components of these vendors, by slug; vendors that follow all are left out. */
export async function loadFollowedComponents(
  db: Kysely<Database>,
  slugs: readonly string[],
): Promise<Map<string, string[]>> {
  const followed = new Map<string, string[]>();
  for (const batch of chunk([...new Set(slugs)], maxInListSize)) {
    const rows = await db
      .selectFrom('vendors')
      .select(['slug', 'followed_components'])
      .where('slug', 'in', batch)
      .where('followed_components', 'is not', null)
      .execute();
    for (const row of rows) {
      const names = fromJsonOrNull<string[]>(row.followed_components);
      if (names) followed.set(row.slug, names);
    }
  }
  return followed;
}

/** One watched vendor as listWatchedVendors gives it, or null when none is watched by that slug. */
export async function getWatchedVendor(
  db: Kysely<Database>,
  slug: string,
): Promise<WatchedVendor | null> {
  const row = await db
    .selectFrom('vendors')
    .select('slug')
    .where('slug', '=', storableText(slug))
    .where('enabled', '=', 1)
    .executeTakeFirst();
  if (!row) return null;
  return (await listWatchedVendors(db)).find((vendor) => vendor.slug === row.slug) ?? null;
}

/**
 * Changes a run-time vendor's settings. Pausing moves its next poll out of reach (the scheduler
 * also skips paused vendors, for a poll in flight that records a due time); resuming makes it
 * due at once.
 */
export async function updateVendorSettings(
  db: Kysely<Database>,
  slug: string,
  settings: VendorSettings,
  now: string,
): Promise<WatchChange> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('vendors')
      .select(['source', 'paused'])
      .where('slug', '=', storableText(slug))
      .where('enabled', '=', 1)
      .executeTakeFirst();
    if (!row) return 'missing';
    if (row.source === 'config') return 'config';
    const set: {
      interval_seconds?: number;
      paused?: number;
      followed_components?: string | null;
      probes?: string | null;
      suspect_after?: number | null;
    } = {};
    if (settings.intervalSeconds !== undefined) set.interval_seconds = settings.intervalSeconds;
    if (settings.paused !== undefined) set.paused = settings.paused ? 1 : 0;
    if (settings.followedComponents !== undefined) {
      set.followed_components =
        settings.followedComponents === null ? null : toJson(settings.followedComponents);
    }
    if (settings.probes !== undefined) {
      set.probes = probeColumns(settings.probes, null).probes;
    }
    if (settings.suspectAfter !== undefined) set.suspect_after = settings.suspectAfter;
    if (Object.keys(set).length > 0) {
      await trx.updateTable('vendors').set(set).where('slug', '=', slug).execute();
    }
    const wasPaused = Number(row.paused) === 1;
    if (settings.paused !== undefined && settings.paused !== wasPaused) {
      await trx
        .updateTable('vendor_state')
        .set({ next_poll_at: settings.paused ? pausedUntil : storedInstant(now) })
        .where('slug', '=', slug)
        .execute();
    }
    return 'changed';
  });
}

/**
 * Stops watching a run-time vendor. 'keep': it leaves the watch list but its incidents, events
 * and pages stay (adding the slug again resumes them); 'delete': every row about it goes, its
 * deliveries and outage memberships included, in one transaction.
 */
export async function removeVendor(
  db: Kysely<Database>,
  slug: string,
  history: 'keep' | 'delete',
): Promise<WatchChange> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('vendors')
      .select('source')
      .where('slug', '=', storableText(slug))
      .where('enabled', '=', 1)
      .executeTakeFirst();
    if (!row) return 'missing';
    if (row.source === 'config') return 'config';
    if (history === 'keep') {
      await trx
        .updateTable('vendors')
        .set({ enabled: 0, paused: 0 })
        .where('slug', '=', slug)
        .execute();
      await trx
        .updateTable('vendor_state')
        // Added again later, it is polled at once (a paused vendor's due time is out of reach).
        .set({ lease_owner: null, lease_until: null, next_poll_at: dueAtOnce })
        .where('slug', '=', slug)
        .execute();
      return 'changed';
    }
    await deleteVendorRows(trx, slug);
    return 'changed';
  });
}

async function deleteVendorRows(trx: Kysely<Database>, slug: string): Promise<void> {
  const incidentIds = trx.selectFrom('incidents').select('id').where('vendor_slug', '=', slug);
  const eventIds = trx
    .selectFrom('events')
    .select('id')
    .where((eb) => eb.or([eb('vendor_slug', '=', slug), eb('incident_id', 'in', incidentIds)]));
  await trx.deleteFrom('outbox').where('event_id', 'in', eventIds).execute();
  await trx
    .deleteFrom('events')
    .where((eb) => eb.or([eb('vendor_slug', '=', slug), eb('incident_id', 'in', incidentIds)]))
    .execute();
  const memberOf = (
    await trx
      .selectFrom('outage_members')
      .select('outage_id')
      .distinct()
      .where((eb) => eb.or([eb('vendor_slug', '=', slug), eb('incident_id', 'in', incidentIds)]))
      .execute()
  ).map((member) => member.outage_id);
  await trx
    .deleteFrom('outage_members')
    .where((eb) => eb.or([eb('vendor_slug', '=', slug), eb('incident_id', 'in', incidentIds)]))
    .execute();
  // An outage the vendor was alone in has nothing left to show.
  for (const ids of chunk(memberOf, maxInListSize)) {
    await trx
      .deleteFrom('outages')
      .where('id', 'in', ids)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('outage_members')
              .select('outage_members.outage_id')
              .whereRef('outage_members.outage_id', '=', 'outages.id'),
          ),
        ),
      )
      .execute();
  }
  for (const table of [
    'incident_flags',
    'revisions',
    'incident_updates',
    'incident_search',
  ] as const) {
    await trx.deleteFrom(table).where('incident_id', 'in', incidentIds).execute();
  }
  await trx.deleteFrom('incidents').where('vendor_slug', '=', slug).execute();
  await trx.deleteFrom('components').where('vendor_slug', '=', slug).execute();
  await trx.deleteFrom('vendor_payloads').where('slug', '=', slug).execute();
  await trx.deleteFrom('vendor_state').where('slug', '=', slug).execute();
  await trx.deleteFrom('vendors').where('slug', '=', slug).execute();
}
