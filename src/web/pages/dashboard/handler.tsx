// GET /[?q=&status=&category=]: the dashboard.
import type { Context } from 'hono';
import { looksLikeOwnNetworkDown } from '../../../domain/own-network.js';
import {
  listIncidents,
  listOpenIncidentTitles,
  listSuspectedVendors,
  listOpenOutages,
  listVendorStatuses,
  type VendorSummary,
} from '../../../store/index.js';
import type { PageDeps } from '../shared/context.js';
import { sendHtml } from '../shared/html.js';
import { compareWorstFirst, matchesFilters, parseDashboardFilters } from './vendor-order.js';
import { DashboardPage } from './view.js';

const recentCount = 8;

/**
 * Judged from the vendors' stored state, so a web process apart from the poller sees it too, by
 * the poller's own rule: only polls that got no answer at all count (pages answering errors are
 * the vendors' fault, and their alerts are not held). A failing page turns `stale` after three
 * intervals, and a long outage is when this matters most, so health is not what counts.
 */
function ownNetworkLooksDown(vendors: readonly VendorSummary[]): boolean {
  const unreached = vendors.filter((vendor) => vendor.unreached).length;
  return looksLikeOwnNetworkDown({ unreached, observed: vendors.length });
}

export async function dashboardPage(c: Context, deps: PageDeps): Promise<Response> {
  const now = deps.now();
  const [statuses, recent, openIncidents, openOutages, suspected] = await Promise.all([
    listVendorStatuses(deps.db, now),
    listIncidents(deps.db, { limit: recentCount }),
    listOpenIncidentTitles(deps.db),
    listOpenOutages(deps.db),
    listSuspectedVendors(deps.db),
  ]);
  const vendors = statuses
    .map((vendor) => ({
      ...vendor,
      name: deps.vendorName?.(vendor.slug) ?? vendor.name,
      openIncidents: openIncidents.get(vendor.slug) ?? [],
      suspected: suspected.has(vendor.slug),
    }))
    .sort(compareWorstFirst);
  const filters = parseDashboardFilters(c.req.query());
  const shown = new Set(
    vendors.filter((vendor) => matchesFilters(vendor, filters)).map((vendor) => vendor.slug),
  );
  const vendorNames = new Map(vendors.map((vendor) => [vendor.slug, vendor.name]));
  return sendHtml(
    c,
    <DashboardPage
      vendors={vendors}
      ownNetworkDown={ownNetworkLooksDown(statuses)}
      openOutages={openOutages}
      shown={shown}
      filters={filters}
      recent={recent.incidents}
      vendorNames={vendorNames}
      now={now}
      assets={deps.assets.urls}
    />,
  );
}
