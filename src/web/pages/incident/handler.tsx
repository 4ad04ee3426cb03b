// GET /incidents/{id}: the incident page, rendered once per change of the incident (its row's
// updated_at moves with every write to it, its updates, its revisions or its flags) and of its vendor's
// name; an open incident's page also shows durations, so it is re-rendered once a minute.
import type { Context } from 'hono';
import { incidentDurationSeconds, summarizeIncident } from '../../../domain/summary.js';
import {
  findIncidentStamp,
  findOutageOfIncident,
  getIncident,
  getOutage,
  listIncidentFlags,
  listRevisions,
} from '../../../store/index.js';
import { maxPathIdLength } from '../../ids.js';
import { errorPage } from '../error/handler.js';
import type { PageDeps } from '../shared/context.js';
import { renderDocument, sendDocument } from '../shared/html.js';
import { createRenderCache } from '../shared/render-cache.js';
import { withViewer } from '../shared/viewer-context.js';
import { weakEtag } from '../../json.js';
import { IncidentPage } from './view.js';

/** About 10 KB a page: the most read incidents stay rendered within a few tens of MB. */
const cachedPages = 2000;

export function createIncidentPage(deps: PageDeps) {
  const cache = createRenderCache(cachedPages);
  const notFound = (c: Context) =>
    errorPage(c, deps, 404, 'No such incident', 'vendorwatch has no incident with this id.');

  return async function incidentPage(c: Context, id: string): Promise<Response> {
    if (id.length > maxPathIdLength) return notFound(c);
    // Joining an outage does not touch the incident's row, so the outage is part of the key.
    const [stamp, outageId] = await Promise.all([
      findIncidentStamp(deps.db, id),
      findOutageOfIncident(deps.db, id),
    ]);
    if (!stamp) return notFound(c);
    const now = deps.now();
    const vendor = {
      slug: stamp.vendorSlug,
      name: deps.vendorName?.(stamp.vendorSlug) ?? stamp.vendorName ?? stamp.vendorSlug,
      statusPageUrl: stamp.vendorStatusPageUrl,
    };
    const minute = stamp.resolvedAt ? '' : String(Math.floor(Date.parse(now) / 60_000));
    const key = JSON.stringify([
      stamp.updatedAt,
      vendor.name,
      vendor.statusPageUrl,
      minute,
      outageId,
    ]);
    // The header differs per signed-in account: only the anonymous page is cached.
    const viewer = c.get('viewer');
    const cached = viewer ? undefined : cache.get(id, key);
    if (cached) return sendDocument(c, cached.html, cached.etag);

    const [incident, revisions, flags, outage] = await Promise.all([
      getIncident(deps.db, id),
      listRevisions(deps.db, id),
      listIncidentFlags(deps.db, [id]),
      outageId ? getOutage(deps.db, outageId) : null,
    ]);
    if (!incident) return notFound(c);
    const html = await renderDocument(
      withViewer(
        viewer,
        <IncidentPage
          incident={incident}
          vendor={vendor}
          revisions={revisions}
          flags={flags.get(incident.id) ?? []}
          outage={
            outage
              ? {
                  id: outage.id,
                  upstream: [outage.upstreamName, outage.region].filter(Boolean).join(' '),
                }
              : null
          }
          summary={summarizeIncident(incident, vendor.name, now)}
          durationSeconds={incidentDurationSeconds(incident, now)}
          assets={deps.assets.urls}
        />,
      ),
    );
    if (viewer) return sendDocument(c, html, weakEtag(html));
    const rendered = cache.set(id, key, html);
    return sendDocument(c, rendered.html, rendered.etag);
  };
}
