// Lenient readers for upstream JSON (STYLE.md §3): a field of the wrong type reads as absent,
// so one odd value degrades one field instead of failing the poll.

export type JsonObject = Record<string, unknown>;

/** A plain object, or null for arrays, primitives and null. */
export function asRecord(value: unknown): JsonObject | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : null;
}

/** An array; null, absent and any non-array read as empty (providers.md §10). */
export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A string with content after trimming, or null. */
export function asText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** Longest vendor id we accept; anything longer is not an id but a payload. */
const maxIdLength = 200;

/** A vendor id: a non-empty string or a safe integer, as a trimmed string. */
export function asId(value: unknown): string | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : null;
  if (typeof value !== 'string') return null;
  const id = value.trim();
  return id !== '' && id.length <= maxIdLength ? id : null;
}

/** A finite number, also from a numeric string ("2", " 3 "). */
export function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** A boolean, also from 0/1 and "true"/"false". */
export function asBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true') return true;
  if (value === 0 || value === '0' || value === 'false') return false;
  return null;
}

/** Own-property lookup in a vendor-keyed table, safe for keys like `__proto__` or `constructor`. */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string | null): T | undefined {
  return key !== null && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
