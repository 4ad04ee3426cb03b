// Cachet list bodies in both API generations, told apart by shape: Cachet 3 rows are JSON:API
// (`{id, type, attributes}`), Cachet 2 rows are flat. Either way a row becomes one flat record.
import { parseVendorTime, parseZonelessAsUtc } from '../parse-kit/dates.js';
import { asList, asNumber, asRecord, type JsonObject } from '../parse-kit/lenient.js';

export interface CachetList {
  rows: JsonObject[];
  /** True when the body says there is no further page (so the list is complete). */
  complete: boolean;
  generation: 2 | 3;
}

export function readList(root: unknown): CachetList | null {
  const body = asRecord(root);
  if (!body || !Array.isArray(body.data)) return null;
  const raw = asList(body.data);
  const jsonApi = raw.some((row) => asRecord(asRecord(row)?.attributes) !== null);
  const rows = raw.flatMap((row) => {
    const record = asRecord(row);
    if (!record) return [];
    const attributes = asRecord(record.attributes);
    return [attributes ? { ...attributes, id: attributes.id ?? record.id } : record];
  });
  return { rows, complete: isLastPage(body), generation: jsonApi ? 3 : 2 };
}

function isLastPage(body: JsonObject): boolean {
  const meta = asRecord(body.meta);
  const pagination = asRecord(meta?.pagination);
  if (pagination) {
    const total = asNumber(pagination.total_pages);
    return total !== null && total <= 1;
  }
  const current = asNumber(meta?.current_page);
  const last = asNumber(meta?.last_page);
  if (current !== null && last !== null) return current >= last;
  return asRecord(body.links)?.next === null;
}

/** A Cachet time: `YYYY-MM-DD HH:MM:SS` with no zone (read as UTC), ISO, or `{string}` (Cachet 3). */
export function cachetTime(value: unknown): { instant: string | null; zoneless: boolean } {
  const raw = asRecord(value)?.string ?? value;
  const withZone = parseVendorTime(raw);
  if (withZone !== null) return { instant: withZone, zoneless: false };
  const zoneless = parseZonelessAsUtc(raw);
  return { instant: zoneless, zoneless: zoneless !== null };
}
