// One vendor, one poll: fetch → parse → diff → commit. Returns an outcome and never throws,
// so one vendor cannot sink a cycle.
import type { Kysely } from 'kysely';
import type { Endpoint, PlatformAdapter } from '../adapters/types.js';
import { diffSnapshot, type PlannedEvent } from '../domain/diff.js';
import { isStale } from '../domain/health.js';
import type { Vendor, VendorEvent } from '../domain/model.js';
import type { Platform } from '../domain/vocabulary.js';
import type { ConditionalValidators, Fetcher, FetchFailure } from '../fetch/types.js';
import { commitCycle, loadPollState, loadPreviousState, type PollState } from '../store/index.js';
import type { Database } from '../store/schema.js';
import { nextPollDelaySeconds } from './backoff.js';

export interface PollDeps {
  db: Kysely<Database>;
  fetcher: Fetcher;
  adapterFor: (platform: Platform) => PlatformAdapter | undefined;
  /** Names of the notification targets an event goes to (outbox rows are written with it). */
  routeEvent: (event: VendorEvent) => readonly string[];
  now: () => Date;
  random: () => number;
  /** This worker's lease name; null when leases are not used (one-off polls). */
  leaseOwner: string | null;
  /** Called after a commit with the events it recorded. */
  onEvents?: (events: VendorEvent[]) => void;
}

export type PollOutcome =
  | { vendorSlug: string; kind: 'changed' | 'unchanged'; events: number; durationMs: number }
  | { vendorSlug: string; kind: 'failed'; error: string; events: number; durationMs: number }
  | { vendorSlug: string; kind: 'crashed'; error: string; events: 0; durationMs: number };

interface FetchedBodies {
  /** Bodies of endpoints that answered 200, or null for a failed optional endpoint. */
  bodies: Record<string, string | null>;
  /** Keys of endpoints that answered 304: their bodies are the stored ones. */
  notModified: string[];
  validators: Record<string, ConditionalValidators>;
  allNotModified: boolean;
}

type FetchStep =
  { ok: true; fetched: FetchedBodies } | { ok: false; error: string; failure: FetchFailure };

export async function pollVendor(deps: PollDeps, vendor: Vendor): Promise<PollOutcome> {
  const started = deps.now();
  const elapsed = () => deps.now().getTime() - started.getTime();
  try {
    const adapter = deps.adapterFor(vendor.platform);
    const state = await loadPollState(deps.db, vendor.slug);
    if (!state)
      return {
        vendorSlug: vendor.slug,
        kind: 'crashed',
        error: 'vendor is not in the store',
        events: 0,
        durationMs: elapsed(),
      };
    if (!adapter)
      return await recordFailure(
        deps,
        vendor,
        state,
        `no adapter for platform ${vendor.platform}`,
        undefined,
        started,
      );

    const step = await fetchEndpoints(deps, vendor, adapter.endpoints(vendor.statusPageUrl), state);
    if (!step.ok)
      return await recordFailure(
        deps,
        vendor,
        state,
        step.error,
        step.failure.retryAfterSeconds,
        started,
      );
    const { fetched } = step;

    if (fetched.allNotModified && state.lastSuccessAt !== null && state.lastError === null) {
      // 304 everywhere: the vendor's page is what we stored last time; no parse, no diff.
      return await recordSuccess(deps, vendor, state, null, fetched, started, elapsed);
    }

    const bodies = fillNotModifiedBodies(state, fetched);
    if (!bodies)
      return await recordFailure(
        deps,
        vendor,
        state,
        'the vendor answered 304 but no earlier body is stored',
        undefined,
        started,
      );
    const parsed = adapter.parse(bodies, { statusPageUrl: vendor.statusPageUrl });
    if (!parsed.ok)
      return await recordFailure(deps, vendor, state, `parse: ${parsed.error}`, undefined, started);

    const now = started.toISOString();
    const previous = await loadPreviousState(
      deps.db,
      vendor.slug,
      parsed.snapshot.incidents.map((incident) => incident.sourceId),
    );
    const plan = diffSnapshot(vendor.slug, previous, parsed.snapshot, now);
    return await recordSuccess(
      deps,
      vendor,
      state,
      { plan, bodies, pageName: parsed.snapshot.pageName },
      fetched,
      started,
      elapsed,
    );
  } catch (error) {
    return {
      vendorSlug: vendor.slug,
      kind: 'crashed',
      error: describe(error),
      events: 0,
      durationMs: elapsed(),
    };
  }
}

