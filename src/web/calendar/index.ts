// GET /maintenances.ics and /vendors/{slug}/maintenances.ics: every maintenance window of the last
// 90 days and every one still open or ahead, one VEVENT each (docs/compat.md#maintenance-calendar).
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { addSeconds } from '../../domain/time.js';
import {
  findVendorRecord,
  listCalendarWindows,
  listVendorStatuses,
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
}

/** How far back windows stay in the calendar. */
const historyDays = 90;

export function createCalendars(deps: CalendarDeps): Calendars {
  const since = () => addSeconds(deps.now(), -historyDays * 86_400);

  function respond(
    c: Context,
    meta: Omit<CalendarMeta, 'origin' | 'host'>,
    windows: Parameters<typeof renderMaintenanceCalendar>[1],
  ) {
    const url = new URL(c.req.url);
    const body = renderMaintenanceCalendar(
      { ...meta, origin: url.origin, host: url.hostname },
      windows,
    );
    const etag = weakEtag(body);
    const headers = {
      'content-type': 'text/calendar; charset=utf-8',
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
  };
}
