// Vendors as the API and dashboard show them: status from components and open incidents
// (domain/status.ts), health from poll freshness (domain/health.ts), both at `now`.
import type { Kysely } from 'kysely';
import { followedStatus, type StatusFacts } from '../domain/followed-components.js';
import { vendorHealth } from '../domain/health.js';
import type { Component, Incident } from '../domain/model.js';
import { vendorStatus } from '../domain/status.js';
import type {
  Category,
  ComponentStatus,
  Impact,
  Platform,
  VendorHealth,
} from '../domain/vocabulary.js';
import { chunk, fromJson, maxInListSize, storableText } from './codec.js';
import { incidentFromRow } from './incident-rows.js';
import type { Database } from './schema.js';
import { vendorColumns, vendorFromRow } from './vendors.js';

export interface VendorSummary {
  slug: string;
  name: string;
  platform: Platform;
  statusPageUrl: string;
  category: Category;
  intervalSeconds: number;
  /** `unknown` until the first successful poll: no data is not good news. */
  status: ComponentStatus;
  activeIncidents: number;
  health: VendorHealth;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  /** Why the last poll failed; null when it succeeded. */
  error: string | null;
  /** The last poll failed with no answer at all (refused, reset, DNS failure, timeout). */
  unreached: boolean;
  /** The first successful poll; null until one succeeds. */
  firstSuccessAt: string | null;
  /** The first failed poll of the current failure streak; null while the last poll succeeded. */
  failingSince: string | null;
  /** Failed polls in a row up to the last one (0 after a success). */
  consecutiveFailures: number;
  /** Paused from the watch list: not polled until resumed. */
  paused: boolean;
  /** The component names followed; null follows all (domain/followed-components.ts). */
  followedComponents: string[] | null;
  /** `status` over the followed components and the open incidents touching them. */
  followedStatus: ComponentStatus;
  /** An open incident (not maintenance): the vendor is polled at its active interval. */
  hasOpenIncident: boolean;
  /** When the vendor's last push arrived (POST /ingest); null when it never pushed. */
  pushReceivedAt: string | null;
  /** The start of the poll that answered the last push; null before one. */
  pushPolledAt: string | null;
}

interface VendorDetail extends Omit<VendorSummary, 'activeIncidents'> {
  /** What the adapter could not read on the last parsed poll (docs/reliability.md#adapter-warnings). */
  warnings: string[];
  components: Component[];
  /** Newest first. */
  activeIncidents: Incident[];
}

const stateColumns = [
  'vendor_state.last_polled_at',
  'vendor_state.last_success_at',
  'vendor_state.last_error',
  'vendor_state.unreached',
  'vendor_state.first_success_at',
  'vendor_state.failing_since',
  'vendor_state.consecutive_failures',
  'vendors.paused',
  'vendor_state.push_received_at',
  'vendor_state.push_polled_at',
] as const;

/** Every watched (enabled) vendor, by slug. */
export async function listVendorStatuses(
  db: Kysely<Database>,
  now: string,
): Promise<VendorSummary[]> {
  const vendors = await db
    .selectFrom('vendors')
    .leftJoin('vendor_state', 'vendor_state.slug', 'vendors.slug')
    .select([...vendorColumns, ...stateColumns])
    .where('vendors.enabled', '=', 1)
    .orderBy('vendors.slug')
    .execute();
  const statuses = new Map<string, ComponentStatus[]>();
  const componentRows = await db
    .selectFrom('components')
    .select(['vendor_slug', 'status'])
    .groupBy(['vendor_slug', 'status'])
    .execute();
  for (const row of componentRows) {
    const list = statuses.get(row.vendor_slug) ?? [];
    list.push(row.status as ComponentStatus);
    statuses.set(row.vendor_slug, list);
  }
  const impacts = new Map<string, Impact[]>();
  const impactRows = await db
    .selectFrom('incidents')
    .select(['vendor_slug', 'impact', 'kind'])
    .select((eb) => eb.fn.countAll<number>().as('open'))
    .where('active', '=', 1)
    .groupBy(['vendor_slug', 'impact', 'kind'])
    .execute();
  const withOpenIncident = new Set<string>();
  for (const row of impactRows) {
    if (row.kind === 'incident') withOpenIncident.add(row.vendor_slug);
    const list = impacts.get(row.vendor_slug) ?? [];
    for (let i = 0; i < Number(row.open); i++) list.push(row.impact as Impact);
    impacts.set(row.vendor_slug, list);
  }
  const followedFacts = await loadFollowedFacts(
    db,
    vendors.filter((row) => row.followed_components !== null).map((row) => row.slug),
  );
  return vendors.map((row) =>
    summarize(
      row,
      statuses.get(row.slug) ?? [],
      impacts.get(row.slug) ?? [],
      withOpenIncident.has(row.slug),
      now,
      followedFacts.get(row.slug),
    ),
  );
}

