// GET /api/v1/incidents (filtered and paged, without updates) and GET /api/v1/incidents/{id}
// (one incident with its updates, revisions, duration and summary).
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import {
  findVendorName,
  getIncident,
  listIncidents,
  listRevisions,
  type Database,
} from '../../store/index.js';
import { notFound } from '../http-error.js';
import { maxPathIdLength } from '../ids.js';
import { sendJson } from '../json.js';
import { parseIncidentQuery } from './params.js';
import { presentIncident, presentIncidentDetail } from './present.js';

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
      return sendJson(c, {
        incidents: page.incidents.map(presentIncident),
        nextCursor: page.nextCursor,
      });
    },
    async detail(c, id) {
      const incident = id.length <= maxPathIdLength ? await getIncident(db, id) : null;
      if (!incident) throw notFound(`no incident with id ${JSON.stringify(id.slice(0, 100))}`);
      const [revisions, storedName] = await Promise.all([
        listRevisions(db, id),
        vendorName?.(incident.vendorSlug) ?? findVendorName(db, incident.vendorSlug),
      ]);
      const name = storedName ?? incident.vendorSlug;
      return sendJson(c, presentIncidentDetail(incident, revisions, name, now()));
    },
  };
}
