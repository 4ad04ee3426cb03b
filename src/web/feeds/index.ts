// GET /feed.atom, /feed.rss, /vendors/{slug}/feed.atom, /vendors/{slug}/feed.rss and
// /boards/{slug}/feed.atom|rss: the latest incidents (and every open one, however old), each with
// all its updates; a board's are its vendors' that touch its components.
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Board } from '../../domain/board.js';
import type { Incident, IncidentWithUpdates } from '../../domain/model.js';
import { incidentOnBoard } from '../boards/load.js';
import {
  findVendorRecord,
  listIncidents,
  listUpdatesFor,
  listVendorStatuses,
  type Database,
} from '../../store/index.js';
import { etagMatches, weakEtag } from '../json.js';
import { maxPathIdLength } from '../ids.js';
import { renderAtom } from './atom.js';
import { lastChange, toEntry, type FeedMeta } from './entries.js';
import { renderRss } from './rss.js';

type FeedFormat = 'atom' | 'rss';

interface FeedDeps {
  db: Kysely<Database>;
  now: () => string;
  vendorName?: (slug: string) => string | undefined;
  /** The response for an unknown vendor. */
  notFound(c: Context): Promise<Response>;
}

interface Feeds {
  all(c: Context, format: FeedFormat): Promise<Response>;
  vendor(c: Context, slug: string, format: FeedFormat): Promise<Response>;
  /** Null: no board by that slug (a 404). */
  board(c: Context, board: Board | null, format: FeedFormat): Promise<Response>;
}

const entryCount = 50;
const types: Record<FeedFormat, string> = {
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
};

export function createFeeds(deps: FeedDeps): Feeds {
  async function incidentsWithUpdates(vendor?: string): Promise<IncidentWithUpdates[]> {
    const [latest, open] = await Promise.all([
      listIncidents(deps.db, { vendor, limit: entryCount }),
      listIncidents(deps.db, { vendor, active: true, limit: entryCount }),
    ]);
    const byId = new Map<string, Incident>();
    for (const incident of [...open.incidents, ...latest.incidents])
      byId.set(incident.id, incident);
    const updates = await listUpdatesFor(deps.db, [...byId.keys()]);
    return [...byId.values()]
      .map((incident) => ({ ...incident, updates: updates.get(incident.id) ?? [] }))
      .sort((a, b) => (lastChange(a) < lastChange(b) ? 1 : lastChange(a) > lastChange(b) ? -1 : 0));
  }

  /** Each board vendor's latest, kept when they touch the board, the newest `entryCount`. */
  async function boardIncidents(board: Board): Promise<IncidentWithUpdates[]> {
    const lists = await Promise.all(board.vendors.map((entry) => incidentsWithUpdates(entry.slug)));
    return lists
      .flat()
      .filter((incident) => incidentOnBoard(board, incident))
      .sort((a, b) => (lastChange(a) < lastChange(b) ? 1 : lastChange(a) > lastChange(b) ? -1 : 0))
      .slice(0, entryCount);
  }

  function respond(
    c: Context,
    format: FeedFormat,
    meta: Omit<FeedMeta, 'updated'>,
    incidents: IncidentWithUpdates[],
    names: (slug: string) => string,
  ): Response {
    const now = deps.now();
    const origin = new URL(c.req.url).origin;
    const entries = incidents.map((incident) =>
      toEntry(incident, names(incident.vendorSlug), origin, now),
    );
    const full: FeedMeta = { ...meta, updated: entries[0]?.updated ?? now };
    const body = format === 'atom' ? renderAtom(full, entries) : renderRss(full, entries);
    const etag = weakEtag(body);
    const headers = {
      'content-type': types[format],
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      etag,
    };
    if (etagMatches(c.req.header('if-none-match'), etag)) {
      return new Response(null, { status: 304, headers });
    }
    return new Response(body, { headers });
  }

  return {
    async all(c, format) {
      const origin = new URL(c.req.url).origin;
      const [incidents, vendors] = await Promise.all([
        incidentsWithUpdates(),
        listVendorStatuses(deps.db, deps.now()),
      ]);
      const stored = new Map(vendors.map((vendor) => [vendor.slug, vendor.name]));
      const names = (slug: string) => deps.vendorName?.(slug) ?? stored.get(slug) ?? slug;
      return respond(
        c,
        format,
        {
          id: 'urn:vendorwatch:feed:all',
          title: 'vendorwatch: all vendor incidents',
          link: `${origin}/incidents`,
          self: `${origin}/feed.${format}`,
        },
        incidents,
        names,
      );
    },
    async vendor(c, slug, format) {
      const record = slug.length <= maxPathIdLength ? await findVendorRecord(deps.db, slug) : null;
      if (!record) return deps.notFound(c);
      const origin = new URL(c.req.url).origin;
      const name = deps.vendorName?.(slug) ?? record.name;
      const path = `/vendors/${encodeURIComponent(slug)}`;
      return respond(
        c,
        format,
        {
          id: `urn:vendorwatch:feed:vendor:${encodeURIComponent(slug)}`,
          title: `${name} incidents (vendorwatch)`,
          link: `${origin}${path}`,
          self: `${origin}${path}/feed.${format}`,
        },
        await incidentsWithUpdates(slug),
        () => name,
      );
    },
    async board(c, board, format) {
      if (!board) return deps.notFound(c);
      const origin = new URL(c.req.url).origin;
      const [incidents, vendors] = await Promise.all([
        boardIncidents(board),
        listVendorStatuses(deps.db, deps.now()),
      ]);
      const stored = new Map(vendors.map((vendor) => [vendor.slug, vendor.name]));
      const names = (slug: string) => deps.vendorName?.(slug) ?? stored.get(slug) ?? slug;
      const path = `/boards/${encodeURIComponent(board.slug)}`;
      return respond(
        c,
        format,
        {
          id: `urn:vendorwatch:feed:board:${encodeURIComponent(board.slug)}`,
          title: `${board.name} incidents (vendorwatch)`,
          link: `${origin}${path}`,
          self: `${origin}${path}/feed.${format}`,
        },
        incidents,
        names,
      );
    },
  };
}