async function fetchEndpoints(
  deps: PollDeps,
  vendor: Vendor,
  endpoints: Endpoint[],
  state: PollState,
): Promise<FetchStep> {
  const results = await Promise.all(
    endpoints.map((endpoint) =>
      deps.fetcher.fetch({ url: endpoint.url, validators: state.validators[endpoint.url] ?? null }),
    ),
  );
  const fetched: FetchedBodies = {
    bodies: {},
    notModified: [],
    validators: {},
    allNotModified: true,
  };
  for (const [index, result] of results.entries()) {
    const endpoint = endpoints[index]!;
    if (!result.ok) {
      if (endpoint.required) {
        return {
          ok: false,
          error: `${lastPathSegment(endpoint.url)}: ${result.error.message}`,
          failure: result.error,
        };
      }
      fetched.bodies[endpoint.key] = null;
      fetched.allNotModified = false;
      continue;
    }
    fetched.validators[endpoint.url] = result.validators;
    if (result.notModified) {
      fetched.notModified.push(endpoint.key);
      continue;
    }
    fetched.allNotModified = false;
    fetched.bodies[endpoint.key] = result.body;
  }
  return { ok: true, fetched };
}

/** Bodies answered with 304 come from the last stored payload. */
function fillNotModifiedBodies(
  state: PollState,
  fetched: FetchedBodies,
): Record<string, string | null> | null {
  if (fetched.notModified.length === 0) return fetched.bodies;
  const stored = state.rawPayload;
  const bodies = { ...fetched.bodies };
  for (const key of fetched.notModified) {
    const body = stored?.[key];
    if (body === undefined) return null;
    bodies[key] = body;
  }
  return bodies;
}

async function recordSuccess(
  deps: PollDeps,
  vendor: Vendor,
  state: PollState,
  parsed: {
    plan: ReturnType<typeof diffSnapshot>;
    bodies: Record<string, string | null>;
    pageName: string | null;
  } | null,
  fetched: FetchedBodies,
  started: Date,
  elapsed: () => number,
): Promise<PollOutcome> {
  const now = started.toISOString();
  const extraEvents: PlannedEvent[] = state.unreachableReported
    ? [vendorEvent('vendor.recovered', vendor, now, {})]
    : [];
  const delay = nextPollDelaySeconds({
    intervalSeconds: vendor.intervalSeconds,
    consecutiveFailures: 0,
    random: deps.random(),
  });
  const events = await commitCycle(
    deps.db,
    {
      vendorSlug: vendor.slug,
      now,
      nextPollAt: new Date(started.getTime() + delay * 1000).toISOString(),
      leaseOwner: deps.leaseOwner,
      unreachableReported: false,
      extraEvents,
      outcome: {
        kind: 'success',
        plan: parsed?.plan ?? { components: null, incidents: [], events: [] },
        validators: fetched.validators,
        ...(parsed ? { rawPayload: parsed.bodies, pageName: parsed.pageName } : {}),
      },
    },
    deps.routeEvent,
  );
  if (events.length > 0) deps.onEvents?.(events);
  const changed =
    parsed !== null &&
    (parsed.plan.incidents.length > 0 || parsed.plan.components !== null || events.length > 0);
  return {
    vendorSlug: vendor.slug,
    kind: changed ? 'changed' : 'unchanged',
    events: events.length,
    durationMs: elapsed(),
  };
}

async function recordFailure(
  deps: PollDeps,
  vendor: Vendor,
  state: PollState,
  error: string,
  retryAfterSeconds: number | undefined,
  started: Date,
): Promise<PollOutcome> {
  const now = started.toISOString();
  const consecutiveFailures = state.consecutiveFailures + 1;
  // Unreachable is announced once per failure streak, and only once the data has gone stale.
  const announce =
    !state.unreachableReported &&
    isStale(
      {
        lastSuccessAt: state.lastSuccessAt,
        lastPolledAt: now,
        lastError: error,
        intervalSeconds: vendor.intervalSeconds,
      },
      now,
    ) &&
    state.lastSuccessAt !== null;
  const delay = nextPollDelaySeconds({
    intervalSeconds: vendor.intervalSeconds,
    consecutiveFailures,
    retryAfterSeconds,
    random: deps.random(),
  });
  const events = await commitCycle(
    deps.db,
    {
      vendorSlug: vendor.slug,
      now,
      nextPollAt: new Date(started.getTime() + delay * 1000).toISOString(),
      leaseOwner: deps.leaseOwner,
      unreachableReported: state.unreachableReported || announce,
      outcome: {
        kind: 'failure',
        error,
        events: announce
          ? [vendorEvent('vendor.unreachable', vendor, now, { error: { from: null, to: error } })]
          : [],
      },
    },
    deps.routeEvent,
  );
  const durationMs = deps.now().getTime() - started.getTime();
  if (events.length > 0) deps.onEvents?.(events);
  return { vendorSlug: vendor.slug, kind: 'failed', error, events: events.length, durationMs };
}

function vendorEvent(
  type: 'vendor.unreachable' | 'vendor.recovered',
  vendor: Vendor,
  now: string,
  changes: PlannedEvent['changes'],
): PlannedEvent {
  return {
    type,
    vendorSlug: vendor.slug,
    incidentId: null,
    updateId: null,
    component: null,
    changes,
    at: now,
  };
}

function lastPathSegment(url: string): string {
  try {
    return new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? url;
  } catch {
    return url;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
