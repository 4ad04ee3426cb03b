// GET /vendors/{slug}/uptime?from&to&component: the printable SLA evidence page.
import type { Context } from 'hono';
import type { ImpactWeights } from '../../../domain/uptime.js';
import { HttpError } from '../../http-error.js';
import { loadVendorEvidence } from '../../uptime/load-evidence.js';
import { errorPage } from '../error/handler.js';
import type { PageDeps } from '../shared/context.js';
import { sendHtml } from '../shared/html.js';
import { UptimePage } from './view.js';

export async function uptimePage(
  c: Context,
  deps: PageDeps,
  weights: Readonly<ImpactWeights>,
  slug: string,
): Promise<Response> {
  const now = deps.now();
  const params = {
    from: c.req.query('from') || undefined,
    to: c.req.query('to') || undefined,
    component: c.req.query('component') || undefined,
  };
  let evidence;
  try {
    evidence = await loadVendorEvidence({ ...deps, now, weights }, slug, params);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    const title = error.status === 404 ? 'Not found' : 'Bad range';
    return errorPage(c, deps, error.status === 404 ? 404 : 400, title, `${error.message}.`);
  }
  const search = new URLSearchParams();
  if (params.from) search.set('from', evidence.from);
  if (params.to) search.set('to', evidence.to);
  if (evidence.component) search.set('component', evidence.component);
  const query = search.size > 0 ? `?${search.toString()}` : '';
  return sendHtml(
    c,
    <UptimePage evidence={evidence} query={query} now={now} assets={deps.assets.urls} />,
  );
}
