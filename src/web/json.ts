// Every JSON response goes through here: no-cache (clients must revalidate, since the data changes
// with each poll) plus a weak ETag over the exact body, so a revalidation that matches costs a 304.
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorBody, type ErrorCode } from './http-error.js';

const jsonType = 'application/json; charset=utf-8';
const cacheControl = 'no-cache';

export function weakEtag(text: string): string {
  return `W/"${createHash('sha1').update(text).digest('base64url')}"`;
}

/** True when If-None-Match names this tag (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag.replace(/^W\//, '') === opaque);
}

export function sendJson(c: Context, body: unknown, status: ContentfulStatusCode = 200): Response {
  const text = JSON.stringify(body);
  if (status !== 200) {
    return new Response(text, {
      status,
      headers: { 'content-type': jsonType, 'cache-control': cacheControl },
    });
  }
  const etag = weakEtag(text);
  if (etagMatches(c.req.header('if-none-match'), etag)) {
    return new Response(null, { status: 304, headers: { etag, 'cache-control': cacheControl } });
  }
  return new Response(text, {
    status,
    headers: { 'content-type': jsonType, 'cache-control': cacheControl, etag },
  });
}

export function sendError(
  c: Context,
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
): Response {
  return sendJson(c, errorBody(code, message), status);
}
