// Value encoding shared by every table: the same bytes go into SQLite and PostgreSQL, so both
// return the same values. Strings lose NUL (PostgreSQL text rejects it) and lone surrogates.
import { cleanText } from '../domain/text.js';

/** Bound parameters per statement: far below SQLite's 32766 and PostgreSQL's 65535. */
const maxParametersPerStatement = 10_000;
/** Values per IN list: keeps statements short and plans stable. */
export const maxInListSize = 500;

/** Any string made storable in both databases; never truncated (the domain caps lengths). */
export function storableText(value: string): string {
  return cleanText(value, Number.POSITIVE_INFINITY);
}

export function storableTextOrNull(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : storableText(value);
}

/** JSON text with every string inside made storable. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    typeof inner === 'string' ? storableText(inner) : inner,
  );
}

export function fromJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

export function fromJsonOrNull<T>(text: string | null): T | null {
  return text === null ? null : fromJson<T>(text);
}

/**
 * Stored instants are ISO 8601 UTC with milliseconds, so they compare and sort as text in both
 * databases. Anything else is a caller bug and fails the write.
 */
export function storedInstant(value: string): string {
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${JSON.stringify(value)}`);
  return new Date(ms).toISOString();
}

export function storedInstantOrNull(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : storedInstant(value);
}

export function flag(value: boolean): number {
  return value ? 1 : 0;
}

/** Rows per multi-row INSERT for a table with this many columns. */
export function rowsPerInsert(columnCount: number): number {
  return Math.max(1, Math.floor(maxParametersPerStatement / columnCount));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}
