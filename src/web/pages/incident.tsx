// GET /incidents/{id}: the incident page.
import type { Context } from 'hono';
import { incidentDurationSeconds, summarizeIncident } from '../../domain/summary.js';
import { findVendorRecord, getIncident, listRevisions } from '../../store/index.js';
import { IncidentPage } from '../views/incident-page.js';
import { errorPage, maxPathIdLength, type PageDeps } from './context.js';
import { sendHtml } from './html.js';

export async function incidentPage(c: Context, deps: PageDeps, id: string): Promise<Response> {
  const incident = id.length <= maxPathIdLength ? await getIncident(deps.db, id) : null;
  if (!incident) {
    return errorPage(c, deps, 404, 'No such incident', 'vendorwatch has no incident with this id.');
  }
  const [revisions, record] = await Promise.all([
    listRevisions(deps.db, incident.id),
    findVendorRecord(deps.db, incident.vendorSlug),
  ]);
  const vendor = {
    slug: incident.vendorSlug,
    name: deps.vendorName?.(incident.vendorSlug) ?? record?.name ?? incident.vendorSlug,
    statusPageUrl: record?.statusPageUrl ?? null,
  };
  const now = deps.now();
  return sendHtml(
    c,
    <IncidentPage
      incident={incident}
      vendor={vendor}
      revisions={revisions}
      summary={summarizeIncident(incident, vendor.name, now)}
      durationSeconds={incidentDurationSeconds(incident, now)}
      assets={deps.assets.urls}
    />,
  );
}
