// GET /status/{slug} and /status/{slug}.json: a board's public status page and its JSON twin.
// A public board's answers anyone; a private board's answers signed-in people only, and to
// anyone else exactly what an unknown board gets, so its existence does not leak.
import type { Context } from 'hono';
import type { Board } from '../../../domain/board.js';
import { etagMatches } from '../../json.js';
import type { PageDeps } from '../shared/context.js';
import { renderDocument, sendDocument, sendHtml } from '../shared/html.js';
import { createRenderCache } from '../shared/render-cache.js';
import { loadStatusPage, statusJson } from './load.js';
import { StatusNotFound, StatusPage } from './view.js';

const jsonSuffix = '.json';
/**
 * How long a rendered status page is served as it is. The page is what customers reload during
 * an outage, and a board of whole large vendors costs hundreds of milliseconds to render (300
 * components: about 450 ms and 1.8 MB on the loaded test machine); vendors are polled every
 * minute or so, so a few seconds of delay tell nothing less. The body is the same for everyone
 * allowed to see it.
 */
const freshForMs = 10_000;

function jsonHeaders(): Record<string, string> {
  return {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    // Embeddable from any site; no credentials are honoured (private boards need a session).
    'access-control-allow-origin': '*',
  };
}

export function createStatusPages(
  deps: PageDeps,
  findBoard: (slug: string) => Board | null,
): (c: Context, name: string) => Promise<Response> {
  const cache = createRenderCache(32);

  async function rendered(board: Board, json: boolean) {
    const now = deps.now();
    const id = `${board.slug}${json ? jsonSuffix : ''}`;
    const key = String(Math.floor(Date.parse(now) / freshForMs));
    const hit = cache.get(id, key);
    if (hit) return hit;
    const data = await loadStatusPage(deps.db, board, now, deps.vendorName);
    const body = json
      ? JSON.stringify(statusJson(data))
      : await renderDocument(<StatusPage data={data} assets={deps.assets.urls} />);
    return cache.set(id, key, body);
  }

  return async (c, name) => {
    const json = name.endsWith(jsonSuffix);
    const slug = json ? name.slice(0, -jsonSuffix.length) : name;
    const board = findBoard(slug);
    const visible = board !== null && (board.public || Boolean(c.get('viewer')));
    if (!board || !visible) {
      if (json) {
        return new Response(
          JSON.stringify({ error: 'not_found', message: 'no public status page here' }),
          { status: 404, headers: jsonHeaders() },
        );
      }
      return sendHtml(c, <StatusNotFound assets={deps.assets.urls} />, 404, 'public-status');
    }
    const { html, etag } = await rendered(board, json);
    if (!json) return sendDocument(c, html, etag, 'public-status');
    const headers = { ...jsonHeaders(), etag };
    if (etagMatches(c.req.header('if-none-match'), etag)) {
      return new Response(null, { status: 304, headers });
    }
    return new Response(html, { headers });
  };
}
