// Opaque keyset cursors: base64url JSON of the last row's sort key. Clients must not build them.
import { storableText } from './codec.js';

/** A list query argument the store cannot use (a forged cursor, a bad instant); the API's 400. */
export class InvalidQueryError extends Error {
  readonly code = 'invalid_query';
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidQueryError';
  }
}

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor whose key has these element types, or throws InvalidQueryError. */
export function decodeCursor<const T extends readonly ('string' | 'number')[]>(
  cursor: string,
  shape: T,
): { [K in keyof T]: T[K] extends 'string' ? string : number } {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidQueryError('cursor', 'cursor is not one this API returned');
  }
  const valid =
    Array.isArray(key) &&
    key.length === shape.length &&
    key.every((part, index) =>
      shape[index] === 'number' ? Number.isSafeInteger(part) : typeof part === 'string',
    );
  if (!valid) throw new InvalidQueryError('cursor', 'cursor is not one this API returned');
  const cleaned = (key as unknown[]).map((part) =>
    typeof part === 'string' ? storableText(part) : part,
  );
  return cleaned as { [K in keyof T]: T[K] extends 'string' ? string : number };
}

/** Page sizes: default 50, at least 1, at most 1000 (docs/contract.md#http-api). */
export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return 50;
  return Math.min(1000, Math.max(1, Math.floor(limit)));
}

/** An instant argument as stored, or InvalidQueryError naming the parameter. */
export function queryInstant(param: string, value: string): string {
  const ms = Date.parse(value);
  if (!Number.isFinite(ms))
    throw new InvalidQueryError(param, `${param} is not an ISO 8601 instant`);
  return new Date(ms).toISOString();
}
