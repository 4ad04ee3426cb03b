// GET /incidents[?vendor=&impact=&active=&since=&until=&q=&cursor=]: all incidents, filtered.
import type { Context } from 'hono';
import type { FlagKind } from '../../../domain/hygiene-flags.js';
import {
  InvalidQueryError,
  listIncidentFlags,
  listIncidents,
  listVendorStatuses,
} from '../../../store/index.js';
import type { PageDeps } from '../shared/context.js';
import { sendHtml } from '../shared/html.js';
import { filterSearch, parseIncidentFilters } from './filters.js';
import { IncidentsPage } from './view.js';

const pageSize = 50;

export async function incidentsPage(c: Context, deps: PageDeps): Promise<Response> {
  const now = deps.now();
  const { filters, query, problems } = parseIncidentFilters(c.req.query(), pageSize);
  const statuses = await listVendorStatuses(deps.db, now);
  const vendors = statuses
    .map((vendor) => ({ slug: vendor.slug, name: deps.vendorName?.(vendor.slug) ?? vendor.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  let page = {
    incidents: [] as Awaited<ReturnType<typeof listIncidents>>['incidents'],
    nextCursor: null as string | null,
  };
  if (problems.length === 0) {
    try {
      page = await listIncidents(deps.db, query);
    } catch (error) {
      if (!(error instanceof InvalidQueryError)) throw error;
      problems.push('This page link is not valid.');
    }
  }
  const flags = await listIncidentFlags(
    deps.db,
    page.incidents.map((incident) => incident.id),
  );
  const holdingFlags = new Map<string, FlagKind[]>();
  for (const [id, list] of flags) {
    const holding = list.filter((flag) => flag.clearedAt === null).map((flag) => flag.kind);
    if (holding.length > 0) holdingFlags.set(id, holding);
  }
  return sendHtml(
    c,
    <IncidentsPage
      holdingFlags={holdingFlags}
      filters={filters}
      problems={problems}
      vendors={vendors}
      incidents={page.incidents}
      nextCursor={page.nextCursor}
      paged={query.cursor !== undefined}
      base={`/incidents${filterSearch(filters)}`}
      now={now}
      assets={deps.assets.urls}
    />,
    problems.length > 0 ? 400 : 200,
  );
}