/**
 * For vendors that follow some components only: their components' names and statuses and their
 * open incidents' components, which the counts by status above do not carry.
 */
async function loadFollowedFacts(
  db: Kysely<Database>,
  slugs: readonly string[],
): Promise<Map<string, StatusFacts>> {
  const facts = new Map<
    string,
    {
      components: StatusFacts['components'][number][];
      openIncidents: StatusFacts['openIncidents'][number][];
    }
  >();
  for (const batch of chunk(slugs, maxInListSize)) {
    for (const slug of batch) facts.set(slug, { components: [], openIncidents: [] });
    const components = await db
      .selectFrom('components')
      .select(['vendor_slug', 'name', 'status'])
      .where('vendor_slug', 'in', batch)
      .execute();
    for (const row of components) {
      facts.get(row.vendor_slug)!.components.push({
        name: row.name,
        status: row.status as ComponentStatus,
      });
    }
    const incidents = await db
      .selectFrom('incidents')
      .select(['vendor_slug', 'impact', 'components'])
      .where('active', '=', 1)
      .where('vendor_slug', 'in', batch)
      .execute();
    for (const row of incidents) {
      facts.get(row.vendor_slug)!.openIncidents.push({
        impact: row.impact as Impact,
        components: fromJson<string[]>(row.components),
      });
    }
  }
  return facts;
}

/** One vendor (also one no longer watched, whose history stays) or null. */
export async function getVendorDetail(
  db: Kysely<Database>,
  slug: string,
  now: string,
): Promise<VendorDetail | null> {
  slug = storableText(slug);
  const row = await db
    .selectFrom('vendors')
    .leftJoin('vendor_state', 'vendor_state.slug', 'vendors.slug')
    .select([...vendorColumns, ...stateColumns, 'vendor_state.warnings'])
    .where('vendors.slug', '=', slug)
    .executeTakeFirst();
  if (!row) return null;
  const componentRows = await db
    .selectFrom('components')
    .selectAll()
    .where('vendor_slug', '=', slug)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const components: Component[] = componentRows.map((component) => ({
    id: component.id,
    name: component.name,
    group: component.group_name,
    status: component.status as ComponentStatus,
    position: component.position,
  }));
  const incidentRows = await db
    .selectFrom('incidents')
    .selectAll()
    .where('vendor_slug', '=', slug)
    .where('active', '=', 1)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const activeIncidents = incidentRows.map(incidentFromRow);
  const summary = summarize(
    row,
    components.map((component) => component.status),
    activeIncidents.map((incident) => incident.impact),
    activeIncidents.some((incident) => incident.kind === 'incident'),
    now,
    { components, openIncidents: activeIncidents },
  );
  const warnings = row.warnings === null ? [] : fromJson<string[]>(row.warnings);
  return { ...summary, warnings, components, activeIncidents };
}

type VendorStatusRow = Parameters<typeof vendorFromRow>[0] & {
  last_polled_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  unreached: number | null;
  first_success_at: string | null;
  failing_since: string | null;
  consecutive_failures: number | null;
  paused: number;
  push_received_at: string | null;
  push_polled_at: string | null;
};

function summarize(
  row: VendorStatusRow,
  componentStatuses: ComponentStatus[],
  openImpacts: Impact[],
  hasOpenIncident: boolean,
  now: string,
  /** What followedStatus needs; absent for a vendor that follows every component. */
  facts?: StatusFacts,
): VendorSummary {
  const vendor = vendorFromRow(row);
  const followed = vendor.followedComponents ? [...vendor.followedComponents] : null;
  const record = {
    lastPolledAt: row.last_polled_at,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
    intervalSeconds: vendor.intervalSeconds,
  };
  const status = record.lastSuccessAt ? vendorStatus(componentStatuses, openImpacts) : 'unknown';
  return {
    slug: vendor.slug,
    name: vendor.name,
    platform: vendor.platform,
    statusPageUrl: vendor.statusPageUrl,
    category: vendor.category,
    intervalSeconds: vendor.intervalSeconds,
    status,
    activeIncidents: openImpacts.length,
    health: vendorHealth(record, now),
    lastPolledAt: record.lastPolledAt,
    lastSuccessAt: record.lastSuccessAt,
    error: record.lastError,
    unreached: record.lastError !== null && row.unreached === 1,
    firstSuccessAt: row.first_success_at,
    // A streak is only told while the last poll failed.
    failingSince: record.lastError === null ? null : row.failing_since,
    consecutiveFailures: record.lastError === null ? 0 : (row.consecutive_failures ?? 0),
    paused: Number(row.paused) === 1,
    followedComponents: followed,
    followedStatus:
      followed === null || facts === undefined || status === 'unknown'
        ? status
        : followedStatus(followed, facts),
    hasOpenIncident,
    pushReceivedAt: row.push_received_at,
    pushPolledAt: row.push_polled_at,
  };
}
