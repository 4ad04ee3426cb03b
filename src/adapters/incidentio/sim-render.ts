// incident.io's compat JSON (docs/platforms.md#incidentio-compat-json), as in the openai capture:
// flat components, ULID ids, `Z` times without milliseconds, keys sorted, incidents without
// components/started_at/resolved_at/shortlink, and summary lists left out when empty.
import { jsonContentType, type SimFormat } from '../sim-kit/format.js';
import { ulidOf, isoSeconds } from '../sim-kit/platform-ids.js';
import { effectiveStatus, renderStatus } from '../sim-kit/page-status.js';
import {
  closedStatuses,
  type SimIncident,
  type SimVendorIdentity,
  type SimVendorState,
} from '../sim-kit/types.js';

const incidentioPaths = {
  '/api/v2/summary.json': 'summary',
  '/api/v2/incidents.json': 'incidents',
} as const;
type IncidentioEndpoint = (typeof incidentioPaths)[keyof typeof incidentioPaths];

function renderIncidentio(
  endpoint: IncidentioEndpoint,
  identity: SimVendorIdentity,
  state: SimVendorState,
  pageUrl: string,
): unknown {
  const pageId = ulidOf(`page:${identity.pageId}`, 0);
  const page = {
    id: pageId,
    name: identity.name,
    updated_at: isoSeconds(state.updatedAt),
    url: identity.url ?? pageUrl,
  };
  const incident = (item: SimIncident): object => renderItem(item, pageId);
  if (endpoint === 'incidents') return { incidents: state.incidents.map(incident), page };
  const open = (item: SimIncident): boolean => !closedStatuses.includes(item.status);
  const byId = new Map(state.components.map((c) => [c.id, c]));
  const body: Record<string, unknown> = {
    components: state.components
      .filter((c) => !c.isGroup)
      .map((component, position) => ({
        created_at: isoSeconds(component.createdAt),
        id: ulidOf(component.id, component.createdAt),
        name: component.name,
        page_id: pageId,
        position,
        status: effectiveStatus(component, byId),
        updated_at: isoSeconds(component.updatedAt),
      })),
  };
  const openIncidents = state.incidents.filter(open);
  const openMaintenances = state.maintenances.filter(open);
  if (openIncidents.length > 0) body.incidents = openIncidents.map(incident);
  body.page = page;
  if (openMaintenances.length > 0) body.scheduled_maintenances = openMaintenances.map(incident);
  body.status = renderStatus(state);
  return body;
}

/** The ULID the simulator serves for a model incident (tests join on it). */
export function incidentioIncidentId(item: SimIncident): string {
  return ulidOf(item.id, item.createdAt);
}

function renderItem(item: SimIncident, pageId: string): object {
  const id = incidentioIncidentId(item);
  const row: Record<string, unknown> = {
    created_at: isoSeconds(item.createdAt),
    id,
    impact: item.impact,
    incident_updates: [...item.updates].reverse().map((update) => ({
      body: update.body,
      created_at: isoSeconds(update.createdAt),
      display_at: isoSeconds(update.displayAt),
      id: ulidOf(update.id, update.createdAt),
      incident_id: id,
      status: update.status,
      updated_at: isoSeconds(update.updatedAt),
    })),
    name: item.name,
    page_id: pageId,
  };
  if (item.kind === 'maintenance') {
    if (item.scheduledFor !== null) row.scheduled_for = isoSeconds(item.scheduledFor);
    if (item.scheduledUntil !== null) row.scheduled_until = isoSeconds(item.scheduledUntil);
  }
  row.status = item.status;
  row.updated_at = isoSeconds(item.updatedAt);
  return row;
}

/** incident.io's Statuspage-compatible JSON, as the simulator serves it. */
export const incidentioSimFormat: SimFormat = {
  paths: incidentioPaths,
  contentType: jsonContentType,
  render: (endpoint, identity, state, pageUrl) =>
    JSON.stringify(renderIncidentio(endpoint as IncidentioEndpoint, identity, state, pageUrl)),
};
