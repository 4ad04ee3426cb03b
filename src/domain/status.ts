// Severity ranking: a vendor's status is the worst of what its page says in any form, because
// the page-level indicator can understate reality (Statuspage shows `none` during an open
// critical incident whose components stayed operational).
import type { ComponentStatus, Impact } from './vocabulary.js';

/** Worse statuses rank higher. `unknown` ranks above operational: no data is not good news. */
const statusRank: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  unknown: 2,
  degraded_performance: 3,
  partial_outage: 4,
  major_outage: 5,
};

const impactRank: Record<Impact, number> = {
  notice: 0,
  maintenance: 1,
  minor: 2,
  major: 3,
  critical: 4,
};

/** The component status an open incident of this impact implies at least. */
const impactAsStatus: Record<Impact, ComponentStatus> = {
  notice: 'operational',
  maintenance: 'under_maintenance',
  minor: 'degraded_performance',
  major: 'partial_outage',
  critical: 'major_outage',
};

export function compareStatus(a: ComponentStatus, b: ComponentStatus): number {
  return statusRank[a] - statusRank[b];
}

export function compareImpact(a: Impact, b: Impact): number {
  return impactRank[a] - impactRank[b];
}

export function worstStatus(statuses: Iterable<ComponentStatus>): ComponentStatus {
  let worst: ComponentStatus = 'operational';
  for (const status of statuses) if (statusRank[status] > statusRank[worst]) worst = status;
  return worst;
}

/** A vendor's overall status from its components and the impacts of its open incidents. */
export function vendorStatus(
  componentStatuses: Iterable<ComponentStatus>,
  openIncidentImpacts: Iterable<Impact>,
): ComponentStatus {
  const implied = [...openIncidentImpacts].map((impact) => impactAsStatus[impact]);
  return worstStatus([...componentStatuses, ...implied]);
}

export function statusRankOf(status: ComponentStatus): number {
  return statusRank[status];
}

export function impactRankOf(impact: Impact): number {
  return impactRank[impact];
}
