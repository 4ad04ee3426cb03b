// The whole route table: every route the server answers, API, pages, feeds and metrics, is listed
// here and handled in api/, pages/ or feeds/. Errors leave through one handler, as JSON under
// /api and as an HTML page elsewhere.
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { defaultImpactWeights, type ImpactWeights } from '../domain/uptime.js';
import { InvalidQueryError, type Database } from '../store/index.js';
import { createDeliveryApi } from './api/deliveries.js';
import { createEventApi } from './api/events.js';
import { createHealthApi } from './api/health.js';
import { createIncidentApi } from './api/incidents.js';
import { openApiDocument } from './api/openapi.js';
import { createReportApi } from './api/report.js';
import { createUptimeApi } from './api/uptime.js';
import { createTargetApi, type TargetRouteDeps } from './api/targets.js';
import { createVendorApi } from './api/vendors.js';
import { createVendorWrite, type VendorWriteDeps } from './api/vendors-write.js';
import { createWorkerApi } from './api/workers.js';
import type { EventSource } from './event-bus.js';
import { createFeeds } from './feeds/index.js';
import { HttpError } from './http-error.js';
import { sendError, sendJson } from './json.js';
import { createMetrics, serveMetrics, type Metrics } from './metrics.js';
import { createPages } from './pages/index.js';

interface AppLogger {
  error(fields: object, message: string): void;
}

interface AppDeps {
  db: Kysely<Database>;
  /** The clock, as an ISO instant: health, durations and summaries are computed at this time. */
  now: () => string;
  /** Display names by slug (e.g. from config); the store's names are used when absent. */
  vendorName?: (slug: string) => string | undefined;
  /** How long /readyz waits for the store before answering 503. */
  readinessTimeoutMs?: number;
  /** Live events for /api/v1/events/stream; without it the stream only replays from the store. */
  eventBus?: EventSource;
  sseHeartbeatMs?: number;
  /** Aborting it ends every open event stream (call before closing the server). */
  shutdownSignal?: AbortSignal;
  log?: AppLogger;
  /** The write API (POST /api/v1/vendors); registered only when an admin token is configured. */
  vendorWrites?: Omit<VendorWriteDeps, 'db' | 'now'>;
  /** Poll metrics fed by the scheduler; without it /metrics has the store gauges only. */
  metrics?: Metrics;
  /** Notification targets over the API (/api/v1/targets); writes need the admin token. */
  targets?: TargetRouteDeps;
  /** SLA evidence: the share of an incident's time that is downtime, by impact (config). */
  uptimeWeights?: Readonly<ImpactWeights>;
}

