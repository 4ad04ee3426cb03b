// Page-level status of the simulator's model, shared by every renderer: a group row shows its
// worst child, and the page indicator is the worst open impact or component status.
import {
  closedStatuses,
  type SimComponent,
  type SimComponentStatus,
  type SimVendorState,
} from './types.js';

const statusRank: Record<SimComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

const indicatorDescriptions = {
  none: 'All Systems Operational',
  minor: 'Partially Degraded Service',
  major: 'Partial System Outage',
  critical: 'Major Service Outage',
  maintenance: 'Service Under Maintenance',
} as const;
type Indicator = keyof typeof indicatorDescriptions;

/** A group row's status is the worst of its children's. */
export function effectiveStatus(
  component: SimComponent,
  byId: Map<string, SimComponent>,
): SimComponentStatus {
  if (!component.isGroup) return component.status;
  let worst: SimComponentStatus = 'operational';
  for (const childId of component.childIds) {
    const child = byId.get(childId);
    if (child && statusRank[child.status] > statusRank[worst]) worst = child.status;
  }
  return worst;
}

/** Worst of open incident impacts and component statuses; maintenance only when nothing is worse. */
export function renderStatus(state: SimVendorState): { indicator: Indicator; description: string } {
  const rank: Indicator[] = ['none', 'minor', 'major', 'critical'];
  let worst = 0;
  let maintenance = false;
  for (const component of state.components) {
    if (component.isGroup) continue;
    if (component.status === 'under_maintenance') maintenance = true;
    else worst = Math.max(worst, Math.max(0, statusRank[component.status] - 1));
  }
  for (const incident of state.incidents) {
    if (closedStatuses.includes(incident.status)) continue;
    const level = rank.indexOf(incident.impact);
    worst = Math.max(worst, level);
  }
  for (const m of state.maintenances) if (m.status === 'in_progress') maintenance = true;
  const indicator: Indicator = worst === 0 && maintenance ? 'maintenance' : (rank[worst] ?? 'none');
  return { indicator, description: indicatorDescriptions[indicator] };
}
