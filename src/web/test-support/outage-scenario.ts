// A store holding one outage that spans vendors, recorded through the real commit path with
// grouping on: AWS's own incident in us-east-1, three dependents 3–9 minutes apart (a declared
// dependency, a hostile text naming AWS us-east-1, a dependency without a region) and one
// unrelated incident at the same time. For the page tests and the Chromium test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDependency, type Dependency } from '../../domain/correlation.js';
import { diffSnapshot } from '../../domain/diff.js';
import type { ObservedIncident, VendorSnapshot } from '../../domain/snapshot.js';
import { addSeconds } from '../../domain/time.js';
import {
  commitCycle,
  loadPreviousState,
  openStore,
  syncVendors,
  type Store,
} from '../../store/index.js';
import { migrateToLatest } from '../../store/migrations/index.js';
import { observedIncident, observedUpdate, vendor } from './seed.js';

export const outageStart = '2026-03-02T14:00:00.000Z';
export const outageNow = '2026-03-02T15:00:00.000Z';
export const outageId = 'o-aws-e1';
/** What the hostile dependent wrote, markup and an unbroken run included. */
export const hostileOutageText = `<img src=x onerror=alert(1)> Our provider AWS has an outage in us-east-1 ${'x'.repeat(120)}`;

const declared: Record<string, string[]> = {
  acme: ['aws:us-east-1'],
  gamma: ['aws'],
  delta: ['cloudflare'],
};

function minute(n: number): string {
  return addSeconds(outageStart, n * 60);
}

function opened(sourceId: string, at: number, title: string, text: string): ObservedIncident {
  return observedIncident(sourceId, {
    title,
    impact: 'major',
    startedAt: minute(at),
    components: ['API'],
    updates: [observedUpdate(`${sourceId}-1`, 'investigating', minute(at), text)],
  });
}

function page(incidents: ObservedIncident[]): VendorSnapshot {
  return {
    platform: 'statuspage',
    pageName: null,
    components: [{ id: 'api', name: 'API', group: null, status: 'operational', position: 0 }],
    incidents,
    listsAllOpen: true,
    warnings: [],
  };
}

export interface OutageScenario {
  store: Store;
  dispose(): Promise<void>;
}

export async function seedOutageScenario(): Promise<OutageScenario> {
  const dir = mkdtempSync(join(tmpdir(), 'vendorwatch-outage-'));
  const store = await openStore(join(dir, 'vendorwatch.db'));
  await migrateToLatest(store);
  await syncVendors(
    store.db,
    [
      vendor('aws', 'Amazon Web Services'),
      vendor('acme', 'Acme Pay'),
      vendor('beta', 'Beta Mail'),
      vendor('gamma', 'Gamma Auth'),
      vendor('delta', 'Delta DB'),
    ],
    'config',
    minute(-120),
  );
  const correlation = {
    windowSeconds: 900,
    dependsOn: (slug: string): Dependency[] =>
      (declared[slug] ?? []).map((value) => parseDependency(value, 'config')!),
    route: () => [],
  };
  const poll = async (slug: string, incidents: ObservedIncident[], at: string) => {
    const previous = await loadPreviousState(
      store.db,
      slug,
      incidents.map((i) => i.sourceId),
    );
    const plan = diffSnapshot(slug, previous, page(incidents), at);
    await commitCycle(
      store.db,
      {
        vendorSlug: slug,
        now: at,
        nextPollAt: addSeconds(at, 60),
        leaseOwner: null,
        outcome: { kind: 'success', plan },
        unreachableReported: false,
        events: plan.events.map((event) => ({ event, deliveries: [] })),
      },
      { correlation },
    );
  };
  for (const slug of ['aws', 'acme', 'beta', 'gamma', 'delta']) await poll(slug, [], minute(-60));
  await poll(
    'aws',
    [opened('e1', 0, 'Increased API error rates', 'Increased API error rates in US-EAST-1.')],
    minute(1),
  );
  await poll(
    'acme',
    [opened('a1', 3, 'Elevated payment errors', 'We are investigating elevated errors.')],
    minute(4),
  );
  await poll(
    'delta',
    [opened('d1', 4, 'Database replication lag', 'Replication is delayed.')],
    minute(5),
  );
  await poll('beta', [opened('b1', 9, 'Email delivery delayed', hostileOutageText)], minute(10));
  await poll('gamma', [opened('g1', 15, 'Login failures', 'Some logins fail.')], minute(16));
  return {
    store,
    dispose: async () => {
      await store.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
