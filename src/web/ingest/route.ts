// POST /ingest/{slug}/{token}: a vendor's own webhook, taken as a hint to poll that vendor now.
// Nothing in the body is stored — the poll it starts reads the vendor's API as every poll does.
// The only route meant to be reachable from the internet: it reveals nothing (an unknown slug and
// a wrong token answer the same 404), reads at most maxPushBytes, and is rate-limited per vendor
// and per address before it touches anything but the token.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { pushCoalesceSeconds } from '../../domain/push-coalesce.js';
import { loadPushTarget, recordPush, type Database } from '../../store/index.js';
import { clientAddress } from '../auth/client-address.js';
import { sendError, sendJson } from '../json.js';
import { readPush, type PushKind } from './push-payload.js';
import { createPushLimiter, type RateLimit } from './push-limiter.js';

/** The largest push read; Statuspage's own payloads are a few KB. */
export const maxPushBytes = 256 * 1024;

/** One vendor's pushes: a burst of 10, then one every 2 s (each poll covers a burst anyway). */
export const defaultVendorLimit: RateLimit = { burst: 10, perSecond: 0.5 };
/** One address's pushes over all vendors: a burst of 300, then 30 a second (one provider may send for many vendors from one address). */
export const defaultAddressLimit: RateLimit = { burst: 300, perSecond: 30 };

export interface AcceptedPush {
  slug: string;
  kind: PushKind;
  receivedAt: string;
  /** When the vendor is due now (a burst shares one poll per coalescing window). */
  dueAt: string;
}

export interface IngestDeps {
  db: Kysely<Database>;
  now: () => string;
  /** Told of every accepted push: the in-process nudge when this process also polls. */
  onPush?: (push: AcceptedPush) => void;
  vendorLimit?: RateLimit;
  addressLimit?: RateLimit;
}

const notFoundMessage = 'no such ingest URL';
/** Compared against when the slug is unknown, so both 404s take the same work. */
const decoyToken = 'decoy-token-for-unknown-vendors-0000000000';

export function createIngest(deps: IngestDeps) {
  const vendorLimiter = createPushLimiter(deps.vendorLimit ?? defaultVendorLimit);
  const addressLimiter = createPushLimiter(deps.addressLimit ?? defaultAddressLimit);

  const limited = (c: Context, retryAfterSeconds: number, what: string) => {
    c.header('Retry-After', String(retryAfterSeconds));
    return sendError(c, 429, 'rate_limited', `too many pushes ${what}; polling continues`);
  };

  return async function ingest(c: Context, slug: string, token: string): Promise<Response> {
    const nowMs = Date.parse(deps.now());
    const byAddress = addressLimiter.take(clientAddress(c), nowMs);
    if (!byAddress.ok) return limited(c, byAddress.retryAfterSeconds, 'from this address');

    const target = await loadPushTarget(deps.db, slug);
    const known = target?.token ?? null;
    if (!sameToken(token, known ?? decoyToken) || known === null) {
      return sendError(c, 404, 'not_found', notFoundMessage);
    }

    const body = await readBounded(c, maxPushBytes);
    if (body === null) {
      return sendError(
        c,
        413,
        'payload_too_large',
        `a push may have at most ${maxPushBytes} bytes`,
      );
    }
    const reading = readPush(body);
    if (!reading.ok) return sendError(c, 400, 'invalid_body', reading.reason);

    const byVendor = vendorLimiter.take(slug, nowMs);
    if (!byVendor.ok) return limited(c, byVendor.retryAfterSeconds, 'for this vendor');

    const receivedAt = deps.now();
    const dueAt = await recordPush(deps.db, slug, receivedAt, pushCoalesceSeconds);
    deps.onPush?.({ slug, kind: reading.kind, receivedAt, dueAt });
    return sendJson(c, { accepted: true, kind: reading.kind, pollAt: dueAt }, 202);
  };
}

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
function sameToken(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The body as text, or null once it passes `limit` bytes (the rest is never read). */
async function readBounded(c: Context, limit: number): Promise<string | null> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > limit) return null;
  const stream = c.req.raw.body;
  if (!stream) return '';
  const reader = (stream as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
