// The end of a poll: what it decided (recovered, unreachable, the page's changes), routed to
// notification targets first and then recorded in one commit with the vendor's next due time.
import { effectiveIntervalSeconds, openIncidentAfter } from '../domain/active-polling.js';
import { cycleFacts } from '../domain/cycle-facts.js';
import type { PlannedEvent } from '../domain/diff.js';
import { failureReason } from '../domain/failure-reason.js';
import { pushCoalesceSeconds } from '../domain/push-coalesce.js';
import { healthChanged } from '../domain/health-change.js';
import type { Vendor, VendorEvent } from '../domain/model.js';
import { routeCycle, type CycleFacts, type RoutedEvent } from '../domain/routing.js';
import { addSeconds } from '../domain/time.js';
import { decideUnreachable } from '../domain/unreachable.js';
import {
  commitCycle,
  loadNotifiedTargets,
  type CycleRecord,
  type PollState,
} from '../store/index.js';
import type { Attempt, Failure, FetchedBodies, Parsed, PollDeps, PollOutcome } from './attempt.js';
import { nextPollDelaySeconds } from './backoff.js';

export async function recordSuccess(
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
      // Most polls get the same validators back (a 304 repeats its ETag): left as stored then.
      ...(sameValidators(state.validators, fetched.validators)
        ? {}
        : { validators: fetched.validators }),
      ...(parsed
        ? { rawPayload: parsed.bodies, pageName: parsed.pageName, warnings: parsed.warnings }
        : {}),
    },
  };
  // The poll's own event comes first, then the page's changes in the plan's order.
  const planned = [...recovered, ...plan.events];
  const facts = cycleFacts(parsed?.previous ?? null, plan);
  const hasOpenIncident = openIncidentAfter(
    state.hasOpenIncident,
    parsed?.previous ?? null,
    parsed?.plan ?? null,
  );
  const events = await commit(attempt, {
    record,
    planned,
    facts,
    consecutiveFailures: 0,
    hasOpenIncident,
  });
  if (healthChanged(state, null)) {
    deps.onHealthChange?.({ vendorSlug: vendor.slug, health: 'ok', errorReason: null, at: now });
  }
  const changed =
    parsed !== null && (parsed.plan.incidents.length > 0 || parsed.plan.components !== null);
  return {
    vendorSlug: vendor.slug,
    kind: changed || events.length > 0 ? 'changed' : 'unchanged',
    events: events.length,
    durationMs: deps.now().getTime() - attempt.started.getTime(),
  };
}

/** Whether the stored validators already say what this poll's responses said, endpoint for endpoint. */
function sameValidators(
  stored: PollState['validators'],
  fetched: FetchedBodies['validators'],
): boolean {
  const urls = Object.keys(fetched);
  if (urls.length !== Object.keys(stored).length) return false;
  return urls.every((url) => {
    const before = stored[url];
    const now = fetched[url]!;
    return before?.etag === now.etag && before.lastModified === now.lastModified;
  });
}

export async function recordFailure(
  attempt: Attempt,
  error: string,
  failure: Failure,
): Promise<PollOutcome> {
  const { deps, vendor, state } = attempt;
  const now = attempt.started.toISOString();
  const watch = deps.networkWatch;
  watch?.observe(vendor.slug, failure.reached);
  const decision = decideUnreachable({
    // Without a watch (one-off polls) nothing is held.
    degradedAtStart: attempt.degradedAtStart,
    degradedNow: watch?.degraded() ?? false,
    alreadyReported: state.unreachableReported,
    lastSuccessAt: state.lastSuccessAt,
    intervalSeconds: vendor.intervalSeconds,
    now,
  });
  const unreachable = vendorEvent('vendor.unreachable', vendor, now, {
    error: { from: null, to: error },
  });
  const consecutiveFailures = state.consecutiveFailures + 1;
  const record = {
    unreachableReported: decision.reported,
    outcome: { kind: 'failure' as const, error, consecutiveFailures, reached: failure.reached },
  };
  const events = await commit(attempt, {
    record,
    planned: decision.announce ? [unreachable] : [],
    consecutiveFailures,
    hasOpenIncident: state.hasOpenIncident,
    retryAfterSeconds: failure.retryAfterSeconds,
  });
  if (healthChanged(state, error)) {
    deps.onHealthChange?.({
      vendorSlug: vendor.slug,
      health: 'failing',
      errorReason: failureReason(error),
      at: now,
    });
  }
  return {
    vendorSlug: vendor.slug,
    kind: 'failed',
    error,
    events: events.length,
    durationMs: deps.now().getTime() - attempt.started.getTime(),
  };
}

