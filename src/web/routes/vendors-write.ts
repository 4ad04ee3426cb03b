// POST /api/v1/vendors: add a vendor at run time (admin token). Detection and the address guard
// live outside the web layer and come in as `detectVendor`; without a token the route is absent.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Kysely } from 'kysely';
import { parseDurationSeconds } from '../../config/duration.js';
import { slugPattern } from '../../config/schema.js';
import type { Vendor } from '../../domain/model.js';
import { categories, isOneOf, type Category, type Platform } from '../../domain/vocabulary.js';
import { findVendorName, syncVendors, type Database } from '../../store/index.js';
import { sendJson } from '../json.js';

/** What the composition root's detector answers (structurally the poll layer's VendorDetection). */
export type WebVendorDetection =
  | {
      ok: true;
      platform: Platform;
      confidence: 'high' | 'medium';
      evidence: string;
      statusPageUrl: string;
      suggestedSlug: string;
      suggestedName: string;
    }
  | { ok: false; refused: boolean; error: string; tried: string[] };

export interface VendorWriteDeps {
  db: Kysely<Database>;
  now: () => string;
  adminToken: string;
  detectVendor: (url: string, signal?: AbortSignal) => Promise<WebVendorDetection>;
  defaultIntervalSeconds: number;
}

const maxBodyBytes = 16 * 1024;
const maxIntervalSeconds = 86_400;

type WriteErrorCode =
  | 'unauthorized'
  | 'invalid_body'
  | 'unsupported_media_type'
  | 'conflict'
  | 'url_refused'
  | 'undetected';

class WriteError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: WriteErrorCode,
    message: string,
  ) {
    super(message);
  }
}

interface NewVendorBody {
  url: string;
  slug: string | null;
  name: string | null;
  intervalSeconds: number | null;
  category: Category;
}

export function registerVendorWrites(app: Hono, deps: VendorWriteDeps): void {
  const expected = digest(deps.adminToken);
  app.post('/api/v1/vendors', async (c) => {
    try {
      authorize(c.req.header('authorization'), expected);
      const body = await readBody(c);
      // A given slug is checked before any request goes out; a suggested one after detection.
      if (body.slug !== null) await assertSlugFree(deps.db, body.slug);
      const detection = await deps.detectVendor(body.url, c.req.raw.signal);
      if (!detection.ok) {
        const code = detection.refused ? 'url_refused' : 'undetected';
        return sendJson(
          c,
          { error: { code, message: detection.error, tried: detection.tried } },
          422,
        );
      }
      const vendor: Vendor = {
        slug: body.slug ?? detection.suggestedSlug,
        name: body.name ?? detection.suggestedName,
        statusPageUrl: detection.statusPageUrl,
        platform: detection.platform,
        category: body.category,
        intervalSeconds: body.intervalSeconds ?? deps.defaultIntervalSeconds,
      };
      if (body.slug === null) await assertSlugFree(deps.db, vendor.slug);
      await syncVendors(deps.db, [vendor], 'api', deps.now());
      const { confidence, evidence } = detection;
      const created = sendJson(c, { vendor, detection: { confidence, evidence } }, 201);
      created.headers.set('location', `/api/v1/vendors/${vendor.slug}`);
      return created;
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
  });
}

async function assertSlugFree(db: Kysely<Database>, slug: string): Promise<void> {
  if ((await findVendorName(db, slug)) !== null) {
    throw new WriteError(409, 'conflict', `a vendor "${slug}" already exists; choose another slug`);
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Compares digests in constant time, so the token's length and prefix do not leak. */
function authorize(header: string | undefined, expected: Buffer): void {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  if (token === undefined || !timingSafeEqual(digest(token), expected)) {
    throw new WriteError(401, 'unauthorized', 'a valid admin token is required (Bearer)');
  }
}

async function readBody(c: Context): Promise<NewVendorBody> {
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
    throw new WriteError(415, 'unsupported_media_type', 'send the vendor as application/json');
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
  return validateBody(parsed as Record<string, unknown>);
}

function validateBody(body: Record<string, unknown>): NewVendorBody {
  const invalid = (message: string) => new WriteError(400, 'invalid_body', message);
  const unknownKey = Object.keys(body).find(
    (key) => !['url', 'slug', 'name', 'interval', 'category'].includes(key),
  );
  if (unknownKey !== undefined)
    throw invalid(`unknown field ${JSON.stringify(unknownKey.slice(0, 40))}`);
  const { url, slug, name, interval, category } = body;
  if (
    typeof url !== 'string' ||
    !/^https?:\/\//i.test(url) ||
    !URL.canParse(url) ||
    url.length > 2048
  ) {
    throw invalid('url must be an http(s) URL of at most 2048 characters');
  }
  if (slug !== undefined && (typeof slug !== 'string' || !slugPattern.test(slug))) {
    throw invalid('slug must be lowercase letters, digits and dashes (at most 63)');
  }
  const trimmedName = typeof name === 'string' ? name.trim() : undefined;
  if (name !== undefined && (!trimmedName || trimmedName.length > 200)) {
    throw invalid('name must be a string of 1 to 200 characters');
  }
  const seconds = interval === undefined ? null : parseDurationSeconds(interval);
  if (
    interval !== undefined &&
    (seconds === null || !Number.isInteger(seconds) || seconds < 1 || seconds > maxIntervalSeconds)
  ) {
    throw invalid('interval must be whole seconds between 1 and 86400 (a number or "60s", "5m")');
  }
  if (category !== undefined && !isOneOf(categories, category)) {
    throw invalid(`category must be one of ${categories.join(', ')}`);
  }
  return {
    url: url.trim(),
    slug: typeof slug === 'string' ? slug : null,
    name: trimmedName ?? null,
    intervalSeconds: seconds,
    category: category ?? 'other',
  };
}
