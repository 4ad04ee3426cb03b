// The whole route table: every route the server answers, API, pages, feeds and metrics, is listed
// here and handled in api/, pages/ or feeds/. Errors leave through one handler, as JSON under
// /api and as an HTML page elsewhere.
import { Hono, type Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Board } from '../domain/board.js';
import { defaultImpactWeights, type ImpactWeights } from '../domain/uptime.js';
import { InvalidQueryError, type Database, type NewAuditEntry } from '../store/index.js';
import { createAuditApi } from './api/audit.js';
import { createBoardApi } from './api/boards.js';
import { boardFinder } from './boards/load.js';
import { tokenAuthorizer } from './api/write-support.js';
import { createDeliveryApi } from './api/deliveries.js';
import { createEventApi } from './api/events.js';
import { createHealthApi } from './api/health.js';
import { createIncidentApi } from './api/incidents.js';
import { createOutageApi } from './api/outages.js';
import { openApiDocument } from './api/openapi.js';
import { createReportApi } from './api/report.js';
import { createUptimeApi } from './api/uptime.js';
import { createTargetApi, type TargetRouteDeps } from './api/targets.js';
import { createVendorApi } from './api/vendors.js';
import { createVendorManage } from './api/vendors-manage.js';
import { createVendorWrite, type VendorWriteDeps } from './api/vendors-write.js';
import { createCalendars } from './calendar/index.js';
import { compatEndpoints, createCompat } from './compat/index.js';
import { createAuth } from './auth/service.js';
import type { AuthSettings } from './auth/settings.js';
import { createWorkerApi } from './api/workers.js';
import type { EventSource } from './event-bus.js';
import { createFeeds } from './feeds/index.js';
import { createIngest, type IngestDeps } from './ingest/route.js';
import { HttpError } from './http-error.js';
import { sendError, sendJson } from './json.js';
import { createMetrics, serveMetrics, type Metrics } from './metrics.js';
import { createPages } from './pages/index.js';
import { isManagedTargets } from './pages/manage-targets/handler.js';

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
  /**
   * Accounts and sign-in (docs/security.md#accounts-and-sign-in): sessions, the sign-in, setup and
   * management pages, and admin sessions as well as the admin token on the management API.
   * Without it the app is as before accounts: open reads, token-only writes.
   */
  auth?: AuthSettings;
  /** The write API (POST /api/v1/vendors); without accounts, only when an admin token is configured. */
  vendorWrites?: Omit<VendorWriteDeps, 'db' | 'now'>;
  /** Poll metrics fed by the scheduler; without it /metrics has the store gauges only. */
  metrics?: Metrics;
  /** Notification targets over the API (/api/v1/targets); writes need the admin token. */
  targets?: TargetRouteDeps;
  /** SLA evidence: the share of an incident's time that is downtime, by impact (config). */
  uptimeWeights?: Readonly<ImpactWeights>;
  /** The config's boards (docs/contract.md#boards); none by default. */
  boards?: readonly Board[];
  /** Push ingestion (POST /ingest/{slug}/{token}): the nudge to this process's poller, limits. */
  ingest?: Omit<IngestDeps, 'db' | 'now'>;
  /** A vendor's active interval (config polling.activeInterval), shown as its effective interval. */
  activeIntervalFor?: (slug: string) => number;
}

