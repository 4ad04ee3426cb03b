// Instatus's public JSON (docs/platforms.md#instatus; fixtures summary.instatus-docs-example…,
// v2-components.docs-shape): upper-case enums, only active incidents and maintenances (no
// timeline, no ids but the cuid in each URL), Date.toString() times, grouped components.
import { jsonContentType, type SimFormat } from '../sim-kit/format.js';
import { cuidOf, jsDateString } from '../sim-kit/platform-ids.js';
import { renderStatus } from '../sim-kit/page-status.js';
import {
  type SimComponentStatus,
  type SimImpact,
  type SimIncident,
  type SimStatus,
  type SimVendorIdentity,
  type SimVendorState,
} from '../sim-kit/types.js';

const instatusPaths = {
  '/summary.json': 'summary',
  '/v2/components.json': 'components',
} as const;
type InstatusEndpoint = (typeof instatusPaths)[keyof typeof instatusPaths];

const componentStatus: Record<SimComponentStatus, string> = {
  operational: 'OPERATIONAL',
  degraded_performance: 'DEGRADEDPERFORMANCE',
  partial_outage: 'PARTIALOUTAGE',
  major_outage: 'MAJOROUTAGE',
  under_maintenance: 'UNDERMAINTENANCE',
};

/** Instatus states an incident's impact as the worst component status it causes. */
const impactStatus: Record<SimImpact, string> = {
  none: 'OPERATIONAL',
  minor: 'DEGRADEDPERFORMANCE',
  major: 'PARTIALOUTAGE',
  critical: 'MAJOROUTAGE',
  maintenance: 'UNDERMAINTENANCE',
};

/** Active items only: null means "not listed any more". */
const activeStatus: Partial<Record<SimStatus, string>> = {
  investigating: 'INVESTIGATING',
  identified: 'IDENTIFIED',
  monitoring: 'MONITORING',
  scheduled: 'NOTSTARTEDYET',
  in_progress: 'INPROGRESS',
  verifying: 'INPROGRESS',
};

function renderInstatus(
  endpoint: InstatusEndpoint,
  identity: SimVendorIdentity,
  state: SimVendorState,
  pageUrl: string,
): unknown {
  const base = identity.url ?? pageUrl;
  if (endpoint === 'components') return { components: renderComponents(state) };
  const indicator = renderStatus(state).indicator;
  const body: Record<string, unknown> = {
    page: {
      name: identity.name,
      url: base,
      status:
        indicator === 'none'
          ? 'UP'
          : indicator === 'maintenance'
            ? 'UNDERMAINTENANCE'
            : 'HASISSUES',
    },
  };
  const incidents = state.incidents.flatMap((item) => {
    const status = activeStatus[item.status];
    if (status === undefined) return [];
    return [
      {
        name: item.name,
        started: jsDateString(item.startedAt),
        status,
        impact: impactStatus[item.impact],
        url: instatusUrl(base, item),
      },
    ];
  });
  const maintenances = state.maintenances.flatMap((item) => {
    const status = activeStatus[item.status];
    if (status === undefined) return [];
    const start = item.scheduledFor ?? item.startedAt;
    const minutes =
      item.scheduledUntil === null ? null : Math.round((item.scheduledUntil - start) / 60_000);
    return [
      {
        name: item.name,
        start: jsDateString(start),
        status,
        duration: minutes === null ? null : String(minutes),
        url: instatusUrl(base, item),
      },
    ];
  });
  // Instatus leaves both lists out when nothing is active.
  if (incidents.length > 0) body.activeIncidents = incidents;
  if (maintenances.length > 0) body.activeMaintenances = maintenances;
  return body;
}

/** `https://page/incident/<cuid>`: the only id Instatus's summary gives. */
function instatusUrl(base: string, item: SimIncident): string {
  const kind = item.kind === 'maintenance' ? 'maintenance' : 'incident';
  return `${base.replace(/\/+$/, '')}/${kind}/${cuidOf(item.id)}`;
}

function renderComponents(state: SimVendorState): object[] {
  const groups = new Map(state.components.filter((c) => c.isGroup).map((c) => [c.id, c]));
  return state.components
    .filter((c) => !c.isGroup)
    .map((component) => {
      const group = component.groupId === null ? undefined : groups.get(component.groupId);
      return {
        id: cuidOf(component.id),
        name: component.name,
        description: component.description,
        status: componentStatus[component.status],
        group: group ? { id: cuidOf(group.id), name: group.name, description: null } : null,
      };
    });
}

/** Instatus's public JSON, as the simulator serves it. */
export const instatusSimFormat: SimFormat = {
  paths: instatusPaths,
  contentType: jsonContentType,
  render: (endpoint, identity, state, pageUrl) =>
    JSON.stringify(renderInstatus(endpoint as InstatusEndpoint, identity, state, pageUrl)),
};
