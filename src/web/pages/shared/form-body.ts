// A posted form's fields as strings (a repeated or file field is ignored), from a body of at most
// 16 KiB; anything larger is refused before it is parsed.
import type { Context } from 'hono';
import { HttpError } from '../../http-error.js';

const maxFormBytes = 16 * 1024;

export async function readForm(c: Context): Promise<Record<string, string>> {
  const length = Number(c.req.header('content-length') ?? '0');
  if (!Number.isFinite(length) || length > maxFormBytes) {
    throw new HttpError(413, 'invalid_parameter', `a form may have at most ${maxFormBytes} bytes`);
  }
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b|^multipart\/form-data\b/i.test(type)) return {};
  const body = await c.req.parseBody();
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') fields[key] = value;
  }
  return fields;
}

/** Where to go after signing in: a path on this site only, never another host. */
export function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) && next.length <= 500 ? next : '/';
}

export const emailPattern = /^[^\s@<>"']{1,64}@[^\s@<>"']{1,189}$/;
