// GET /status/{slug} and /status/{slug}.json: a board's public status page and its JSON twin.
// A public board's answers anyone; a private board's answers signed-in people only, and to
// anyone else exactly what an unknown board gets, so its existence does not leak.
import type { Context } from 'hono';
import type { Board } from '../../../domain/board.js';
import type { PageDeps } from '../shared/context.js';
import { sendHtml } from '../shared/html.js';
import { loadStatusPage, statusJson } from './load.js';
import { StatusNotFound, StatusPage } from './view.js';

const jsonSuffix = '.json';

function jsonHeaders(): Record<string, string> {
  return {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    // Embeddable from any site; no credentials are honoured (private boards need a session).
    'access-control-allow-origin': '*',
  };
}

export async function statusPage(
  c: Context,
  deps: PageDeps,
  findBoard: (slug: string) => Board | null,
  name: string,
): Promise<Response> {
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
  const data = await loadStatusPage(deps.db, board, deps.now(), deps.vendorName);
  if (json) return new Response(JSON.stringify(statusJson(data)), { headers: jsonHeaders() });
  return sendHtml(c, <StatusPage data={data} assets={deps.assets.urls} />, 200, 'public-status');
}
