// Dashboard order and filters, pure. Worst first: status, then data health (failing or stale data
// is a problem of its own), then open incidents, then name. Filters read leniently from the URL:
// an unknown value means "any", so an old bookmarked link still shows the dashboard.
// app.js re-sorts rows live by the same rule: the page carries the rank tables below
// (data-order-ranks) and each row its name position (data-name-order), so nothing is restated.
import { statusRankOf } from '../../../domain/status.js';
import {
  categories,
  componentStatuses,
  isOneOf,
  vendorHealths,
  type VendorHealth,
} from '../../../domain/vocabulary.js';
import type { DashboardFilters, DashboardVendor } from './view.js';

const healthRank: Record<VendorHealth, number> = { ok: 0, stale: 1, failing: 2 };

type Ordered = Pick<DashboardVendor, 'status' | 'health' | 'activeIncidents' | 'name' | 'slug'>;

export function compareWorstFirst(a: Ordered, b: Ordered): number {
  return (
    statusRankOf(b.status) - statusRankOf(a.status) ||
    healthRank[b.health] - healthRank[a.health] ||
    b.activeIncidents - a.activeIncidents ||
    compareByName(a, b)
  );
}

/** The last tie-break, the only part that never changes live. */
export function compareByName(a: Pick<Ordered, 'name' | 'slug'>, b: typeof a): number {
  return a.name.localeCompare(b.name, 'en') || a.slug.localeCompare(b.slug, 'en');
}

/**
 * The ranks compareWorstFirst reads, as JSON for the page: app.js sorts by status rank, health
 * rank, open incidents (each higher first), then the row's name position (lower first).
 */
export function orderRanksJson(): string {
  return JSON.stringify({
    status: Object.fromEntries(componentStatuses.map((status) => [status, statusRankOf(status)])),
    health: Object.fromEntries(vendorHealths.map((health) => [health, healthRank[health]])),
  });
}

export function parseDashboardFilters(query: Record<string, string | undefined>): DashboardFilters {
  const status = query.status;
  const category = query.category;
  return {
    q: (query.q ?? '').trim().slice(0, 200),
    status: status === 'problems' || isOneOf(componentStatuses, status) ? status : 'all',
    category: isOneOf(categories, category) ? category : 'all',
  };
}

/** The same rule app.js applies as the reader types. */
export function matchesFilters(vendor: DashboardVendor, filters: DashboardFilters): boolean {
  const q = filters.q.toLowerCase();
  if (q && !vendor.name.toLowerCase().includes(q) && !vendor.slug.includes(q)) return false;
  if (filters.category !== 'all' && vendor.category !== filters.category) return false;
  if (filters.status === 'problems') {
    return vendor.status !== 'operational' || vendor.health !== 'ok' || vendor.suspected === true;
  }
  return filters.status === 'all' || vendor.status === filters.status;
}
