// Minimal but complete Statuspage v2 bodies (summary, incidents, maintenances) for the vendors a
// browser test switches at will: the real adapter reads them as it reads any vendor.
import type { Bodies } from '../test-support/switchable-vendor.js';

export interface SpecComponent {
  id: string;
  name: string;
  status: string;
}

export interface SpecIncident {
  id: string;
  name: string;
  status: string;
  impact: string;
  startedAt: string;
  componentIds: string[];
  resolvedAt?: string;
  updates: Array<{ id: string; status: string; body: string; at: string }>;
}

export function statuspageBodies(
  pageName: string,
  components: SpecComponent[],
  incidents: SpecIncident[],
): Bodies {
  const page = {
    id: 'pg1',
    name: pageName,
    url: 'https://status.example.com',
    time_zone: 'Etc/UTC',
    updated_at: '2025-09-10T12:00:00Z',
  };
  const componentRows = components.map((component, position) => ({
    id: component.id,
    name: component.name,
    status: component.status,
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-01-01T00:00:00Z',
    position: position + 1,
    description: null,
    showcase: true,
    start_date: null,
    group_id: null,
    page_id: page.id,
    group: false,
    only_show_if_degraded: false,
  }));
  const incidentRows = incidents.map((incident) => ({
    id: incident.id,
    name: incident.name,
    status: incident.status,
    impact: incident.impact,
    created_at: incident.startedAt,
    updated_at: incident.updates.at(-1)?.at ?? incident.startedAt,
    monitoring_at: null,
    resolved_at: incident.resolvedAt ?? null,
    started_at: incident.startedAt,
    shortlink: `https://stspg.io/${incident.id}`,
    page_id: page.id,
    incident_updates: [...incident.updates].reverse().map((update) => ({
      id: update.id,
      status: update.status,
      body: update.body,
      incident_id: incident.id,
      created_at: update.at,
      updated_at: update.at,
      display_at: update.at,
      affected_components: null,
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    })),
    components: componentRows.filter((row) => incident.componentIds.includes(row.id)),
    reminder_intervals: null,
  }));
  const worst = components.some((c) => c.status !== 'operational') ? 'major' : 'none';
  return {
    summary: {
      page,
      components: componentRows,
      incidents: incidentRows.filter((row) => row.resolved_at === null),
      scheduled_maintenances: [],
      status: {
        indicator: worst,
        description: worst === 'none' ? 'All Systems Operational' : 'Outage',
      },
    },
    incidents: { page, incidents: incidentRows },
    maintenances: { page, scheduled_maintenances: [] },
  };
}
