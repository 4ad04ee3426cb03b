// One vendor, one poll: fetch → parse → diff, then route → commit (record.ts). Returns an outcome
// and never throws, so one vendor cannot sink a cycle.
import type { Endpoint } from '../adapters/types.js';
import { diffSnapshot } from '../domain/diff.js';
import type { Vendor } from '../domain/model.js';
import type { FetchErrorKind } from '../fetch/types.js';
import { undetectedPlatform } from '../domain/vocabulary.js';
import {
  loadPollState,
  loadPreviousState,
  loadRawPayload,
  storeDetectedPlatform,
  type PollState,
} from '../store/index.js';
import type { Attempt, Failure, FetchedBodies, PollDeps, PollOutcome } from './attempt.js';
import { detectPlatform } from './detect.js';
import { recordFailure, recordSuccess } from './record.js';

export type { PollDeps, PollOutcome } from './attempt.js';

type FetchStep =
  | { ok: true; fetched: FetchedBodies }
  | { ok: false; error: string; kind: FetchErrorKind; retryAfterSeconds: number | undefined };

/** Nothing answered: the failure may as well be ours as the vendor's. */
const unreachedKinds: ReadonlySet<FetchErrorKind> = new Set(['network', 'timeout']);
/** No adapter, no stored body, an unreadable page: nothing here says our network failed. */
const notOurNetwork: Failure = { reached: true };

/** `claimedState`: the poll state read when the vendor was claimed (saves a query); else loaded. */
export async function pollVendor(
  deps: PollDeps,
  vendor: Vendor,
  claimedState?: PollState,
): Promise<PollOutcome> {
  const started = deps.now();
  try {
    const state = claimedState ?? (await loadPollState(deps.db, vendor.slug));
    if (!state) return crashed(deps, vendor, started, 'vendor is not in the store');
    const degradedAtStart = deps.networkWatch?.degraded() ?? false;
    let attempt: Attempt = { deps, vendor, state, started, degradedAtStart };

    if (vendor.platform === undetectedPlatform) {
      // A config vendor without `platform:`: detect it on every poll until it succeeds, so it
      // stays listed, failing with the reason, and is retried with the usual backoff.
      const detection = await detectPlatform(deps.fetcher, vendor.statusPageUrl);
      if (!detection.ok) {
        const error = `platform not detected: ${detection.error}; set \`platform:\``;
        return await recordFailure(attempt, error, notOurNetwork);
      }
      const detected = { platform: detection.platform, statusPageUrl: detection.statusPageUrl };
      await storeDetectedPlatform(deps.db, vendor.slug, detected);
      vendor = { ...vendor, ...detected };
      attempt = { ...attempt, vendor };
    }

    const adapter = deps.adapterFor(vendor.platform);
    if (!adapter) {
      return await recordFailure(
        attempt,
        `no adapter for platform ${vendor.platform}`,
        notOurNetwork,
      );
    }

    const step = await fetchEndpoints(attempt, adapter.endpoints(vendor.statusPageUrl));
    if (!step.ok) {
      return await recordFailure(attempt, step.error, {
        reached: !unreachedKinds.has(step.kind),
        retryAfterSeconds: step.retryAfterSeconds,
      });
    }
    const { fetched } = step;
    // `bodies` holds every endpoint that did not answer 304.
    const allNotModified = Object.keys(fetched.bodies).length === 0;
    if (allNotModified && state.lastSuccessAt !== null && state.lastError === null) {
      // 304 everywhere after a good poll: the page is what we stored; no parse, no diff.
      return await recordSuccess(attempt, fetched, null);
    }

    const bodies = await withStoredBodies(attempt, fetched);
    if (!bodies) {
      return await recordFailure(
        attempt,
        'the vendor answered 304 but no earlier body is stored',
        notOurNetwork,
      );
    }
    const parsed = adapter.parse(bodies, {
      statusPageUrl: vendor.statusPageUrl,
      observedAt: started.toISOString(),
    });
    if (!parsed.ok) return await recordFailure(attempt, `parse: ${parsed.error}`, notOurNetwork);

    const sourceIds = parsed.snapshot.incidents.map((incident) => incident.sourceId);
    const previous = await loadPreviousState(deps.db, vendor.slug, sourceIds);
    const plan = diffSnapshot(vendor.slug, previous, parsed.snapshot, started.toISOString());
    return await recordSuccess(attempt, fetched, {
      previous,
      plan,
      bodies,
      pageName: parsed.snapshot.pageName,
      warnings: parsed.snapshot.warnings,
    });
  } catch (error) {
    return crashed(deps, vendor, started, error instanceof Error ? error.message : String(error));
  }
}

async function fetchEndpoints(attempt: Attempt, endpoints: Endpoint[]): Promise<FetchStep> {
  const { deps, state } = attempt;
  const fetched: FetchedBodies = { bodies: {}, notModified: [], validators: {} };
  // One after another: a vendor's endpoints then share one kept-alive connection, where parallel
  // requests would open one each (polls are further apart than any keep-alive timeout).
  for (const endpoint of endpoints) {
    const validators = state.validators[endpoint.url] ?? null;
    const result = await deps.fetcher.fetch({
      url: endpoint.url,
      validators,
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
    if (!result.ok) {
      if (endpoint.required) {
        const error = `${lastPathSegment(endpoint.url)}: ${result.error.message}`;
        const { kind, retryAfterSeconds } = result.error;
        return { ok: false, error, kind, retryAfterSeconds };
      }
      fetched.bodies[endpoint.key] = null;
    } else {
      fetched.validators[endpoint.url] = result.validators;
      if (result.notModified) fetched.notModified.push(endpoint.key);
      else fetched.bodies[endpoint.key] = result.body;
    }
  }
  return { ok: true, fetched };
}

/** Bodies answered with 304 come from the last stored payload; null when it is missing. */
async function withStoredBodies(
  attempt: Attempt,
  fetched: FetchedBodies,
): Promise<Record<string, string | null> | null> {
  if (fetched.notModified.length === 0) return fetched.bodies;
  const stored = await loadRawPayload(attempt.deps.db, attempt.vendor.slug);
  const bodies = { ...fetched.bodies };
  for (const key of fetched.notModified) {
    const body = stored?.[key];
    if (body === undefined) return null;
    bodies[key] = body;
  }
  return bodies;
}

function crashed(deps: PollDeps, vendor: Vendor, started: Date, error: string): PollOutcome {
  return {
    vendorSlug: vendor.slug,
    kind: 'crashed',
    error,
    events: 0,
    durationMs: deps.now().getTime() - started.getTime(),
  };
}

function lastPathSegment(url: string): string {
  try {
    return new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? url;
  } catch {
    return url;
  }
}
