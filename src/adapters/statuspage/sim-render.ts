// Turns a vendor's state into Statuspage v2 JSON with the real key order and types
// (fixtures: summary.anydesk…, summary.cloudamqp…, incidents.github…, scheduled-maintenances.claude…).
import { jsonContentType, type SimFormat } from '../sim-kit/format.js';
import { effectiveStatus, renderStatus } from '../sim-kit/page-status.js';
import { formatInstant } from '../sim-kit/time-format.js';
import {
  closedStatuses,
  type SimComponent,
  type SimIncident,
  type SimUpdate,
  type SimVendorIdentity,
  type SimVendorState,
} from '../sim-kit/types.js';

const endpointPaths = {
  '/api/v2/summary.json': 'summary',
  '/api/v2/status.json': 'status',
  '/api/v2/components.json': 'components',
  '/api/v2/incidents.json': 'incidents',
  '/api/v2/incidents/unresolved.json': 'incidents-unresolved',
  '/api/v2/scheduled-maintenances.json': 'scheduled-maintenances',
  '/api/v2/scheduled-maintenances/upcoming.json': 'scheduled-maintenances-upcoming',
  '/api/v2/scheduled-maintenances/active.json': 'scheduled-maintenances-active',
} as const;
type EndpointName = (typeof endpointPaths)[keyof typeof endpointPaths];

interface RenderContext {
  identity: SimVendorIdentity;
  state: SimVendorState;
  pageUrl: string;
  time: (ms: number) => string;
  byId: Map<string, SimComponent>;
}

export function renderEndpoint(
  endpoint: EndpointName,
  identity: SimVendorIdentity,
  state: SimVendorState,
  pageUrl: string,
): unknown {
  const byId = new Map(state.components.map((component) => [component.id, component]));
  const time = (ms: number): string => formatInstant(ms, identity.timeZone);
  const ctx: RenderContext = { identity, state, pageUrl, time, byId };
  const page = renderPage(ctx);
  const open = (incident: SimIncident): boolean => !closedStatuses.includes(incident.status);
  const openIncidents = state.incidents.filter(open).map((i) => renderIncident(ctx, i));
  const openMaintenances = state.maintenances.filter(open).map((m) => renderIncident(ctx, m));
  switch (endpoint) {
    case 'summary':
      return {
        page,
        components: renderComponents(ctx),
        incidents: openIncidents,
        scheduled_maintenances: openMaintenances,
        status: renderStatus(state),
      };
    case 'status':
      return { page, status: renderStatus(state) };
    case 'components':
      return { page, components: renderComponents(ctx) };
    case 'incidents':
      return { page, incidents: state.incidents.map((i) => renderIncident(ctx, i)) };
    case 'incidents-unresolved':
      return { page, incidents: openIncidents };
    case 'scheduled-maintenances':
      return {
        page,
        scheduled_maintenances: state.maintenances.map((m) => renderIncident(ctx, m)),
      };
    case 'scheduled-maintenances-upcoming':
      return {
        page,
        scheduled_maintenances: state.maintenances
          .filter((m) => m.status === 'scheduled')
          .map((m) => renderIncident(ctx, m)),
      };
    case 'scheduled-maintenances-active':
      return {
        page,
        scheduled_maintenances: state.maintenances
          .filter((m) => m.status === 'in_progress' || m.status === 'verifying')
          .map((m) => renderIncident(ctx, m)),
      };
  }
}

function renderPage(ctx: RenderContext): object {
  return {
    id: ctx.identity.pageId,
    name: ctx.identity.name,
    url: ctx.identity.url ?? ctx.pageUrl,
    time_zone: ctx.identity.timeZone,
    updated_at: ctx.time(ctx.state.updatedAt),
  };
}

function renderComponent(ctx: RenderContext, component: SimComponent): object {
  const row: Record<string, unknown> = {
    id: component.id,
    name: component.name,
    status: effectiveStatus(component, ctx.byId),
    created_at: ctx.time(component.createdAt),
    updated_at: ctx.time(component.updatedAt),
    position: component.position,
    description: component.description,
    showcase: component.showcase,
    start_date: component.startDate,
    group_id: component.groupId,
    page_id: ctx.identity.pageId,
    group: component.isGroup,
    only_show_if_degraded: false,
  };
  if (component.isGroup) row.components = [...component.childIds];
  return row;
}

/** Flat list ordered by position; `position` restarts inside each group, as on real pages. */
function renderComponents(ctx: RenderContext): object[] {
  return ctx.state.components
    .map((component, index) => ({ component, index }))
    .sort((a, b) => a.component.position - b.component.position || a.index - b.index)
    .map(({ component }) => renderComponent(ctx, component));
}

function renderUpdate(ctx: RenderContext, incidentId: string, update: SimUpdate): object {
  return {
    id: update.id,
    status: update.status,
    body: update.body,
    incident_id: incidentId,
    created_at: ctx.time(update.createdAt),
    updated_at: ctx.time(update.updatedAt),
    display_at: ctx.time(update.displayAt),
    affected_components:
      update.affectedComponents?.map((affected) => ({
        code: affected.code,
        name: affected.name,
        old_status: affected.oldStatus,
        new_status: affected.newStatus,
      })) ?? null,
    deliver_notifications: update.deliverNotifications,
    custom_tweet: null,
    tweet_id: null,
  };
}

function renderIncident(ctx: RenderContext, incident: SimIncident): object {
  const optionalTime = (ms: number | null): string | null => (ms === null ? null : ctx.time(ms));
  const row: Record<string, unknown> = {
    id: incident.id,
    name: incident.name,
    status: incident.status,
    created_at: ctx.time(incident.createdAt),
    updated_at: ctx.time(incident.updatedAt),
    monitoring_at: optionalTime(incident.monitoringAt),
    resolved_at: optionalTime(incident.resolvedAt),
    impact: incident.impact,
    shortlink: incident.shortlink,
    started_at: ctx.time(incident.startedAt),
    page_id: ctx.identity.pageId,
    incident_updates: [...incident.updates].reverse().map((u) => renderUpdate(ctx, incident.id, u)),
    components: incident.componentIds.flatMap((id) => {
      const component = ctx.byId.get(id);
      return component ? [renderComponent(ctx, component)] : [];
    }),
  };
  if (incident.kind === 'incident') {
    row.reminder_intervals = null;
  } else {
    row.scheduled_for = optionalTime(incident.scheduledFor);
    row.scheduled_until = optionalTime(incident.scheduledUntil);
  }
  return row;
}

/** Statuspage's v2 JSON, as the simulator serves it. */
export const statuspageSimFormat: SimFormat = {
  paths: endpointPaths,
  contentType: jsonContentType,
  render: (endpoint, identity, state, pageUrl) =>
    JSON.stringify(renderEndpoint(endpoint as EndpointName, identity, state, pageUrl)),
};
