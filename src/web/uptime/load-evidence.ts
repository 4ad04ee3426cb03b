// SLA evidence for the API and the printable page alike: the query's range and component checked,
// the incidents reaching into the range read, the pure domain function applied.
import type { Kysely } from 'kysely';
import { addSeconds } from '../../domain/time.js';
import { uptimeEvidence, type ImpactWeights, type UptimeEvidence } from '../../domain/uptime.js';
import {
  findVendorRecord,
  getVendorDetail,
  listVendorRangeIncidents,
  type Database,
} from '../../store/index.js';
import { invalidParameter, notFound } from '../http-error.js';
import { maxPathIdLength } from '../ids.js';

/** Without `from`, the evidence covers the 30 days before `to` (a usual SLA month). */
const defaultRangeSeconds = 30 * 86_400;
/** Ten years: longer than any contract; a typo'd year is refused rather than walked. */
const maxRangeSeconds = 3660 * 86_400;
const maxComponentLength = 200;

export interface UptimeParams {
  from?: string;
  to?: string;
  component?: string;
}

export interface VendorEvidence extends UptimeEvidence {
  vendor: { slug: string; name: string; statusPageUrl: string };
  /** Component names the vendor lists now, for choosing one. */
  components: string[];
  /** True when the range held more incidents than one answer reads; the oldest were left out. */
  truncated: boolean;
}

interface EvidenceDeps {
  db: Kysely<Database>;
  now: string;
  weights: Readonly<ImpactWeights>;
  vendorName?: (slug: string) => string | undefined;
}

export async function loadVendorEvidence(
  deps: EvidenceDeps,
  slug: string,
  params: UptimeParams,
): Promise<VendorEvidence> {
  const record = slug.length <= maxPathIdLength ? await findVendorRecord(deps.db, slug) : null;
  if (!record) throw notFound(`no vendor with slug ${JSON.stringify(slug.slice(0, 100))}`);
  const { from, to } = parseRange(params, deps.now);
  const component = params.component?.trim() ? params.component.trim() : null;
  if (component !== null && component.length > maxComponentLength) {
    throw invalidParameter(`component is longer than ${maxComponentLength} characters`);
  }
  const [detail, range] = await Promise.all([
    getVendorDetail(deps.db, slug, deps.now),
    listVendorRangeIncidents(deps.db, slug, from, to),
  ]);
  const components = detail?.components.map((item) => item.name) ?? [];
  const named = range.incidents.some((item) => component && item.components.includes(component));
  if (component !== null && !components.includes(component) && !named) {
    throw notFound(`${record.name} has no component named ${JSON.stringify(component)}`);
  }
  const evidence = uptimeEvidence(range.incidents, {
    from,
    to,
    component,
    weights: deps.weights,
    now: deps.now,
  });
  return {
    vendor: {
      slug,
      name: deps.vendorName?.(slug) ?? record.name,
      statusPageUrl: record.statusPageUrl,
    },
    ...evidence,
    components,
    truncated: range.truncated,
  };
}

function parseRange(params: UptimeParams, now: string): { from: string; to: string } {
  const to = params.to ? instant('to', params.to) : now;
  const from = params.from ? instant('from', params.from) : addSeconds(to, -defaultRangeSeconds);
  if (!(from < to)) throw invalidParameter('from must be before to');
  if (Date.parse(to) - Date.parse(from) > maxRangeSeconds * 1000) {
    throw invalidParameter('the range is longer than ten years');
  }
  return { from, to };
}

/** A full instant, or a date alone meaning its midnight UTC (what a contract usually names). */
function instant(param: string, value: string): string {
  const text = value.trim();
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const withZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
  if (!dateOnly && !withZone.test(text)) {
    throw invalidParameter(`${param} must be a date (2025-09-01) or an instant with a zone`);
  }
  const ms = Date.parse(dateOnly ? `${text}T00:00:00Z` : text);
  if (!Number.isFinite(ms)) throw invalidParameter(`${param} is not a real date`);
  return new Date(ms).toISOString();
}
