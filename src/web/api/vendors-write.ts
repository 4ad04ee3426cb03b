// POST /api/v1/vendors: add a vendor at run time (admin token). Detection and the address guard
// live outside the web layer and come in as `detectVendor`; without a token app.ts leaves the
// route out.
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { parseDurationSeconds } from '../../config/duration.js';
import { slugPattern } from '../../config/schema.js';
import type { Vendor } from '../../domain/model.js';
import { categories, isOneOf, type Category, type Platform } from '../../domain/vocabulary.js';
import {
  findWatchConflict,
  syncVendors,
  updateVendorSettings,
  type Database,
  type VendorSettings,
} from '../../store/index.js';
import { sendJson } from '../json.js';
import { validProbes, validSuspectAfter } from './probe-body.js';
import {
  handleWrite,
  readJsonObject,
  tokenAuthorizer,
  WriteError,
  type WriteAuthorizer,
} from './write-support.js';

/** What the composition root's detector answers (structurally the poll layer's VendorDetection). */
type WebVendorDetection =
  | {
      ok: true;
      platform: Platform;
      confidence: 'high' | 'medium';
      evidence: string;
      statusPageUrl: string;
      suggestedSlug: string;
      suggestedName: string;
      suggestedCategory?: Category;
      /** The components the page lists; absent when the page was not read for them. */
      components?: string[];
      pageName?: string | null;
    }
  | { ok: false; refused: boolean; error: string; tried: string[] };

export interface VendorWriteDeps {
  db: Kysely<Database>;
  now: () => string;
  /** With neither it nor `authorizeWrite`, app.ts leaves the route out. */
  adminToken: string | null;
  /** Who may add vendors (the admin token or an admin's session, app.ts). */
  authorizeWrite?: WriteAuthorizer;
  /** Records the addition in the audit log. */
  audit?: (c: Context, entry: { actor: string; action: string; subject: string }) => Promise<void>;
  detectVendor: (
    url: string,
    signal?: AbortSignal,
    options?: { nameGiven?: boolean },
  ) => Promise<WebVendorDetection>;
  defaultIntervalSeconds: number;
}

const maxIntervalSeconds = 86_400;

export interface NewVendorBody {
  /** Null when the slug names a catalog entry instead. */
  url: string | null;
  slug: string | null;
  name: string | null;
  intervalSeconds: number | null;
  category: Category | null;
  /** Null follows every component. */
  followedComponents?: string[] | null;
}

/** The POST /api/v1/vendors handler. */
export function createVendorWrite(deps: VendorWriteDeps): (c: Context) => Promise<Response> {
  const authorizeWrite =
    deps.authorizeWrite ?? (deps.adminToken === null ? null : tokenAuthorizer(deps.adminToken));
  if (authorizeWrite === null) throw new Error('POST /api/v1/vendors needs an authorizer');
  return (c) =>
    handleWrite(c, async () => {
      const actor = await authorizeWrite(c);
      const body = validateBody(await readJsonObject(c, 'vendor'));
      const added = await addVendor(deps, body, c.req.raw.signal);
      if (!added.ok) {
        const { code, message, tried } = added;
        return sendJson(c, { error: { code, message, tried } }, 422);
      }
      const { vendor, confidence, evidence } = added;
      await deps.audit?.(c, { actor, action: 'vendor.added', subject: vendor.slug });
      const created = sendJson(c, { vendor, detection: { confidence, evidence } }, 201);
      created.headers.set('location', `/api/v1/vendors/${vendor.slug}`);
      return created;
    });
}

type AddOutcome =
  | { ok: true; vendor: Vendor; confidence: string; evidence: string }
  | { ok: false; code: 'url_refused' | 'undetected'; message: string; tried: string[] };

/**
 * Detects and stores a new vendor, as POST /api/v1/vendors and the watch list page do. Throws a
 * WriteError 409 when its slug or URL is watched already.
 */
export async function addVendor(
  deps: Pick<VendorWriteDeps, 'db' | 'now' | 'detectVendor' | 'defaultIntervalSeconds'>,
  body: NewVendorBody,
  signal?: AbortSignal,
): Promise<AddOutcome> {
  // A given slug and the pasted URL are checked before any request goes out; a suggested
  // slug and the URL detection settles on, after.
  await assertNotWatched(deps.db, body.slug, body.url);
  const detection = await deps.detectVendor(body.url ?? body.slug ?? '', signal, {
    nameGiven: body.name !== null,
  });
  if (!detection.ok) {
    const code = detection.refused ? 'url_refused' : 'undetected';
    return { ok: false, code, message: detection.error, tried: detection.tried };
  }
  const vendor: Vendor = {
    slug: body.slug ?? detection.suggestedSlug,
    name: body.name ?? detection.suggestedName,
    statusPageUrl: detection.statusPageUrl,
    platform: detection.platform,
    category: body.category ?? detection.suggestedCategory ?? 'other',
    intervalSeconds: body.intervalSeconds ?? deps.defaultIntervalSeconds,
    ...(body.followedComponents ? { followedComponents: body.followedComponents } : {}),
  };
  await assertNotWatched(deps.db, vendor.slug, vendor.statusPageUrl);
  await syncVendors(deps.db, [vendor], 'api', deps.now());
  // Set every time: a removed vendor added again follows what it is added with, not its old list,
  // and has no probes until some are set.
  await updateVendorSettings(
    deps.db,
    vendor.slug,
    {
      followedComponents: body.followedComponents ?? null,
      paused: false,
      probes: [],
      suspectAfter: null,
    },
    deps.now(),
  );
  return { ok: true, vendor, confidence: detection.confidence, evidence: detection.evidence };
}

