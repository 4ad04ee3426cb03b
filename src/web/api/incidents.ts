// GET /api/v1/incidents (filtered and paged, without updates) and GET /api/v1/incidents/{id}
// (one incident with its updates, revisions, hygiene flags, duration and summary).
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import {
  findVendorName,
  getIncident,
  listIncidentFlags,
  listIncidents,
  listRevisions,
  type Database,
} from '../../store/index.js';
import { notFound } from '../http-error.js';
import { maxPathIdLength } from '../ids.js';
import { sendJson } from '../json.js';
import { parseIncidentQuery } from './params.js';
import { presentIncidentDetail, presentListedIncident } from './present.js';

interface IncidentApiDeps {
  db: Kysely<Database>;
  now: () => string;
  /** Display names by slug (e.g. from config); the store's names are used when absent. */
  vendorName?: (slug: string) => string | undefined;
}

interface IncidentApi {
  list(c: Context): Promise<Response>;
  detail(c: Context, id: string): Promise<Response>;
}

export function createIncidentApi({ db, now, vendorName }: IncidentApiDeps): IncidentApi {
  return {
    async list(c) {
      const query = parseIncidentQuery(c);
      const page = await listIncidents(db, query);
      const flags = await listIncidentFlags(
        db,
        page.incidents.map((incident) => incident.id),
      );
      return sendJson(c, {
        incidents: page.incidents.map((incident) =>
          presentListedIncident(incident, flags.get(incident.id) ?? []),
        ),
        nextCursor: page.nextCursor,
      });
    },
    async detail(c, id) {
      const incident = id.length <= maxPathIdLength ? await getIncident(db, id) : null;
      if (!incident) throw notFound(`no incident with id ${JSON.stringify(id.slice(0, 100))}`);
      const [revisions, flags, storedName] = await Promise.all([
        listRevisions(db, id),
        listIncidentFlags(db, [incident.id]),
        vendorName?.(incident.vendorSlug) ?? findVendorName(db, incident.vendorSlug),
      ]);
      const name = storedName ?? incident.vendorSlug;
      const detail = presentIncidentDetail(
        incident,
        revisions,
        flags.get(incident.id) ?? [],
        name,
        now(),
      );
      return sendJson(c, detail);
    },
  };
}
