// Lenient readers for Statuspage's public v2 JSON (providers.md §1.2). Upstream shapes are never
// trusted: every field is read as `unknown` and checked, so one odd value degrades one item.
import { cleanLabel } from '../../domain/text.js';

/** A JSON object as it came off the wire: any key, any value. */
export type WireObject = Readonly<Record<string, unknown>>;

export type BodyResult = { ok: true; value: WireObject } | { ok: false; error: string };

/** Ids longer than this are not Statuspage ids; they would only bloat keys and URLs. */
const maxIdLength = 255;

/** Parses one endpoint body into a JSON object, or says in plain words why it is not one. */
export function parseObjectBody(fileName: string, body: string): BodyResult {
  const text = body.replace(/^\uFEFF/, '').trim();
  if (text === '') return { ok: false, error: `${fileName} is empty` };
  if (text.startsWith('<'))
    return { ok: false, error: `${fileName} is not JSON (looks like HTML)` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: `${fileName} is not JSON (malformed or truncated)` };
  }
  const object = asObject(value);
  if (!object)
    return { ok: false, error: `${fileName} is not a JSON object (got ${kindOf(value)})` };
  return { ok: true, value: object };
}

export function asObject(value: unknown): WireObject | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as WireObject)
    : null;
}

/** Own properties only: a `__proto__` or `constructor` key is data, never the prototype. */
export function field(object: WireObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

export function objectField(object: WireObject, key: string): WireObject | null {
  return asObject(field(object, key));
}

export type ListField =
  | { kind: 'list'; items: readonly unknown[] }
  | { kind: 'absent' }
  | { kind: 'wrong_type'; got: string };

/** A list field: `null` and absent are the same (providers.md §10); anything else is wrong. */
export function listField(object: WireObject, key: string): ListField {
  const value = field(object, key);
  if (Array.isArray(value)) return { kind: 'list', items: value };
  if (value === undefined || value === null) return { kind: 'absent' };
  return { kind: 'wrong_type', got: kindOf(value) };
}

/** A vendor id: a non-empty string (cleaned) or a whole number; anything else is no id. */
export function readId(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value !== 'string') return null;
  const id = cleanLabel(value);
  return id === '' || id.length > maxIdLength ? null : id;
}

/** A display label (names, titles), cleaned; null when missing or blank. */
export function readLabel(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const label = cleanLabel(value);
  return label === '' ? null : label;
}

export function readString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function readNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Describes a JSON value's type for messages, without echoing vendor content. */
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