export function createApp(deps: AppDeps): Hono {
  const { db, now, vendorName } = deps;
  const logError = (error: unknown, fields: object) =>
    deps.log?.error({ ...fields, err: error }, 'web request failed');

  const uptimeWeights = deps.uptimeWeights ?? defaultImpactWeights;
  const boards = deps.boards ?? [];
  const findBoard = boardFinder(boards);
  const { activeIntervalFor } = deps;
  const pages = createPages({
    db,
    now,
    vendorName,
    uptimeWeights,
    boards,
    ...(activeIntervalFor ? { activeIntervalFor } : {}),
  });
  const auth = deps.auth ? createAuth({ db, now, settings: deps.auth, pages }) : null;
  const writeAccess = auth
    ? {
        authorizeWrite: auth.managementActor,
        audit: (c: Context, entry: { actor: string; action: string; subject: string }) =>
          auth.audit(c, entry),
      }
    : {};
  const health = createHealthApi(db, deps.readinessTimeoutMs);
  const vendors = createVendorApi({ db, now, ...(activeIntervalFor ? { activeIntervalFor } : {}) });
  const vendorWrite =
    deps.vendorWrites &&
    (deps.vendorWrites.adminToken !== null || auth) &&
    createVendorWrite({ db, now, ...deps.vendorWrites, ...writeAccess });
  // PATCH and DELETE /api/v1/vendors/{slug}: the same credentials as adding one.
  const vendorAuthorizer =
    auth?.managementActor ??
    (deps.vendorWrites?.adminToken ? tokenAuthorizer(deps.vendorWrites.adminToken) : null);
  const vendorManage =
    vendorWrite && vendorAuthorizer
      ? createVendorManage({
          db,
          now,
          authorizeWrite: vendorAuthorizer,
          ...(auth
            ? { audit: (c: Context, entry: Omit<NewAuditEntry, 'address'>) => auth.audit(c, entry) }
            : {}),
        })
      : null;
  const incidents = createIncidentApi({ db, now, vendorName });
  const events = createEventApi({
    db,
    source: deps.eventBus,
    heartbeatMs: deps.sseHeartbeatMs,
    shutdownSignal: deps.shutdownSignal,
    onError: logError,
  });
  const deliveries = createDeliveryApi(db);
  const outages = createOutageApi(db);
  const workers = createWorkerApi(db, now);
  const targets = deps.targets ? createTargetApi({ ...deps.targets, ...writeAccess }) : null;
  const uptime = createUptimeApi({ db, now, vendorName, weights: uptimeWeights });
  const report = createReportApi({ db, now, vendorName });
  const feeds = createFeeds({ db, now, vendorName, notFound: (c) => pages.notFound(c) });
  const calendars = createCalendars({ db, now, vendorName, notFound: (c) => pages.notFound(c) });
  const compat = createCompat({ db, now, vendorName });
  const boardApi = createBoardApi({
    db,
    now,
    vendorName,
    boards,
    findBoard,
    ...(activeIntervalFor ? { activeIntervalFor } : {}),
  });
  const metrics = deps.metrics ?? createMetrics();
  const app = new Hono();

  // Before the session, same-origin and read gate: vendors' servers post here, with no session
  // and from another origin, and the token in the path is the only credential.
  const ingest = createIngest({ db, now, ...deps.ingest });
  app.post('/ingest/:slug/:token', (c) => ingest(c, c.req.param('slug'), c.req.param('token')));

  if (auth) {
    // Every request: who is signed in; a cross-origin state change refused; under
    // readAccess signed-in, nothing readable without a session (docs/security.md).
    app.use('*', auth.session, auth.sameOrigin, auth.readGate);
    const mailInvite = deps.targets?.admin.sendInvite;
    const accounts = pages.accounts(auth, mailInvite);
    app.get('/signin', (c) => accounts.signIn.show(c));
    app.post('/signin', (c) => accounts.signIn.submit(c));
    app.post('/signout', auth.requireRole('any'), (c) => accounts.signIn.signOut(c));
    app.post('/signout-everywhere', auth.requireRole('any'), (c) =>
      accounts.signIn.signOutEverywhere(c),
    );
    app.get('/setup', (c) => accounts.setup.show(c));
    app.post('/setup', (c) => accounts.setup.submit(c));
    app.get('/invite/:token', (c) => accounts.invite.show(c, c.req.param('token')));
    app.post('/invite/:token', (c) => accounts.invite.submit(c, c.req.param('token')));
    app.get('/account', auth.requireRole('any'), (c) => accounts.account.show(c));
    app.post('/account/password', auth.requireRole('any'), (c) =>
      accounts.account.changePassword(c),
    );
    // Everything under /manage is an admin's, CSRF token included for every change.
    app.use('/manage', auth.requireRole('admin'));
    app.use('/manage/*', auth.requireRole('admin'));
    app.get('/manage', (c) => c.redirect('/manage/users', 303));
    app.get('/manage/users', (c) => accounts.users.show(c));
    app.post('/manage/users/invite', (c) => accounts.users.invite(c));
    app.post('/manage/users/:id/role', (c) => accounts.users.changeRole(c, c.req.param('id')));
    app.post('/manage/users/:id/remove', (c) => accounts.users.remove(c, c.req.param('id')));
    app.get('/manage/audit', (c) => accounts.audit(c));
    if (deps.vendorWrites) {
      const watchList = pages.watchList(auth, deps.vendorWrites);
      app.get('/manage/vendors', (c) => watchList.show(c));
      app.post('/manage/vendors/detect', (c) => watchList.detect(c));
      app.post('/manage/vendors/add', (c) => watchList.add(c));
      app.post('/manage/vendors/:slug/push-url', (c) => watchList.pushUrl(c, c.req.param('slug')));
      app.post('/manage/vendors/:slug/pause', (c) => watchList.pause(c, c.req.param('slug')));
      app.post('/manage/vendors/:slug/resume', (c) => watchList.resume(c, c.req.param('slug')));
      app.post('/manage/vendors/:slug/edit', (c) => watchList.edit(c, c.req.param('slug')));
      app.post('/manage/vendors/:slug/remove', (c) => watchList.remove(c, c.req.param('slug')));
      app.post('/manage/vendors/:slug/probes/add', (c) =>
        watchList.addProbe(c, c.req.param('slug')),
      );
      app.post('/manage/vendors/:slug/probes/remove', (c) =>
        watchList.removeProbe(c, c.req.param('slug')),
      );
    }
    const managed = deps.targets?.admin;
    if (managed && isManagedTargets(managed)) {
      const targetPage = accounts.targets(managed);
      const name = (c: Context) => c.req.param('name') ?? '';
      app.get('/manage/targets', (c) => targetPage.list(c));
      app.get('/manage/targets/new/:type', (c) => targetPage.newForm(c, c.req.param('type')));
      app.post('/manage/targets/new/:type', (c) => targetPage.add(c, c.req.param('type')));
      app.get('/manage/targets/:name', (c) => targetPage.detail(c, name(c)));
      app.post('/manage/targets/:name/test', (c) => targetPage.test(c, name(c)));
      app.post('/manage/targets/:name/disable', (c) => targetPage.setEnabled(c, name(c), false));
      app.post('/manage/targets/:name/enable', (c) => targetPage.setEnabled(c, name(c), true));
      app.post('/manage/targets/:name/remove', (c) => targetPage.remove(c, name(c)));
      app.post('/manage/targets/:name/edit', (c) => targetPage.edit(c, name(c)));
    }
  }
  // The audit log reads like the management API: an admin's session or the admin token.
  const adminToken = deps.targets?.adminToken ?? null;
  const auditAccess = auth?.managementActor ?? (adminToken ? tokenAuthorizer(adminToken) : null);
  if (auditAccess) {
    const audit = createAuditApi(db, auditAccess);
    app.get('/api/v1/audit', (c) => audit(c));
  }

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
  if (vendorManage) {
    app.patch('/api/v1/vendors/:slug', (c) => vendorManage.patch(c, c.req.param('slug')));
    app.delete('/api/v1/vendors/:slug', (c) => vendorManage.remove(c, c.req.param('slug')));
  }
  if (targets) {
    app.get('/api/v1/targets', (c) => targets.list(c));
    app.get('/api/v1/targets/:name', (c) => targets.detail(c, c.req.param('name')));
    // The write routes exist only with an admin token.
    const { add, remove, test, patch } = targets;
    if (add) app.post('/api/v1/targets', (c) => add(c));
    if (remove) app.delete('/api/v1/targets/:name', (c) => remove(c, c.req.param('name')));
    if (patch) app.patch('/api/v1/targets/:name', (c) => patch(c, c.req.param('name')));
    if (test) app.post('/api/v1/targets/:name/test', (c) => test(c, c.req.param('name')));
  }
  app.get('/api/v1/incidents', (c) => incidents.list(c));
  app.get('/api/v1/incidents/:id', (c) => incidents.detail(c, c.req.param('id')));
  app.get('/api/v1/outages', (c) => outages.list(c));
  app.get('/api/v1/outages/:id', (c) => outages.detail(c, c.req.param('id')));
  app.get('/api/v1/events', (c) => events.list(c));
  app.get('/api/v1/events/stream', (c) => events.stream(c));
  app.get('/api/v1/deliveries', (c) => deliveries.list(c));
  app.get('/api/v1/workers', (c) => workers.list(c));
  app.get('/api/v1/boards', (c) => boardApi.list(c));
  app.get('/api/v1/boards/:slug', (c) => boardApi.detail(c, c.req.param('slug')));

  // HTML pages (pages/), each with a strict CSP and hardening headers (pages/shared/html.ts).
  app.get('/', (c) => pages.dashboard(c));
  app.get('/incidents', (c) => pages.incidents(c));
  app.get('/incidents/:id', (c) => pages.incident(c, c.req.param('id')));
  app.get('/vendors/:slug', (c) => pages.vendor(c, c.req.param('slug')));
  app.get('/vendors/:slug/uptime', (c) => pages.uptime(c, c.req.param('slug')));
  app.get('/outages/:id', (c) => pages.outage(c, c.req.param('id')));
  app.get('/deliveries', (c) => pages.deliveries(c));
  app.get('/boards', (c) => pages.boards(c));
  app.get('/boards/:slug', (c) => pages.board(c, c.req.param('slug')));
  // A board's public status page for a company's customers, and its JSON twin (slug.json).
  app.get('/status/:slug', (c) => pages.status(c, c.req.param('slug')));
  app.get('/assets/:name', (c) => pages.asset(c, c.req.param('name')));
  app.get('/assets/swagger-ui/:version/:name', (c) =>
    pages.rendererAsset(c, c.req.param('version'), c.req.param('name')),
  );

  // Feeds (feeds/) and metrics.
  app.get('/feed.atom', (c) => feeds.all(c, 'atom'));
  app.get('/feed.rss', (c) => feeds.all(c, 'rss'));
  app.get('/vendors/:slug/feed.atom', (c) => feeds.vendor(c, c.req.param('slug'), 'atom'));
  app.get('/vendors/:slug/feed.rss', (c) => feeds.vendor(c, c.req.param('slug'), 'rss'));
  app.get('/boards/:slug/feed.atom', (c) => feeds.board(c, findBoard(c.req.param('slug')), 'atom'));
  app.get('/boards/:slug/feed.rss', (c) => feeds.board(c, findBoard(c.req.param('slug')), 'rss'));
  app.get('/metrics', (c) => serveMetrics(c, metrics, db, now(), boards));

  // Maintenance calendars (calendar/) and every vendor in Statuspage's format (compat/).
  app.get('/maintenances.ics', (c) => calendars.all(c));
  app.get('/vendors/:slug/maintenances.ics', (c) => calendars.vendor(c, c.req.param('slug')));
  app.get('/boards/:slug/maintenances.ics', (c) =>
    calendars.board(c, findBoard(c.req.param('slug'))),
  );
  for (const endpoint of compatEndpoints) {
    app.get(`/compat/:slug/api/v2/${endpoint}.json`, (c) =>
      compat.serve(c, c.req.param('slug'), endpoint),
    );
    app.get(`/compat/board/:slug/api/v2/${endpoint}.json`, (c) =>
      compat.serveBoard(c, findBoard(c.req.param('slug')), endpoint),
    );
  }

  app.notFound((c) => {
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) {
      return sendError(c, 404, 'not_found', `no route ${c.req.method} ${c.req.path.slice(0, 200)}`);
    }
    if (c.req.path.startsWith('/compat/')) return compat.notFound(c);
    return pages.notFound(c);
  });

  app.onError((error, c) => {
    if (error instanceof HttpError) return sendError(c, error.status, error.code, error.message);
    if (error instanceof InvalidQueryError) {
      return sendError(c, 400, 'invalid_parameter', error.message);
    }
    logError(error, { method: c.req.method, path: c.req.path });
    if (c.req.path.startsWith('/compat/')) return compat.failed(c);
    if (!c.req.path.startsWith('/api/')) return pages.failed(c);
    return sendError(c, 500, 'internal', 'internal error');
  });

  return app;
}
