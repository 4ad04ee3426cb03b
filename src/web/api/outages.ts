// GET /api/v1/outages (correlated outages, latest start first, paged) and GET
// /api/v1/outages/{id} (one outage: its vendors, members with their evidence, shared timeline).
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Outage } from '../../domain/outage.js';
import { getOutage, getOutageTimeline, listOutages, type Database } from '../../store/index.js';
import { notFound } from '../http-error.js';
import { maxPathIdLength } from '../ids.js';
import { sendJson } from '../json.js';
import { outageQuery, parseQuery } from './params.js';
import { presentIncident } from './present.js';

export function presentOutage(outage: Outage) {
  return {
    id: outage.id,
    title: outage.title,
    upstream: outage.upstream,
    upstreamName: outage.upstreamName,
    region: outage.region,
    startedAt: outage.startedAt,
    resolvedAt: outage.resolvedAt,
    detectedAt: outage.detectedAt,
    vendors: outage.vendors,
    members: outage.members.map((member) => ({
      incident: presentIncident(member.incident),
      vendorName: member.vendorName,
      role: member.role,
      evidence: member.evidence,
      nearIncidentId: member.nearIncidentId,
      gapSeconds: member.gapSeconds,
      joinedAt: member.joinedAt,
    })),
  };
}

export function createOutageApi(db: Kysely<Database>) {
  return {
    async list(c: Context): Promise<Response> {
      const query = parseQuery(c, outageQuery);
      const page = await listOutages(db, query);
      return sendJson(c, { outages: page.outages.map(presentOutage), nextCursor: page.nextCursor });
    },
    async detail(c: Context, id: string): Promise<Response> {
      const outage = id.length <= maxPathIdLength ? await getOutage(db, id) : null;
      if (!outage) throw notFound(`no outage with id ${JSON.stringify(id.slice(0, 100))}`);
      const timeline = await getOutageTimeline(db, outage);
      return sendJson(c, { ...presentOutage(outage), timeline });
    },
  };
}
