// Small pure helpers around one HTTP exchange: request headers, reading response headers,
// conditional-GET validators and where a redirect points.
import type { IncomingHttpHeaders } from 'node:http';
import type { ConditionalValidators } from './types.js';

export const redirectStatuses: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function buildRequestHeaders(
  userAgent: string,
  accept: string,
  validators: ConditionalValidators | null | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {
    accept,
    'accept-encoding': 'gzip, deflate, br',
    'user-agent': userAgent,
  };
  if (validators?.etag) headers['if-none-match'] = validators.etag;
  if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
  return headers;
}

/** Validators to store after this response; a 304 may omit them, so the sent ones carry over. */
export function responseValidators(
  headers: IncomingHttpHeaders,
  sent: ConditionalValidators | null | undefined,
): ConditionalValidators {
  return {
    etag: headerValue(headers, 'etag') ?? sent?.etag ?? null,
    lastModified: headerValue(headers, 'last-modified') ?? sent?.lastModified ?? null,
  };
}

type RedirectTarget =
  { ok: true; url: string } | { ok: false; kind: 'http' | 'blocked'; reason: string };

/** Resolves a Location header against the current URL; the fragment never reaches the server. */
export function redirectTarget(location: string | undefined, current: URL): RedirectTarget {
  if (!location) return { ok: false, kind: 'http', reason: 'without a Location header' };
  // eslint-disable-next-line no-control-regex -- the same parser-differential rule as the guard
  if (/[\\\u0000-\u001f\u007f]/.test(location)) {
    return {
      ok: false,
      kind: 'blocked',
      reason: 'with a Location header holding a backslash or control characters',
    };
  }
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    return { ok: false, kind: 'http', reason: 'with an invalid Location header' };
  }
  next.hash = '';
  return { ok: true, url: next.href };
}

/** Where a request to this URL goes, for messages: host (and port) only, never path or query. */
export function hostForMessages(rawUrl: string): string {
  try {
    return new URL(rawUrl).host || 'the server';
  } catch {
    return 'the server';
  }
}
