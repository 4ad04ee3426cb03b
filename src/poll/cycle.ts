// One vendor, one poll: fetch → parse → diff → commit. Returns an outcome and never throws,
// so one vendor cannot sink a cycle.
import type { Kysely } from 'kysely';
import type { Endpoint, PlatformAdapter } from '../adapters/types.js';
import { cycleFacts } from '../domain/cycle-facts.js';
import {
  diffSnapshot,
  type CyclePlan,
  type PlannedEvent,
  type PreviousState,
} from '../domain/diff.js';
import { isStale } from '../domain/health.js';
import { addSeconds } from '../domain/time.js';
import type { Vendor, VendorEvent } from '../domain/model.js';
import {
  routeCycle,
  type CycleFacts,
  type RoutedEvent,
  type RouteEvent,
} from '../domain/routing.js';
import type { Platform } from '../domain/vocabulary.js';
import type { ConditionalValidators, FetchErrorKind, Fetcher } from '../fetch/types.js';
import {
  commitCycle,
  loadNotifiedTargets,
  loadPollState,
  loadPreviousState,
  loadRawPayload,
  type CycleRecord,
  type PollState,
} from '../store/index.js';
import type { Database } from '../store/schema.js';
import { nextPollDelaySeconds } from './backoff.js';
import type { NetworkWatch } from './network-watch.js';

export interface PollDeps {
  db: Kysely<Database>;
  fetcher: Fetcher;
  adapterFor: (platform: Platform) => PlatformAdapter | undefined;
  /** The notification targets an event goes to, asked before the commit writes its outbox rows. */
  routeEvent: RouteEvent;
  now: () => Date;
  random: () => number;
  /** This worker's lease name; null when leases are not used (one-off polls). */
  leaseOwner: string | null;
  /** Called after a commit with the events it recorded. */
  onEvents?: (events: VendorEvent[]) => void;
  /** Sees every poll's outcome; while it says degraded, vendor.unreachable is held back. */
  networkWatch?: NetworkWatch;
}

export type PollOutcome =
  | { vendorSlug: string; kind: 'changed' | 'unchanged'; events: number; durationMs: number }
  | { vendorSlug: string; kind: 'failed'; error: string; events: number; durationMs: number }
  | { vendorSlug: string; kind: 'crashed'; error: string; events: 0; durationMs: number };

/** One poll in progress: who, what the store knew, and when it started. */
interface Attempt {
  deps: PollDeps;
  vendor: Vendor;
  state: PollState;
  started: Date;
  /** A fetch begun while our network looked down may still fail after it came back. */
  degradedAtStart: boolean;
}

interface FetchedBodies {
  /** Bodies of endpoints that answered 200, or null for a failed optional endpoint. */
  bodies: Record<string, string | null>;
  /** Keys of endpoints that answered 304: their bodies are the stored ones. */
  notModified: string[];
  validators: Record<string, ConditionalValidators>;
}

type FetchStep =
  | { ok: true; fetched: FetchedBodies }
  | { ok: false; error: string; kind: FetchErrorKind; retryAfterSeconds: number | undefined };

interface Failure {
  /** The vendor's server answered something (see NetworkWatch.observe). */
  reached: boolean;
  retryAfterSeconds?: number | undefined;
}

/** Nothing answered: the failure may as well be ours as the vendor's. */
const unreachedKinds: ReadonlySet<FetchErrorKind> = new Set(['network', 'timeout']);
/** No adapter, no stored body, an unreadable page: nothing here says our network failed. */
const notOurNetwork: Failure = { reached: true };

