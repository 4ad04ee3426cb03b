// Shared by every part of the store contract: fresh databases, opened stores that are closed
// after each test, and builders for vendors and snapshots that drive the real poll path.
import { afterEach } from 'vitest';
import { cycleFacts } from '../../domain/cycle-facts.js';
import type { RoutedDelivery } from '../../domain/delivery.js';
import { diffSnapshot, type PlannedEvent } from '../../domain/diff.js';
import type { Vendor, VendorEvent } from '../../domain/model.js';
import { routeCycle, type RoutedEvent, type RouteEvent } from '../../domain/routing.js';
import type { ObservedIncident, ObservedUpdate, VendorSnapshot } from '../../domain/snapshot.js';
import { addSeconds } from '../../domain/time.js';
import type { Phase } from '../../domain/vocabulary.js';
import { commitCycle } from '../commit-cycle.js';
import { openStore, type DialectName, type Store } from '../db.js';
import type { CorrelationSettings } from '../outage-correlation.js';
import { migrateToLatest } from '../migrations/index.js';
import { loadNotifiedTargets } from '../notified-targets.js';
import { loadPreviousState } from '../previous-state.js';
import { syncVendors } from '../vendors.js';

export interface StoreHarness {
  dialect: DialectName;
  /** A new, empty database for one test; returns what openStore takes (a path or a URL). */
  freshDatabase(): Promise<string>;
}

export interface Opened {
  url: string;
  store: Store;
}

/** Opens stores for one test and closes them all after it. */
export function storeOpener(harness: StoreHarness) {
  const open: Store[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
  });
  async function openAt(url: string): Promise<Store> {
    const store = await openStore(url);
    open.push(store);
    await migrateToLatest(store);
    return store;
  }
  return {
    openAt,
    async fresh(): Promise<Opened> {
      const url = await harness.freshDatabase();
      return { url, store: await openAt(url) };
    },
    async close(store: Store): Promise<void> {
      open.splice(open.indexOf(store), 1);
      await store.close();
    },
  };
}

export const t0 = '2025-09-10T10:00:00.000Z';

/** t0 plus whole minutes. */
export function at(minutes: number): string {
  return addSeconds(t0, minutes * 60);
}

export function vendor(slug: string, overrides: Partial<Vendor> = {}): Vendor {
  return {
    slug,
    name: slug[0]!.toUpperCase() + slug.slice(1),
    statusPageUrl: `https://status.${slug}.example`,
    platform: 'statuspage',
    category: 'other',
    intervalSeconds: 60,
    ...overrides,
  };
}

export async function addVendors(store: Store, slugs: string[], now = t0): Promise<void> {
  await syncVendors(
    store.db,
    slugs.map((slug) => vendor(slug)),
    'config',
    now,
  );
}

export function update(
  sourceId: string,
  phase: Phase,
  postedAt: string,
  body = `${phase} update ${sourceId}`,
): ObservedUpdate {
  return { sourceId, phase, body, bodyText: body, postedAt, components: null };
}

export function incident(
  sourceId: string,
  overrides: Partial<ObservedIncident> = {},
): ObservedIncident {
  const updates = overrides.updates ?? [update(`${sourceId}-u1`, 'investigating', t0)];
  const phase = overrides.phase ?? updates.at(-1)?.phase ?? 'investigating';
  return {
    sourceId,
    title: `Incident ${sourceId}`,
    kind: 'incident',
    impact: 'minor',
    phase,
    startedAt: updates[0]?.postedAt ?? t0,
    resolvedAt: null,
    sourceUrl: `https://status.example/incidents/${sourceId}`,
    components: ['API'],
    scheduledFor: null,
    scheduledUntil: null,
    ...overrides,
    updates,
  };
}

export function snapshot(
  incidents: ObservedIncident[],
  components: VendorSnapshot['components'] = [
    { id: 'api', name: 'API', group: null, status: 'operational', position: 0 },
    { id: 'web', name: 'Dashboard', group: null, status: 'operational', position: 1 },
  ],
): VendorSnapshot {
  return {
    platform: 'statuspage',
    pageName: 'Example',
    components,
    incidents,
    listsAllOpen: true,
    warnings: [],
  };
}

/** Events to record with one event delivery to each of `targets`. */
export function routedTo(events: readonly PlannedEvent[], ...targets: string[]): RoutedEvent[] {
  const deliveries = targets.map((target): RoutedDelivery => ({ target, kind: 'event' }));
  return events.map((event) => ({ event, deliveries }));
}

/** One successful poll through the real path: previous state → diff → routing → commitCycle. */
export async function poll(
  store: Store,
  slug: string,
  next: VendorSnapshot,
  now: string,
  routeEvent: RouteEvent = () => [],
  correlation?: CorrelationSettings,
): Promise<VendorEvent[]> {
  const previous = await loadPreviousState(
    store.db,
    slug,
    next.incidents.map((observed) => observed.sourceId),
  );
  const plan = diffSnapshot(slug, previous, next, now);
  const notified = await loadNotifiedTargets(store.db, plan.events);
  return commitCycle(
    store.db,
    {
      vendorSlug: slug,
      now,
      nextPollAt: addSeconds(now, 60),
      leaseOwner: null,
      outcome: { kind: 'success', plan, pageName: next.pageName },
      unreachableReported: false,
      events: routeCycle(plan.events, cycleFacts(previous, plan), notified, routeEvent),
    },
    correlation ? { correlation } : {},
  );
}

export async function countRows(
  store: Store,
  table: 'incidents' | 'incident_updates' | 'events' | 'outbox' | 'revisions' | 'components',
): Promise<number> {
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
