// A vendor's report card for the API and the vendor page alike: every watched vendor's incidents
// of the window read once, each vendor's figures computed, this vendor's compared with them all.
import type { Kysely } from 'kysely';
import {
  compareFlagsWithPeers,
  compareWithPeers,
  vendorFigures,
  type ComparedFigure,
  type Comparison,
  type VendorFigures,
} from '../../domain/report-card.js';
import { addSeconds } from '../../domain/time.js';
import type { FlagKind } from '../../domain/hygiene-flags.js';
import type { IncidentWithUpdates } from '../../domain/model.js';
import {
  findVendorRecord,
  listFlagKindsSince,
  listIncidentsSinceWithUpdates,
  listVendorStatuses,
  type Database,
} from '../../store/index.js';
import { invalidParameter, notFound } from '../http-error.js';
import { maxPathIdLength } from '../ids.js';

export const defaultReportDays = 90;
const maxReportDays = 365;

export interface VendorReport {
  vendor: { slug: string; name: string };
  days: number;
  since: string;
  until: string;
  figures: VendorFigures;
  comparisons: Record<ComparedFigure, Comparison>;
  /** Each hygiene flag's count against every watched vendor's (fewer is better). */
  flagComparisons: Record<FlagKind, Comparison>;
  /** Watched vendors compared (this one included). */
  watchedVendors: number;
  /** True when the window held more incidents than one read takes; the oldest were left out. */
  truncated: boolean;
}

interface ReportDeps {
  db: Kysely<Database>;
  now: string;
  vendorName?: (slug: string) => string | undefined;
}

export function parseReportDays(value: string | undefined): number {
  if (value === undefined || value === '') return defaultReportDays;
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1 || Number(value) > maxReportDays) {
    throw invalidParameter(`days must be a whole number from 1 to ${maxReportDays}`);
  }
  return Number(value);
}

export async function loadVendorReport(
  deps: ReportDeps,
  slug: string,
  days: number,
): Promise<VendorReport> {
  const record = slug.length <= maxPathIdLength ? await findVendorRecord(deps.db, slug) : null;
  if (!record) throw notFound(`no vendor with slug ${JSON.stringify(slug.slice(0, 100))}`);
  const since = addSeconds(deps.now, -days * 86_400);
  const [watched, window, flagKinds] = await Promise.all([
    listVendorStatuses(deps.db, deps.now),
    listIncidentsSinceWithUpdates(deps.db, since),
    listFlagKindsSince(deps.db, since),
  ]);
  const byVendor = new Map<string, IncidentWithUpdates[]>(
    [...watched.map((vendor) => vendor.slug), slug].map((each) => [each, []]),
  );
  for (const incident of window.incidents) byVendor.get(incident.vendorSlug)?.push(incident);
  const flagsOf = (id: string) => flagKinds.get(id) ?? [];
  const figures = new Map(
    [...byVendor].map(([each, list]) => [each, vendorFigures(list, flagsOf)]),
  );
  return {
    vendor: { slug, name: deps.vendorName?.(slug) ?? record.name },
    days,
    since,
    until: deps.now,
    figures: figures.get(slug)!,
    comparisons: compareWithPeers(slug, figures),
    flagComparisons: compareFlagsWithPeers(slug, figures),
    watchedVendors: figures.size,
    truncated: window.truncated,
  };
}