export function createApp(deps: AppDeps): Hono {
  const { db, now, vendorName } = deps;
  const logError = (error: unknown, fields: object) =>
    deps.log?.error({ ...fields, err: error }, 'web request failed');

  const health = createHealthApi(db, deps.readinessTimeoutMs);
  const vendors = createVendorApi({ db, now });
  const vendorWrite = deps.vendorWrites && createVendorWrite({ db, now, ...deps.vendorWrites });
  const incidents = createIncidentApi({ db, now, vendorName });
  const events = createEventApi({
    db,
    source: deps.eventBus,
    heartbeatMs: deps.sseHeartbeatMs,
    shutdownSignal: deps.shutdownSignal,
    onError: logError,
  });
  const deliveries = createDeliveryApi(db);
  const workers = createWorkerApi(db, now);
  const targets = deps.targets ? createTargetApi(deps.targets) : null;
  const uptimeWeights = deps.uptimeWeights ?? defaultImpactWeights;
  const uptime = createUptimeApi({ db, now, vendorName, weights: uptimeWeights });
  const report = createReportApi({ db, now, vendorName });
  const pages = createPages({ db, now, vendorName, uptimeWeights });
  const feeds = createFeeds({ db, now, vendorName, notFound: (c) => pages.notFound(c) });
  const metrics = deps.metrics ?? createMetrics();
  const app = new Hono();

  // Probes and the API's own description.
  app.get('/healthz', (c) => health.live(c));
  app.get('/readyz', (c) => health.ready(c));
  app.get('/api/openapi.json', (c) => sendJson(c, openApiDocument));
  app.get('/api/docs', (c) => pages.apiDocs(c));
  // Where tools look for it first.
  app.get('/openapi.json', (c) => c.redirect('/api/openapi.json', 301));

  // The JSON API (api/).
  app.get('/api/v1/vendors', (c) => vendors.list(c));
  app.get('/api/v1/vendors/:slug', (c) => vendors.detail(c, c.req.param('slug')));
  app.get('/api/v1/vendors/:slug/report', (c) => report(c, c.req.param('slug')));
  app.get('/api/v1/vendors/:slug/uptime', (c) => uptime(c, c.req.param('slug')));
  if (vendorWrite) app.post('/api/v1/vendors', (c) => vendorWrite(c));
  if (targets) {
    app.get('/api/v1/targets', (c) => targets.list(c));
    app.get('/api/v1/targets/:name', (c) => targets.detail(c, c.req.param('name')));
    // The write routes exist only with an admin token.
    const { add, remove } = targets;
    if (add) app.post('/api/v1/targets', (c) => add(c));
    if (remove) app.delete('/api/v1/targets/:name', (c) => remove(c, c.req.param('name')));
  }
  app.get('/api/v1/incidents', (c) => incidents.list(c));
  app.get('/api/v1/incidents/:id', (c) => incidents.detail(c, c.req.param('id')));
  app.get('/api/v1/events', (c) => events.list(c));
  app.get('/api/v1/events/stream', (c) => events.stream(c));
  app.get('/api/v1/deliveries', (c) => deliveries.list(c));
  app.get('/api/v1/workers', (c) => workers.list(c));

  // HTML pages (pages/), each with a strict CSP and hardening headers (pages/shared/html.ts).
  app.get('/', (c) => pages.dashboard(c));
  app.get('/incidents', (c) => pages.incidents(c));
  app.get('/incidents/:id', (c) => pages.incident(c, c.req.param('id')));
  app.get('/vendors/:slug', (c) => pages.vendor(c, c.req.param('slug')));
  app.get('/vendors/:slug/uptime', (c) => pages.uptime(c, c.req.param('slug')));
  app.get('/deliveries', (c) => pages.deliveries(c));
  app.get('/assets/:name', (c) => pages.asset(c, c.req.param('name')));
  app.get('/assets/swagger-ui/:version/:name', (c) =>
    pages.rendererAsset(c, c.req.param('version'), c.req.param('name')),
  );

  // Feeds (feeds/) and metrics.
  app.get('/feed.atom', (c) => feeds.all(c, 'atom'));
  app.get('/feed.rss', (c) => feeds.all(c, 'rss'));
  app.get('/vendors/:slug/feed.atom', (c) => feeds.vendor(c, c.req.param('slug'), 'atom'));
  app.get('/vendors/:slug/feed.rss', (c) => feeds.vendor(c, c.req.param('slug'), 'rss'));
  app.get('/metrics', (c) => serveMetrics(c, metrics, db, now()));

  app.notFound((c) => {
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) {
      return sendError(c, 404, 'not_found', `no route ${c.req.method} ${c.req.path.slice(0, 200)}`);
    }
    return pages.notFound(c);
  });

  app.onError((error, c) => {
    if (error instanceof HttpError) return sendError(c, error.status, error.code, error.message);
    if (error instanceof InvalidQueryError) {
      return sendError(c, 400, 'invalid_parameter', error.message);
    }
    logError(error, { method: c.req.method, path: c.req.path });
    if (!c.req.path.startsWith('/api/')) return pages.failed(c);
    return sendError(c, 500, 'internal', 'internal error');
  });

  return app;
}
