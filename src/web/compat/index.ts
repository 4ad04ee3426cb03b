// GET /compat/{slug}/api/v2/*.json: every watched vendor re-served in Statuspage's public v2 format
// (docs/compat.md). Reads are as public as the rest of the read API; answers are JSON with a weak
// ETag and Last-Modified, and errors keep Statuspage's flat `{ error }` shape. A board
// (/compat/board/{slug}/api/v2/*.json) is served as one page of its vendors' components.
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Board } from '../../domain/board.js';
import type { IncidentWithUpdates } from '../../domain/model.js';
import { incidentOnBoard, loadBoardState } from '../boards/load.js';
import {
  findPageName,
  findVendorRecord,
  getVendorDetail,
  listComponentWrites,
  listVendorPageItems,
  type Database,
} from '../../store/index.js';
import { maxPathIdLength } from '../ids.js';
import { etagMatches, weakEtag } from '../json.js';
import {
  historyListed,
  renderCompat,
  type CompatEndpoint,
  type CompatPage,
} from './statuspage-body.js';

export { compatEndpoints, type CompatEndpoint } from './statuspage-body.js';

interface CompatDeps {
  db: Kysely<Database>;
  now: () => string;
  vendorName?: (slug: string) => string | undefined;
}

interface Compat {
  serve(c: Context, slug: string, endpoint: CompatEndpoint): Promise<Response>;
  /** A board as one page; null: no board by that slug. */
  serveBoard(c: Context, board: Board | null, endpoint: CompatEndpoint): Promise<Response>;
  /** Any other path under /compat/. */
  notFound(c: Context): Response;
  /** A failure while answering under /compat/. */
  failed(c: Context): Response;
}

const jsonType = 'application/json; charset=utf-8';

function baseHeaders(): Record<string, string> {
  return {
    'content-type': jsonType,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    // As Statuspage does, so widgets on other origins can read it; no credentials are honoured.
    'access-control-allow-origin': '*',
  };
}

function errorResponse(status: 404 | 500, error: string, message: string): Response {
  return new Response(JSON.stringify({ error, message }), { status, headers: baseHeaders() });
}

