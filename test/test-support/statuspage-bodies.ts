// Statuspage bodies for a loopback vendor (switchable-vendor.ts) from a real fixture: the page
// calm, with its incident open, or with it resolved.
import { fixture, type Bodies } from './switchable-vendor.js';

const summary = fixture('summary.github.2022-11-25.unresolved.json');
const open = summary.incidents[0] as Record<string, any>;

function bodies(
  incidents: Array<Record<string, any>>,
  openOnes: Array<Record<string, any>>,
): Bodies {
  return {
    summary: {
      ...summary,
      incidents: openOnes,
      components: (summary.components as Array<Record<string, any>>).map((component) => ({
        ...component,
        status: openOnes.length > 0 ? component.status : 'operational',
      })),
    },
    incidents: { page: summary.page, incidents },
    maintenances: { page: summary.page, scheduled_maintenances: [] },
  };
}

export const calmPage: Bodies = bodies([], []);
export const incidentOpen: Bodies = bodies([open], [open]);
export const incidentResolved: Bodies = (() => {
  const resolvedAt = '2022-11-25T16:30:00.000Z';
  const resolved = {
    ...open,
    status: 'resolved',
    resolved_at: resolvedAt,
    updated_at: resolvedAt,
    incident_updates: [
      {
        ...(open.incident_updates as Array<Record<string, any>>)[0],
        id: 'resolved-update',
        status: 'resolved',
        body: 'This incident has been resolved.',
        created_at: resolvedAt,
        updated_at: resolvedAt,
        display_at: resolvedAt,
      },
      ...(open.incident_updates as Array<Record<string, any>>),
    ],
  };
  return bodies([resolved], []);
})();

/** The id of the fixture's incident, as the Statuspage webhook names it. */
export const openIncidentId = open.id as string;

/** A Statuspage subscriber webhook about the fixture's incident (docs/push.md). */
export function incidentWebhook(): Record<string, unknown> {
  return {
    meta: { unsubscribe: 'https://status.example/unsubscribe', documentation: 'https://x' },
    page: { id: summary.page.id, status_indicator: 'major', status_description: 'Partial outage' },
    incident: { id: open.id, name: open.name, status: open.status, incident_updates: [] },
  };
}
