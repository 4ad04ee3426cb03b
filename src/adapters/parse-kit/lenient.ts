// Lenient readers for upstream JSON (docs/platforms.md#common-rules): a field of the wrong type
// reads as absent, so one odd value degrades one field instead of failing the poll.
import { cleanLabel } from '../../domain/text.js';

export type JsonObject = Record<string, unknown>;

/** A plain object, or null for arrays, primitives and null. */
export function asRecord(value: unknown): JsonObject | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : null;
}

/** An array; null, absent and any non-array read as empty: all three mean "nothing". */
export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A string with content after trimming, or null. */
export function asText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** A display label (names, titles), cleaned of control characters and runs of spaces; or null. */
export function asLabel(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const label = cleanLabel(value);
  return label === '' ? null : label;
}

/** Longest vendor id we accept; anything longer is not an id but a payload. */
const maxIdLength = 200;
/** Longest id cleaned like a label: Statuspage ids are shown and linked, so they are cleaned. */
const maxLabelIdLength = 255;

/** A vendor id: a non-empty string or a safe integer, as a trimmed string. */
export function asId(value: unknown): string | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : null;
  if (typeof value !== 'string') return null;
  const id = value.trim();
  return id !== '' && id.length <= maxIdLength ? id : null;
}

/** A vendor id cleaned like a label, or a safe integer as a string; null for anything else. */
export function asLabelId(value: unknown): string | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : null;
  const id = asLabel(value);
  return id !== null && id.length <= maxLabelIdLength ? id : null;
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

export type ListField =
  | { kind: 'list'; items: readonly unknown[] }
  | { kind: 'absent' }
  | { kind: 'wrong_type'; got: string };

/** A list field that tells absent (null or missing, the same thing) from the wrong type. */
export function listField(value: unknown): ListField {
  if (Array.isArray(value)) return { kind: 'list', items: value };
  if (value === undefined || value === null) return { kind: 'absent' };
  return { kind: 'wrong_type', got: kindOf(value) };
}

/** A JSON value's type for messages, without echoing vendor content. */
export function kindOf(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}

/** Quotes a vendor value inside a warning: short, single-line, cleaned. */
export function quote(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (typeof value !== 'string') return kindOf(value);
  const label = cleanLabel(value);
  return JSON.stringify(label.length > 40 ? `${label.slice(0, 40)}…` : label);
}