export function createCompat(deps: CompatDeps): Compat {
  async function loadPage(
    c: Context,
    slug: string,
    endpoint: CompatEndpoint,
  ): Promise<CompatPage | null> {
    if (slug.length > maxPathIdLength) return null;
    const now = deps.now();
    const [detail, record] = await Promise.all([
      getVendorDetail(deps.db, slug, now),
      findVendorRecord(deps.db, slug),
    ]);
    if (!detail || !record) return null;
    const [items, pageName, writes] = await Promise.all([
      listVendorPageItems(deps.db, slug, historyListed(endpoint)),
      findPageName(deps.db, slug),
      listComponentWrites(deps.db, slug),
    ]);
    const components = detail.components.map((component) => ({
      ...component,
      updatedAt: writes.get(component.id) ?? record.watchedSince,
    }));
    return {
      slug,
      name: pageName ?? deps.vendorName?.(slug) ?? detail.name,
      statusPageUrl: detail.statusPageUrl,
      origin: new URL(c.req.url).origin,
      status: detail.status,
      updatedAt: latestOf([
        record.watchedSince,
        items.lastWrite,
        ...components.map((component) => component.updatedAt),
      ]),
      watchedSince: record.watchedSince,
      components,
      incidents: items.incidents,
      maintenances: items.maintenances,
    };
  }

  /**
   * The board as one Statuspage page: each vendor a group, each board component a row named
   * "Vendor – Component" (names stay unique across vendors, and flat lists still say whose it
   * is); a vendor whose page lists no components is one row of its own. Incidents are the
   * vendors' that touch the board, their component names rewritten the same way.
   */
  async function loadBoardPage(
    c: Context,
    board: Board,
    endpoint: CompatEndpoint,
  ): Promise<CompatPage> {
    const now = deps.now();
    const origin = new URL(c.req.url).origin;
    const state = await loadBoardState(deps.db, board, now, deps.vendorName);
    const perVendor = await Promise.all(
      state.vendors.map(async (vendor) => {
        const [record, items, writes] = await Promise.all([
          findVendorRecord(deps.db, vendor.slug),
          listVendorPageItems(deps.db, vendor.slug, historyListed(endpoint)),
          listComponentWrites(deps.db, vendor.slug),
        ]);
        return { vendor, record, items, writes };
      }),
    );
    const components: Array<CompatPage['components'][number]> = [];
    const incidents: IncidentWithUpdates[] = [];
    const maintenances: IncidentWithUpdates[] = [];
    const times: Array<string | null> = [];
    let watchedSince: string | null = null;
    for (const { vendor, record, items, writes } of perVendor) {
      const since = record?.watchedSince ?? now;
      if (watchedSince === null || since < watchedSince) watchedSince = since;
      times.push(since, items.lastWrite);
      const rowName = (component: string) => `${vendor.name} – ${component}`;
      const rows =
        vendor.components.length > 0
          ? vendor.components.map((component) => ({
              ...component,
              id: `${vendor.slug}:${component.id}`,
              name: rowName(component.name),
              updatedAt: writes.get(component.id) ?? since,
            }))
          : [{ id: `${vendor.slug}:`, name: vendor.name, status: vendor.status, updatedAt: since }];
      for (const row of rows) {
        components.push({ ...row, group: vendor.name, position: components.length + 1 });
        times.push(row.updatedAt);
      }
      const rename = (item: IncidentWithUpdates): IncidentWithUpdates => ({
        ...item,
        // Vendors' own ids may repeat across vendors; vendorwatch's incident ids do not.
        sourceId: item.id,
        components: item.components.map(rowName),
        updates: item.updates.map((update) => ({
          ...update,
          components: update.components === null ? null : update.components.map(rowName),
        })),
      });
      incidents.push(...items.incidents.filter((i) => incidentOnBoard(board, i)).map(rename));
      maintenances.push(...items.maintenances.filter((i) => incidentOnBoard(board, i)).map(rename));
    }
    const newestFirst = (a: IncidentWithUpdates, b: IncidentWithUpdates) =>
      a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : a.id < b.id ? 1 : -1;
    const home = board.public ? '/status/' : '/boards/';
    return {
      slug: `board:${board.slug}`,
      name: board.name,
      statusPageUrl: `${origin}${home}${encodeURIComponent(board.slug)}`,
      origin,
      status: state.status,
      updatedAt: latestOf(times) || now,
      watchedSince: watchedSince ?? now,
      components,
      incidents: incidents.sort(newestFirst),
      maintenances: maintenances.sort(newestFirst),
    };
  }

  function respond(c: Context, endpoint: CompatEndpoint, page: CompatPage): Response {
    const body = JSON.stringify(renderCompat(endpoint, page));
    const etag = weakEtag(body);
    const headers = {
      ...baseHeaders(),
      etag,
      'last-modified': new Date(page.updatedAt).toUTCString(),
    };
    if (notModified(c, etag, page.updatedAt)) {
      return new Response(null, { status: 304, headers });
    }
    return new Response(body, { headers });
  }

  return {
    async serve(c, slug, endpoint) {
      const page = await loadPage(c, slug, endpoint);
      if (!page) {
        return errorResponse(
          404,
          'not_found',
          `no vendor with slug ${JSON.stringify(slug.slice(0, 100))}`,
        );
      }
      return respond(c, endpoint, page);
    },
    async serveBoard(c, board, endpoint) {
      if (!board) return errorResponse(404, 'not_found', 'no board with this slug');
      return respond(c, endpoint, await loadBoardPage(c, board, endpoint));
    },
    notFound(c) {
      return errorResponse(
        404,
        'not_found',
        `no route ${c.req.method} ${c.req.path.slice(0, 200)}`,
      );
    },
    failed() {
      return errorResponse(500, 'internal', 'internal error');
    },
  };
}

/** If-None-Match decides when sent (RFC 9110 §13.2.2); else If-Modified-Since, to the second. */
function notModified(c: Context, etag: string, updatedAt: string): boolean {
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifNoneMatch) return etagMatches(ifNoneMatch, etag);
  const since = Date.parse(c.req.header('if-modified-since') ?? '');
  if (Number.isNaN(since)) return false;
  return Math.floor(Date.parse(updatedAt) / 1000) * 1000 <= since;
}

function latestOf(times: ReadonlyArray<string | null>): string {
  return times.reduce<string>(
    (latest, time) => (time !== null && time > latest ? time : latest),
    '',
  );
}
