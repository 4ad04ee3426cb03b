// GET /maintenances.ics, /vendors/{slug}/maintenances.ics and /boards/{slug}/maintenances.ics: every
// maintenance window of the last 90 days and every one still open or ahead, one VEVENT each
// (docs/compat.md#maintenance-calendar); a board's are its vendors' that touch its components.
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Board } from '../../domain/board.js';
import { addSeconds } from '../../domain/time.js';
import { incidentOnBoard } from '../boards/load.js';
import {
  findVendorRecord,
  listCalendarWindows,
  listVendorStatuses,
  type CalendarWindow,
  type Database,
} from '../../store/index.js';
import { maxPathIdLength } from '../ids.js';
import { etagMatches, weakEtag } from '../json.js';
import { renderMaintenanceCalendar, type CalendarMeta } from './ics.js';

interface CalendarDeps {
  db: Kysely<Database>;
  now: () => string;
  vendorName?: (slug: string) => string | undefined;
  /** The response for an unknown vendor. */
  notFound(c: Context): Promise<Response>;
}

interface Calendars {
  all(c: Context): Promise<Response>;
  vendor(c: Context, slug: string): Promise<Response>;
  /** Null: no board by that slug (a 404). */
  board(c: Context, board: Board | null): Promise<Response>;
}

/** How far back windows stay in the calendar. */
const historyDays = 90;
/** Rendered calendars kept in memory (the oldest goes first). */
const renderedBodies = 8;

export function createCalendars(deps: CalendarDeps): Calendars {
  const since = () => addSeconds(deps.now(), -historyDays * 86_400);

  // Rendering costs about a millisecond per window, and calendar clients re-fetch on a timer:
  // the ETag is a digest of what the calendar is made of, so a revalidation renders nothing, and
  // the last few bodies are kept by that digest.
  const rendered = new Map<string, string>();

  function respond(
    c: Context,
    meta: Omit<CalendarMeta, 'origin' | 'host'>,
    windows: readonly CalendarWindow[],
  ) {
    const url = new URL(c.req.url);
    const full: CalendarMeta = { ...meta, origin: url.origin, host: url.hostname };
    const etag = weakEtag(
      JSON.stringify([
        full.name,
        full.origin,
        full.host,
        windows.map((w) => [
          w.maintenance,
          w.revisionCount,
          w.updatedAt,
          full.vendorName(w.maintenance.vendorSlug),
        ]),
      ]),
    );
    const headers = {
      'content-type': 'text/calendar; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      etag,
    };
    if (etagMatches(c.req.header('if-none-match'), etag)) {
      return new Response(null, { status: 304, headers });
    }
    let body = rendered.get(etag);
    if (body === undefined) {
      body = renderMaintenanceCalendar(full, windows);
      if (rendered.size >= renderedBodies) rendered.delete(rendered.keys().next().value!);
      rendered.set(etag, body);
    }
    return new Response(body, { headers });
  }

  return {
    async all(c) {
      const [windows, vendors] = await Promise.all([
        listCalendarWindows(deps.db, { since: since() }),
        listVendorStatuses(deps.db, deps.now()),
      ]);
      const stored = new Map(vendors.map((vendor) => [vendor.slug, vendor.name]));
      const vendorName = (slug: string) => deps.vendorName?.(slug) ?? stored.get(slug) ?? slug;
      return respond(c, { name: 'vendorwatch: vendor maintenance', vendorName }, windows);
    },
    async vendor(c, slug) {
      const record = slug.length <= maxPathIdLength ? await findVendorRecord(deps.db, slug) : null;
      if (!record) return deps.notFound(c);
      const name = deps.vendorName?.(slug) ?? record.name;
      const windows = await listCalendarWindows(deps.db, { vendor: slug, since: since() });
      return respond(
        c,
        { name: `${name} maintenance (vendorwatch)`, vendorName: () => name },
        windows,
      );
    },
    async board(c, board) {
      if (!board) return deps.notFound(c);
      const [lists, vendors] = await Promise.all([
        Promise.all(
          board.vendors.map((entry) =>
            listCalendarWindows(deps.db, { vendor: entry.slug, since: since() }),
          ),
        ),
        listVendorStatuses(deps.db, deps.now()),
      ]);
      const windows = lists
        .flat()
        .filter((window) => incidentOnBoard(board, window.maintenance))
        .sort((a, b) =>
          a.maintenance.startedAt < b.maintenance.startedAt
            ? 1
            : a.maintenance.startedAt > b.maintenance.startedAt
              ? -1
              : 0,
        );
      const stored = new Map(vendors.map((vendor) => [vendor.slug, vendor.name]));
      const vendorName = (slug: string) => deps.vendorName?.(slug) ?? stored.get(slug) ?? slug;
      return respond(c, { name: `${board.name} maintenance (vendorwatch)`, vendorName }, windows);
    },
  };
}
