// Sorry™'s public API as the simulator serves it: integer ids, ISO times with milliseconds,
// components nested through parent_id, notices newest first with their updates oldest first.
import { jsonContentType, type SimFormat } from '../sim-kit/format.js';
import { effectiveStatus, renderStatus } from '../sim-kit/page-status.js';
import { integerIdOf } from '../sim-kit/platform-ids.js';
import {
  closedStatuses,
  type SimComponent,
  type SimComponentStatus,
  type SimIncident,
  type SimStatus,
  type SimVendorIdentity,
  type SimVendorState,
} from '../sim-kit/types.js';

const sorryPaths = {
  '/api/v1/status': 'status',
  '/api/v1/components': 'components',
  '/api/v1/notices': 'notices',
} as const;
type SorryEndpoint = (typeof sorryPaths)[keyof typeof sorryPaths];

const componentStates: Record<SimComponentStatus, string> = {
  operational: 'operational',
  degraded_performance: 'degraded',
  partial_outage: 'degraded',
  major_outage: 'degraded',
  under_maintenance: 'under_maintenance',
};

const noticeStates: Record<SimStatus, string> = {
  investigating: 'investigating',
  identified: 'identified',
  monitoring: 'recovering',
  resolved: 'resolved',
  postmortem: 'resolved',
  scheduled: 'scheduled',
  in_progress: 'underway',
  verifying: 'underway',
  completed: 'complete',
};

const iso = (ms: number): string => new Date(ms).toISOString();
const optionalIso = (ms: number | null): string | null => (ms === null ? null : iso(ms));

function sorryComponentId(component: SimComponent): number {
  return integerIdOf('sorry-component', component.id);
}

function sorryNoticeId(item: SimIncident): number {
  return integerIdOf('sorry-notice', item.id);
}

function renderSorry(
  endpoint: SorryEndpoint,
  identity: SimVendorIdentity,
  state: SimVendorState,
  pageUrl: string,
): unknown {
  const base = (identity.url ?? pageUrl).replace(/\/+$/, '');
  const byId = new Map(state.components.map((c) => [c.id, c]));
  const notices = [...state.incidents, ...state.maintenances].sort(
    (a, b) => b.createdAt - a.createdAt,
  );
  const meta = (count: number) => ({ count, total_count: count, next_page: null });
  switch (endpoint) {
    case 'status': {
      const { indicator } = renderStatus(state);
      return {
        page: {
          name: identity.name,
          state:
            indicator === 'none'
              ? 'operational'
              : indicator === 'maintenance'
                ? 'under_maintenance'
                : 'degraded',
          url: base,
          links: {
            components: { href: '/v1/components', count: state.components.length },
            notices: { href: '/v1/notices', count: notices.length },
          },
          created_at: iso(state.components[0]?.createdAt ?? state.updatedAt),
          updated_at: iso(state.updatedAt),
        },
      };
    }
    case 'components':
      return {
        components: state.components.map((component) => {
          const parent = component.groupId === null ? undefined : byId.get(component.groupId);
          return {
            id: sorryComponentId(component),
            state: componentStates[effectiveStatus(component, byId)],
            name: component.name,
            description: component.description,
            parent_id: parent ? sorryComponentId(parent) : null,
            created_at: iso(component.createdAt),
            updated_at: iso(component.updatedAt),
          };
        }),
        meta: meta(state.components.length),
      };
    case 'notices':
      return {
        notices: notices.map((item) => renderNotice(item, byId, base)),
        meta: meta(notices.length),
      };
  }
}

function renderNotice(item: SimIncident, byId: Map<string, SimComponent>, base: string): object {
  const id = sorryNoticeId(item);
  const link = `${base}/notices/${id}-${encodeURIComponent(item.id)}`;
  const planned = item.kind === 'maintenance';
  const closed = closedStatuses.includes(item.status);
  const row: Record<string, unknown> = {
    id,
    type: planned ? 'planned' : 'unplanned',
    state: noticeStates[item.status],
    timeline_state: closed ? 'past_recent' : item.status === 'scheduled' ? 'future' : 'present',
    subject: item.name,
    synopsis: item.updates[0]?.body ?? '',
    link,
    began_at: iso(item.startedAt),
    ended_at: closed ? iso(item.resolvedAt ?? item.updatedAt) : null,
    created_at: iso(item.createdAt),
    updated_at: iso(item.updatedAt),
    component_ids: item.componentIds.flatMap((c) => {
      const component = byId.get(c);
      return component ? [sorryComponentId(component)] : [];
    }),
    updates: item.updates.map((update) => {
      const updateId = integerIdOf('sorry-update', `${item.id}/${update.id}`);
      return {
        id: updateId,
        content: update.body,
        created_at: iso(update.displayAt),
        updated_at: iso(update.updatedAt),
        link: `${link}/#update-${updateId}`,
      };
    }),
  };
  if (planned) {
    row.begins_at = optionalIso(item.scheduledFor);
    row.ends_at = optionalIso(item.scheduledUntil);
  }
  return row;
}

export const sorrySimFormat: SimFormat = {
  paths: sorryPaths,
  contentType: jsonContentType,
  render: (endpoint, identity, state, pageUrl) =>
    JSON.stringify(renderSorry(endpoint as SorryEndpoint, identity, state, pageUrl)),
};