/** What a poll records: its outcome, and its events in recording order, not yet routed. */
interface Recording {
  record: Pick<CycleRecord, 'outcome' | 'unreachableReported'>;
  planned: readonly PlannedEvent[];
  /** What routing knows of the events' incidents; none when no event is about one. */
  facts?: CycleFacts;
  consecutiveFailures: number;
  retryAfterSeconds?: number | undefined;
  /** The vendor has an open incident once this poll is written (fast polling). */
  hasOpenIncident: boolean;
}

/** Nothing is known of incidents: the cycle's events are not about one. */
const noIncidents: CycleFacts = cycleFacts(null, { incidents: [] });

/**
 * Routes the cycle's events, then records the poll with them and its next due time, and hands
 * the recorded events on. Routing reads who was told before; the commit only writes rows.
 */
async function commit(attempt: Attempt, recording: Recording): Promise<VendorEvent[]> {
  const { deps, vendor, started } = attempt;
  const {
    record,
    planned,
    facts = noIncidents,
    consecutiveFailures,
    retryAfterSeconds,
    hasOpenIncident,
  } = recording;
  // Past this worker's lease another worker may be polling the vendor: record nothing (the next
  // holder repeats this poll; no event is recorded twice or under another id).
  deps.signal?.throwIfAborted();
  const intervalSeconds = effectiveIntervalSeconds(
    {
      intervalSeconds: vendor.intervalSeconds,
      activeIntervalSeconds: deps.activeIntervalFor?.(vendor.slug) ?? vendor.intervalSeconds,
    },
    { hasOpenIncident, suspected: deps.suspectedFor?.(vendor.slug) ?? false },
  );
  const delaySeconds = nextPollDelaySeconds({
    intervalSeconds,
    consecutiveFailures,
    retryAfterSeconds,
    random: deps.random(),
  });
  const startedAt = started.toISOString();
  const nextPollAt = addSeconds(startedAt, delaySeconds);
  const { pushReceivedAt, lastPolledAt } = attempt.state;
  const events = await commitCycle(
    deps.db,
    {
      ...record,
      events: await routeEvents(deps, planned, facts, vendor.followedComponents ?? null),
      vendorSlug: vendor.slug,
      now: startedAt,
      nextPollAt,
      // A push that arrives while this poll is in flight may concern a change it missed: poll
      // again once the coalescing window since this poll's start has passed.
      nextPollAtAfterPush: earlier(nextPollAt, addSeconds(startedAt, pushCoalesceSeconds)),
      answersPush:
        pushReceivedAt !== null && (lastPolledAt === null || pushReceivedAt > lastPolledAt),
      leaseOwner: deps.leaseOwner,
      ...(deps.flagSettingsFor ? { flagSettings: deps.flagSettingsFor(vendor.slug) } : {}),
    },
    { bookkeeping: deps.bookkeeping, correlation: deps.correlation },
  );
  if (events.length > 0) deps.onEvents?.(events);
  return events;
}

function earlier(a: string, b: string): string {
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

async function routeEvents(
  deps: PollDeps,
  planned: readonly PlannedEvent[],
  facts: CycleFacts,
  followedComponents: readonly string[] | null,
): Promise<RoutedEvent[]> {
  if (planned.length === 0) return [];
  const notified = await loadNotifiedTargets(deps.db, planned);
  return routeCycle(planned, facts, notified, deps.routeEvent, followedComponents);
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
