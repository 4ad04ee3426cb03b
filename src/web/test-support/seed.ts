// A real SQLite file store in a temp dir, filled the way the poller fills it: each "poll" loads
// the previous state, diffs the snapshot and commits the plan, so the API reads genuine rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffSnapshot } from '../../domain/diff.js';
import type { Vendor, VendorEvent } from '../../domain/model.js';
import type { ObservedIncident, ObservedUpdate, VendorSnapshot } from '../../domain/snapshot.js';
import { addSeconds } from '../../domain/time.js';
import type { Kysely } from 'kysely';
import {
  commitCycle,
  loadPreviousState,
  migrateToLatest,
  openStore,
  syncVendors,
  type Database,
  type Store,
} from '../../store/index.js';
import { openSuspicion } from '../../store/probes.js';

export interface TestStore {
  store: Store;
  /** One successful poll of `snapshot` at `now`; returns the events it recorded. */
  poll: (slug: string, snapshot: VendorSnapshot, now: string) => Promise<VendorEvent[]>;
  /**
   * One failed poll at `now`; `reached`: the server answered (an HTTP error), default false;
   * `streak`: the failures in a row it makes, default 1.
   */
  fail: (
    slug: string,
    error: string,
    now: string,
    reached?: boolean,
    streak?: number,
  ) => Promise<VendorEvent[]>;
  /** Closes the store (if still open) and deletes its directory. */
  dispose: () => Promise<void>;
}

export async function openTestStore(vendors: Vendor[], now: string): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), 'vendorwatch-web-'));
  const store = await openStore(join(dir, 'vendorwatch.db'));
  await migrateToLatest(store);
  await syncVendors(store.db, vendors, 'config', now);
  let closed = false;
  return {
    store,
    poll: async (slug, snapshot, at) => {
      const sourceIds = snapshot.incidents.map((incident) => incident.sourceId);
      const previous = await loadPreviousState(store.db, slug, sourceIds);
      const plan = diffSnapshot(slug, previous, snapshot, at);
      return commitCycle(store.db, {
        vendorSlug: slug,
        now: at,
        nextPollAt: addSeconds(at, 60),
        leaseOwner: null,
        outcome: { kind: 'success', plan },
        unreachableReported: false,
        events: plan.events.map((event) => ({ event, deliveries: [] })),
      });
    },
    fail: async (slug, error, at, reached = false, streak = 1) => {
      return commitCycle(store.db, {
        vendorSlug: slug,
        now: at,
        nextPollAt: addSeconds(at, 60),
        leaseOwner: null,
        outcome: { kind: 'failure', error, consecutiveFailures: streak, reached },
        unreachableReported: false,
        events: [],
      });
    },
    dispose: async () => {
      if (!closed) await store.close().catch(() => {});
      closed = true;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function vendor(slug: string, name: string, overrides: Partial<Vendor> = {}): Vendor {
  return {
    slug,
    name,
    statusPageUrl: `https://status.${slug}.example.com`,
    platform: 'statuspage',
    category: 'devtools',
    intervalSeconds: 60,
    ...overrides,
  };
}

export function observedUpdate(
  sourceId: string,
  phase: ObservedUpdate['phase'],
  postedAt: string,
  body = `Update ${sourceId}.`,
): ObservedUpdate {
  return { sourceId, phase, body, bodyText: body, postedAt, components: null };
}

export function observedIncident(
  sourceId: string,
  overrides: Partial<ObservedIncident> = {},
): ObservedIncident {
  const startedAt = overrides.startedAt ?? '2025-09-10T13:47:31.000Z';
  return {
    sourceId,
    title: `Incident ${sourceId}`,
    kind: 'incident',
    impact: 'minor',
    phase: 'investigating',
    startedAt,
    resolvedAt: null,
    sourceUrl: `https://status.example.com/incidents/${sourceId}`,
    components: [],
    updates: [observedUpdate(`${sourceId}-u1`, overrides.phase ?? 'investigating', startedAt)],
    scheduledFor: null,
    scheduledUntil: null,
    ...overrides,
  };
}

export function snapshot(
  incidents: ObservedIncident[],
  components: VendorSnapshot['components'] = [],
): VendorSnapshot {
  return {
    platform: 'statuspage',
    pageName: null,
    components,
    incidents,
    listsAllOpen: true,
    warnings: [],
  };
}

/** Opens a suspicion of `vendorSlug` as the probe runner does (with its vendor.suspected event). */
export async function suspect(
  db: Kysely<Database>,
  vendorSlug: string,
  at: { firstSignalAt: string; suspectedAt: string },
  failing: { probes: readonly string[]; error: string | null } = { probes: ['api'], error: null },
): Promise<VendorEvent[]> {
  return openSuspicion(
    db,
    { vendorSlug, ...at, ...failing },
    {
      event: {
        type: 'vendor.suspected',
        vendorSlug,
        incidentId: null,
        updateId: null,
        component: null,
        changes: {},
        at: at.suspectedAt,
      },
      deliveries: [],
    },
  );
}