async function assertNotWatched(
  db: Kysely<Database>,
  slug: string | null,
  url: string | null,
): Promise<void> {
  const conflict = await findWatchConflict(db, { slug, urls: url === null ? [] : [url] });
  if (conflict) {
    const hint = conflict.slug === slug ? '; choose another slug' : '';
    throw new WriteError(409, 'conflict', `${conflict.message}${hint}`);
  }
}

function validateBody(body: Record<string, unknown>): NewVendorBody {
  const invalid = (message: string) => new WriteError(400, 'invalid_body', message);
  const unknownKey = Object.keys(body).find(
    (key) => !['url', 'slug', 'name', 'interval', 'category', 'followedComponents'].includes(key),
  );
  if (unknownKey !== undefined)
    throw invalid(`unknown field ${JSON.stringify(unknownKey.slice(0, 40))}`);
  const { url, slug, name, interval, category, followedComponents } = body;
  if (slug !== undefined && (typeof slug !== 'string' || !slugPattern.test(slug))) {
    throw invalid('slug must be lowercase letters, digits and dashes (at most 63)');
  }
  // Without a url, the slug names a catalog entry (as a bare slug does in the config file).
  if (
    (url !== undefined || slug === undefined) &&
    (typeof url !== 'string' ||
      !/^https?:\/\//i.test(url) ||
      !URL.canParse(url) ||
      url.length > 2048)
  ) {
    throw invalid('url must be an http(s) URL of at most 2048 characters (or give a catalog slug)');
  }
  const trimmedName = typeof name === 'string' ? name.trim() : undefined;
  if (name !== undefined && (!trimmedName || trimmedName.length > 200)) {
    throw invalid('name must be a string of 1 to 200 characters');
  }
  const seconds = interval === undefined ? null : validInterval(interval);
  if (category !== undefined && !isOneOf(categories, category)) {
    throw invalid(`category must be one of ${categories.join(', ')}`);
  }
  return {
    url: typeof url === 'string' ? url.trim() : null,
    slug: typeof slug === 'string' ? slug : null,
    name: trimmedName ?? null,
    intervalSeconds: seconds,
    category: category ?? null,
    followedComponents: followedComponents === undefined ? null : validFollowed(followedComponents),
  };
}

function validInterval(interval: unknown): number {
  const seconds = parseDurationSeconds(interval);
  if (
    seconds === null ||
    !Number.isInteger(seconds) ||
    seconds < 1 ||
    seconds > maxIntervalSeconds
  ) {
    throw new WriteError(
      400,
      'invalid_body',
      'interval must be whole seconds between 1 and 86400 (a number or "60s", "5m")',
    );
  }
  return seconds;
}

/** At most 500 names of 1 to 200 characters, or null for every component. */
export function validFollowed(value: unknown): string[] | null {
  if (value === null) return null;
  if (
    !Array.isArray(value) ||
    value.length > 500 ||
    !value.every((name) => typeof name === 'string' && name.trim() !== '' && name.length <= 200)
  ) {
    throw new WriteError(
      400,
      'invalid_body',
      'followedComponents must be null (all) or a list of component names (at most 500)',
    );
  }
  return [...new Set((value as string[]).map((name) => name.trim()))];
}

/** The body of PATCH /api/v1/vendors/{slug}: only the fields given change. */
export function validatePatch(body: Record<string, unknown>): VendorSettings {
  const unknownKey = Object.keys(body).find(
    (key) => !['interval', 'paused', 'followedComponents', 'probes', 'suspectAfter'].includes(key),
  );
  if (unknownKey !== undefined) {
    throw new WriteError(
      400,
      'invalid_body',
      `unknown field ${JSON.stringify(unknownKey.slice(0, 40))} (interval, paused, followedComponents, probes, suspectAfter)`,
    );
  }
  if (body.paused !== undefined && typeof body.paused !== 'boolean') {
    throw new WriteError(400, 'invalid_body', 'paused must be true or false');
  }
  return {
    ...(body.interval === undefined ? {} : { intervalSeconds: validInterval(body.interval) }),
    ...(body.paused === undefined ? {} : { paused: body.paused }),
    ...(body.followedComponents === undefined
      ? {}
      : { followedComponents: validFollowed(body.followedComponents) }),
    ...(body.probes === undefined ? {} : { probes: validProbes(body.probes) }),
    ...(body.suspectAfter === undefined
      ? {}
      : { suspectAfter: validSuspectAfter(body.suspectAfter) }),
  };
}
