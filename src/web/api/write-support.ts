// What every write route shares: the admin token check (constant time), a bounded JSON object
// body, and errors as `{ error: { code, message } }` (docs/contract.md#http-api).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { sendJson } from '../json.js';

const maxBodyBytes = 16 * 1024;

type WriteErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'invalid_body'
  | 'unsupported_media_type'
  | 'conflict'
  | 'not_found'
  | 'url_refused'
  | 'undetected';

export class WriteError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: WriteErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function tokenDigest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Compares digests in constant time, so the token's length and prefix do not leak. */
export function authorize(header: string | undefined, expected: Buffer): void {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  if (token === undefined || !timingSafeEqual(tokenDigest(token), expected)) {
    throw new WriteError(401, 'unauthorized', 'a valid admin token is required (Bearer)');
  }
}

/**
 * Who may write, as the audit log names them: checks the request's credentials and answers the
 * actor, or throws a WriteError (401 without credentials, 403 for a signed-in viewer).
 */
export type WriteAuthorizer = (c: Context) => Promise<string>;

/** The admin token alone (the write API before accounts, and apps built without them). */
export function tokenAuthorizer(adminToken: string): WriteAuthorizer {
  const expected = tokenDigest(adminToken);
  return (c) => {
    authorize(c.req.header('authorization'), expected);
    return Promise.resolve('admin token');
  };
}

/** The request's JSON object body; `what` names it in errors ("send the vendor as …"). */
export async function readJsonObject(c: Context, what: string): Promise<Record<string, unknown>> {
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
    throw new WriteError(415, 'unsupported_media_type', `send the ${what} as application/json`);
  }
  const text = await c.req.text();
  if (Buffer.byteLength(text) > maxBodyBytes) {
    throw new WriteError(400, 'invalid_body', `the body exceeds ${maxBodyBytes} bytes`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new WriteError(400, 'invalid_body', 'the body is not JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new WriteError(400, 'invalid_body', 'the body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** Runs a write handler, answering a WriteError as JSON (401s with a Bearer challenge). */
export async function handleWrite(c: Context, handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    if (!(error instanceof WriteError)) throw error;
    const failed = sendJson(
      c,
      { error: { code: error.code, message: error.message } },
      error.status,
    );
    if (error.status === 401) failed.headers.set('www-authenticate', 'Bearer');
    return failed;
  }
}