interface Parsed {
  /** What the diff started from, so routing knows each incident as the plan leaves it. */
  previous: PreviousState | null;
  plan: CyclePlan;
  bodies: Record<string, string | null>;
  pageName: string | null;
}

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
    const attempt: Attempt = { deps, vendor, state, started, degradedAtStart };

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
    const parsed = adapter.parse(bodies, { statusPageUrl: vendor.statusPageUrl });
    if (!parsed.ok) return await recordFailure(attempt, `parse: ${parsed.error}`, notOurNetwork);

    const sourceIds = parsed.snapshot.incidents.map((incident) => incident.sourceId);
    const previous = await loadPreviousState(deps.db, vendor.slug, sourceIds);
    const plan = diffSnapshot(vendor.slug, previous, parsed.snapshot, started.toISOString());
    return await recordSuccess(attempt, fetched, {
      previous,
      plan,
      bodies,
      pageName: parsed.snapshot.pageName,
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
    const result = await deps.fetcher.fetch({ url: endpoint.url, validators });
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

async function recordSuccess(
  attempt: Attempt,
  fetched: FetchedBodies,
  parsed: Parsed | null,
): Promise<PollOutcome> {
  const { deps, vendor, state } = attempt;
  deps.networkWatch?.observe(vendor.slug, true);
  const now = attempt.started.toISOString();
  const recovered = state.unreachableReported
    ? [vendorEvent('vendor.recovered', vendor, now, {})]
    : [];
  const plan = parsed?.plan ?? { components: null, incidents: [], events: [] };
  const record = {
    unreachableReported: false,
    outcome: {
      kind: 'success' as const,
      plan,
      validators: fetched.validators,
      ...(parsed ? { rawPayload: parsed.bodies, pageName: parsed.pageName } : {}),
    },
  };
  // The poll's own event comes first, then the page's changes in the plan's order.
  const planned = [...recovered, ...plan.events];
  const facts = cycleFacts(parsed?.previous ?? null, plan);
  const events = await commit(attempt, 0, undefined, record, planned, facts);
  const changed =
    parsed !== null && (parsed.plan.incidents.length > 0 || parsed.plan.components !== null);
  return {
    vendorSlug: vendor.slug,
    kind: changed || events.length > 0 ? 'changed' : 'unchanged',
    events: events.length,
    durationMs: deps.now().getTime() - attempt.started.getTime(),
  };
}

async function recordFailure(
  attempt: Attempt,
  error: string,
  failure: Failure,
): Promise<PollOutcome> {
  const { deps, vendor, state } = attempt;
  const now = attempt.started.toISOString();
  const watch = deps.networkWatch;
  watch?.observe(vendor.slug, failure.reached);
  // While most vendors cannot be reached the fault is probably ours: the alert is held, and
  // unreachableReported stays false so the network's return brings no flood of recoveries.
  // A vendor still down afterwards is announced on its next failing poll (stale by then).
  const held = watch !== undefined && (attempt.degradedAtStart || watch.degraded());
  // Unreachable is announced once per failure streak, once the last good data has gone stale.
  const announce =
    !held &&
    !state.unreachableReported &&
    state.lastSuccessAt !== null &&
    isStale({ ...state, lastError: error, intervalSeconds: vendor.intervalSeconds }, now);
  const unreachable = vendorEvent('vendor.unreachable', vendor, now, {
    error: { from: null, to: error },
  });
  const consecutiveFailures = state.consecutiveFailures + 1;
  const record = {
    unreachableReported: state.unreachableReported || announce,
    outcome: { kind: 'failure' as const, error, consecutiveFailures, reached: failure.reached },
  };
  const planned = announce ? [unreachable] : [];
  const events = await commit(
    attempt,
    consecutiveFailures,
    failure.retryAfterSeconds,
    record,
    planned,
  );
  return {
    vendorSlug: vendor.slug,
    kind: 'failed',
    error,
    events: events.length,
    durationMs: deps.now().getTime() - attempt.started.getTime(),
  };
}

/** Nothing is known of incidents: the cycle's events are not about one. */
const noIncidents: CycleFacts = cycleFacts(null, { incidents: [] });

/**
 * Routes the cycle's events, then records the poll with them and its next due time, and hands
 * the recorded events on. Routing reads who was told before; the commit only writes rows.
 */
async function commit(
  attempt: Attempt,
  consecutiveFailures: number,
  retryAfterSeconds: number | undefined,
  record: Pick<CycleRecord, 'outcome' | 'unreachableReported'>,
  planned: readonly PlannedEvent[],
  facts: CycleFacts = noIncidents,
): Promise<VendorEvent[]> {
  const { deps, vendor, started } = attempt;
  const delaySeconds = nextPollDelaySeconds({
    intervalSeconds: vendor.intervalSeconds,
    consecutiveFailures,
    retryAfterSeconds,
    random: deps.random(),
  });
  const events = await commitCycle(deps.db, {
    ...record,
    events: await routeEvents(deps, planned, facts),
    vendorSlug: vendor.slug,
    now: started.toISOString(),
    nextPollAt: addSeconds(started.toISOString(), delaySeconds),
    leaseOwner: deps.leaseOwner,
  });
  if (events.length > 0) deps.onEvents?.(events);
  return events;
}

async function routeEvents(
  deps: PollDeps,
  planned: readonly PlannedEvent[],
  facts: CycleFacts,
): Promise<RoutedEvent[]> {
  if (planned.length === 0) return [];
  const notified = await loadNotifiedTargets(deps.db, planned);
  return routeCycle(planned, facts, notified, deps.routeEvent);
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
