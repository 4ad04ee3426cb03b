// Cachet 2's API v1 (docs/platforms.md#cachet; fixtures v1-components…, v1-incidents.docs-shape):
// `{meta:{pagination}, data:[…]}` lists, integer ids and status codes, zone-less database times,
// one message per incident with later updates embedded, maintenance as incident status 0.
import { jsonContentType, type SimFormat } from '../sim-kit/format.js';
import { integerIdOf, zonelessUtc } from '../sim-kit/platform-ids.js';
import {
  closedStatuses,
  type SimComponent,
  type SimComponentStatus,
  type SimIncident,
  type SimStatus,
  type SimVendorState,
} from '../sim-kit/types.js';

const cachetPaths = {
  '/api/v1/components': 'components',
  '/api/v1/components/groups': 'groups',
  '/api/v1/incidents': 'incidents',
  // Real Cachet answers its ping, which is how detection recognises a Cachet 2 page.
  '/api/v1/ping': 'ping',
} as const;
type CachetEndpoint = (typeof cachetPaths)[keyof typeof cachetPaths];

const componentCode: Record<SimComponentStatus, number> = {
  operational: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
  // Cachet 2 has no maintenance status for components.
  under_maintenance: 2,
};
const componentNames = ['', 'Operational', 'Performance Issues', 'Partial Outage', 'Major Outage'];

const incidentCode: Partial<Record<SimStatus, number>> = {
  investigating: 1,
  identified: 2,
  monitoring: 3,
  resolved: 4,
  postmortem: 4,
  scheduled: 0,
  in_progress: 0,
  verifying: 0,
};
const incidentNames = ['Scheduled', 'Investigating', 'Identified', 'Watching', 'Fixed'];

function cachetComponentId(component: SimComponent): number {
  return integerIdOf(component.isGroup ? 'group' : 'component', component.id);
}

export function cachetIncidentId(item: SimIncident): number {
  return integerIdOf(item.kind, item.id);
}

function renderCachet(endpoint: CachetEndpoint, state: SimVendorState, pageUrl: string): unknown {
  const groups = state.components.filter((c) => c.isGroup);
  const leaves = state.components.filter((c) => !c.isGroup);
  const byId = new Map(state.components.map((c) => [c.id, c]));
  if (endpoint === 'ping') return { data: 'Pong!' };
  if (endpoint === 'groups') {
    return paginated(
      groups.map((group, index) => ({
        id: cachetComponentId(group),
        name: group.name,
        created_at: zonelessUtc(group.createdAt),
        updated_at: zonelessUtc(group.updatedAt),
        order: index,
        collapsed: 0,
        visible: 1,
      })),
    );
  }
  if (endpoint === 'components') {
    return paginated(
      leaves.map((component, index) => {
        const group = component.groupId === null ? undefined : byId.get(component.groupId);
        const status = componentCode[component.status];
        return {
          id: cachetComponentId(component),
          name: component.name,
          description: component.description ?? '',
          link: '',
          status,
          order: index,
          group_id: group ? cachetComponentId(group) : 0,
          created_at: zonelessUtc(component.createdAt),
          updated_at: zonelessUtc(component.updatedAt),
          deleted_at: null,
          enabled: true,
          status_name: componentNames[status],
          tags: [],
        };
      }),
    );
  }
  // Cachet 2 shows a scheduled maintenance only until it is over.
  const maintenances = state.maintenances.filter((m) => !closedStatuses.includes(m.status));
  const rows = [...state.incidents, ...maintenances]
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((item) => renderIncident(item, byId, pageUrl));
  return paginated(rows);
}

function renderIncident(
  item: SimIncident,
  byId: Map<string, SimComponent>,
  pageUrl: string,
): object {
  const id = cachetIncidentId(item);
  const status = incidentCode[item.status] ?? 1;
  const [first, ...later] = item.updates;
  const component = item.componentIds.map((c) => byId.get(c)).find((c) => c !== undefined);
  const updates = later.map((update) => {
    const code = incidentCode[update.status] ?? status;
    return {
      id: integerIdOf('update', `${item.id}/${update.id}`),
      incident_id: id,
      status: code,
      message: update.body,
      user_id: 1,
      created_at: zonelessUtc(update.createdAt),
      updated_at: zonelessUtc(update.updatedAt),
      human_status: incidentNames[code],
      permalink: `${pageUrl}/incidents/${encodeURIComponent(item.id)}#update-${update.id}`,
    };
  });
  return {
    id,
    component_id: component ? cachetComponentId(component) : 0,
    name: item.name,
    status,
    visible: 1,
    message: first?.body ?? '',
    scheduled_at: zonelessUtc(item.scheduledFor ?? item.createdAt),
    occurred_at: zonelessUtc(item.startedAt),
    created_at: zonelessUtc(item.createdAt),
    updated_at: zonelessUtc(item.updatedAt),
    deleted_at: null,
    stickied: false,
    notifications: true,
    human_status: incidentNames[status],
    latest_update_id: updates.at(-1)?.id ?? null,
    latest_status: updates.at(-1)?.status ?? status,
    permalink: `${pageUrl}/incidents/${encodeURIComponent(item.id)}`,
    updates,
  };
}

/** Everything on one page: the adapter asks for 100 per page and the model holds at most 100. */
function paginated(data: object[]): object {
  return {
    meta: {
      pagination: {
        total: data.length,
        count: data.length,
        per_page: Math.max(100, data.length),
        current_page: 1,
        total_pages: 1,
        links: { next_page: null, previous_page: null },
      },
    },
    data,
  };
}

/** Cachet 2's API v1, as the simulator serves it. */
export const cachetSimFormat: SimFormat = {
  paths: cachetPaths,
  contentType: jsonContentType,
  render: (endpoint, _identity, state, pageUrl) =>
    JSON.stringify(renderCachet(endpoint as CachetEndpoint, state, pageUrl)),
};
