// GET /api/v1/vendors/{slug}/report?days=90: the vendor's report card, each figure compared with
// the median of every watched vendor and explained.
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/index.js';
import { sendJson } from '../json.js';
import { reportMethods } from '../report/explain.js';
import { loadVendorReport, parseReportDays } from '../report/load-report.js';

interface ReportApiDeps {
  db: Kysely<Database>;
  now: () => string;
  vendorName?: (slug: string) => string | undefined;
}

export function createReportApi(deps: ReportApiDeps) {
  return async (c: Context, slug: string): Promise<Response> => {
    const days = parseReportDays(c.req.query('days'));
    const report = await loadVendorReport({ ...deps, now: deps.now() }, slug, days);
    const { incidentIds, ...figures } = report.figures;
    return sendJson(c, {
      ...report,
      figures,
      methods: reportMethods,
      incidents: incidentIds.map((id) => ({ id, url: `/incidents/${encodeURIComponent(id)}` })),
    });
  };
}
