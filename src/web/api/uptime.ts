// GET /api/v1/vendors/{slug}/uptime?from&to&component: SLA evidence as JSON, or as CSV with
// format=csv or an Accept header that asks for text/csv.
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { ImpactWeights } from '../../domain/uptime.js';
import type { Database } from '../../store/index.js';
import { invalidParameter } from '../http-error.js';
import { sendJson } from '../json.js';
import { loadVendorEvidence } from '../uptime/load-evidence.js';
import { presentUptime, uptimeCsv } from '../uptime/present.js';

interface UptimeApiDeps {
  db: Kysely<Database>;
  now: () => string;
  weights: Readonly<ImpactWeights>;
  vendorName?: (slug: string) => string | undefined;
}

export function createUptimeApi(deps: UptimeApiDeps) {
  return async (c: Context, slug: string): Promise<Response> => {
    const format = wantedFormat(c);
    const evidence = await loadVendorEvidence({ ...deps, now: deps.now() }, slug, {
      from: c.req.query('from'),
      to: c.req.query('to'),
      component: c.req.query('component'),
    });
    if (format === 'json') return sendJson(c, presentUptime(evidence));
    const origin = new URL(c.req.url).origin;
    const name = `${slug}-uptime-${evidence.from.slice(0, 10)}-${evidence.to.slice(0, 10)}.csv`;
    return new Response(uptimeCsv(evidence, origin), {
      headers: {
        'content-type': 'text/csv; charset=utf-8; header=present',
        'content-disposition': `attachment; filename="${name}"`,
        'cache-control': 'no-cache',
      },
    });
  };
}

function wantedFormat(c: Context): 'json' | 'csv' {
  const format = c.req.query('format');
  if (format === 'csv' || format === 'json') return format;
  if (format !== undefined) throw invalidParameter('format must be json or csv');
  const accept = c.req.header('accept') ?? '';
  return /\btext\/csv\b/i.test(accept) && !/\bapplication\/json\b/i.test(accept) ? 'csv' : 'json';
}
