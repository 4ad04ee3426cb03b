// The JSON API's whole route table (SPEC §4 "HTTP"). Handlers are short and inline: parse the
// request, ask the store, present the answer. Errors leave through one handler as JSON.
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import {
  checkReady,
  eventsAfter,
  findEventSeq,
  findVendorName,
  getIncident,
  getVendorDetail,
  InvalidQueryError,
  listEvents,
  listIncidents,
  listRevisions,
  listVendorStatuses,
  type Database,
} from '../store/index.js';
import type { EventSource } from './event-bus.js';
import { HttpError, notFound } from './http-error.js';
import { maxPathIdLength } from './ids.js';
import { sendError, sendJson } from './json.js';
import { createFeeds } from './feeds/index.js';
import { createMetrics, serveMetrics, type Metrics } from './metrics.js';
import { openApiDocument } from './api/openapi.js';
import { createPages } from './pages/index.js';
import { parseEventQuery, parseIncidentQuery, parseStreamQuery } from './api/params.js';
import {
  presentEvent,
  presentIncident,
  presentIncidentDetail,
  presentVendorDetail,
  presentVendorSummary,
} from './api/present.js';
import { defaultReadinessTimeoutMs, probeWithDeadline } from './api/readiness.js';
import { registerDeliveryRoutes } from './api/deliveries.js';
import { registerTargetRoutes, type TargetRouteDeps } from './api/targets.js';
import { registerVendorWrites, type VendorWriteDeps } from './api/vendors-write.js';
import { defaultHeartbeatMs, openEventStream, type EventLog } from './api/sse.js';

export interface AppLogger {
  error(fields: object, message: string): void;
}

export interface AppDeps {
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
}

export function createApp(deps: AppDeps): Hono {
  const { db } = deps;
  const readinessTimeoutMs = deps.readinessTimeoutMs ?? defaultReadinessTimeoutMs;
  const eventLog: EventLog = {
    resolveCursor: (after) =>
      /^[0-9]{1,15}$/.test(after) ? Promise.resolve(Number(after)) : findEventSeq(db, after),
    eventsAfter: (afterSeq, limit) => eventsAfter(db, afterSeq, limit),
  };
  // One readiness query at a time: probes against a hung store share it instead of piling up.
  let readinessQuery: Promise<void> | null = null;
  const probeStore = () =>
    (readinessQuery ??= checkReady(db).finally(() => {
      readinessQuery = null;
    }));
  const logError = (error: unknown, fields: object) =>
    deps.log?.error({ ...fields, err: error }, 'web request failed');

  const pages = createPages({ db, now: deps.now, vendorName: deps.vendorName });
  const feeds = createFeeds({
    db,
    now: deps.now,
    vendorName: deps.vendorName,
    notFound: (c) => pages.notFound(c),
  });
  const metrics = deps.metrics ?? createMetrics();
  const app = new Hono();

  app.get('/healthz', (c) => sendJson(c, { status: 'ok' }));

  app.get('/readyz', async (c) => {
    const result = await probeWithDeadline(probeStore, readinessTimeoutMs);
    if (result.ready) return sendJson(c, { status: 'ready' });
    const message =
      result.reason === 'timeout'
        ? `the store did not answer within ${readinessTimeoutMs} ms`
        : 'the store is unavailable';
    return sendError(c, 503, 'store_unavailable', message);
  });

  app.get('/api/openapi.json', (c) => sendJson(c, openApiDocument));

  app.get('/api/v1/vendors', async (c) => {
    const vendors = await listVendorStatuses(db, deps.now());
    return sendJson(c, { vendors: vendors.map(presentVendorSummary) });
  });

  app.get('/api/v1/vendors/:slug', async (c) => {
    const slug = c.req.param('slug');
    const vendor =
      slug.length <= maxPathIdLength ? await getVendorDetail(db, slug, deps.now()) : null;
    if (!vendor) throw notFound(`no vendor with slug ${JSON.stringify(slug.slice(0, 100))}`);
    return sendJson(c, presentVendorDetail(vendor));
  });
  if (deps.vendorWrites) registerVendorWrites(app, { db, now: deps.now, ...deps.vendorWrites });
  if (deps.targets) registerTargetRoutes(app, deps.targets);

  app.get('/api/v1/incidents', async (c) => {
    const query = parseIncidentQuery(c);
    const page = await listIncidents(db, query);
    return sendJson(c, {
      incidents: page.incidents.map(presentIncident),
      nextCursor: page.nextCursor,
    });
  });

  app.get('/api/v1/incidents/:id', async (c) => {
    const id = c.req.param('id');
    const incident = id.length <= maxPathIdLength ? await getIncident(db, id) : null;
    if (!incident) throw notFound(`no incident with id ${JSON.stringify(id.slice(0, 100))}`);
    const [revisions, storedName] = await Promise.all([
      listRevisions(db, id),
      deps.vendorName?.(incident.vendorSlug) ?? findVendorName(db, incident.vendorSlug),
    ]);
    const vendorName = storedName ?? incident.vendorSlug;
    return sendJson(c, presentIncidentDetail(incident, revisions, vendorName, deps.now()));
  });

  app.get('/api/v1/events', async (c) => {
    const query = parseEventQuery(c);
    const page = await listEvents(db, query);
    return sendJson(c, { events: page.events.map(presentEvent), nextCursor: page.nextCursor });
  });

  app.get('/api/v1/events/stream', (c) => {
    const query = parseStreamQuery(c);
    // EventSource sends Last-Event-ID on reconnect; a malformed one is ignored, not refused,
    // because refusing it would make the browser retry the same bad header forever.
    const lastEventId = c.req.header('last-event-id')?.trim();
    const after =
      lastEventId && /^[A-Za-z0-9_.:~-]{1,200}$/.test(lastEventId)
        ? lastEventId
        : (query.after ?? null);
    return openEventStream({
      log: eventLog,
      source: deps.eventBus,
      after,
      vendor: query.vendor ?? null,
      heartbeatMs: deps.sseHeartbeatMs ?? defaultHeartbeatMs,
      signals: [c.req.raw.signal, ...(deps.shutdownSignal ? [deps.shutdownSignal] : [])],
      onError: (error) => logError(error, { path: c.req.path }),
    });
  });

  // GET /api/v1/deliveries: notifications and target states (api/deliveries.ts).
  registerDeliveryRoutes(app, { db, now: deps.now });

  // HTML pages (strict CSP and hardening headers on every one: pages/shared/html.ts).
  app.get('/', (c) => pages.dashboard(c));
  app.get('/incidents', (c) => pages.incidents(c));
  app.get('/incidents/:id', (c) => pages.incident(c, c.req.param('id')));
  app.get('/vendors/:slug', (c) => pages.vendor(c, c.req.param('slug')));
  app.get('/deliveries', (c) => pages.deliveries(c));
  app.get('/assets/:name', (c) => pages.asset(c, c.req.param('name')));

  // Feeds and machine outputs.
  app.get('/feed.atom', (c) => feeds.all(c, 'atom'));
  app.get('/feed.rss', (c) => feeds.all(c, 'rss'));
  app.get('/vendors/:slug/feed.atom', (c) => feeds.vendor(c, c.req.param('slug'), 'atom'));
  app.get('/vendors/:slug/feed.rss', (c) => feeds.vendor(c, c.req.param('slug'), 'rss'));
  app.get('/metrics', (c) => serveMetrics(c, metrics, db, deps.now()));

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
