// GET /compat/{slug}/api/v2/*.json: every watched vendor re-served in Statuspage's public v2 format
// (docs/compat.md). Reads are as public as the rest of the read API; answers are JSON with a weak
// ETag and Last-Modified, and errors keep Statuspage's flat `{ error }` shape.
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
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
