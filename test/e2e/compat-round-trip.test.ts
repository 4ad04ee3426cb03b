// The Statuspage-compatible API round-trips: for every platform the simulator serves, vendorwatch
// polls the simulated vendor, then polls its own /compat/{slug} as a Statuspage vendor, and the
// two normalized snapshots are equal. The fields the model cannot carry through Statuspage's
// format are listed in `notRoundTripped` (and in docs/compat.md#round-trip), nowhere else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAdapter } from '../../src/adapters/registry.js';
import type { Vendor } from '../../src/domain/model.js';
import type { ObservedIncident, VendorSnapshot } from '../../src/domain/snapshot.js';
import { pollVendor } from '../../src/poll/cycle.js';
import { simPlatforms, startSimulator, type Simulator } from '../../src/simulate/index.js';
import { loadRawPayload, syncVendors, type Store } from '../../src/store/index.js';
import { createApp } from '../../src/web/app.js';
import { compatListLength } from '../../src/web/compat/statuspage-body.js';
import { startServer, type RunningServer } from '../../src/web/server.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../test-support/databases.js';
import { loopbackFetcher, openMigratedStore, pollDeps } from '../test-support/poller.js';

/**
 * What the model cannot carry through Statuspage's format, and why (docs/compat.md#round-trip):
 * - `platform`, `listsAllOpen`, `warnings`: facts about the poll, not the page; the compat copy
 *   is always `statuspage` and complete.
 * - `sourceUrl`: the Statuspage adapter builds incident links from `page.url` and the id; the
 *   vendor's own link is served as `shortlink`, which that adapter does not read.
 * - `regions`: Statuspage has no such field (Azure only; no simulated platform has it).
 * - `pageName` of a platform that names no page (Cachet, RSS…): Statuspage's `page.name` is
 *   required, so the copy names the page after the vendor.
 */
const notRoundTripped = ['sourceUrl', 'regions'] as const;

function comparable(snapshot: VendorSnapshot, vendorName: string, onlyIds?: ReadonlySet<string>) {
  const incident = (item: ObservedIncident) => {
    const copy: Partial<ObservedIncident> = { ...item };
    for (const field of notRoundTripped) delete copy[field];
    return copy;
  };
  return {
    pageName: snapshot.pageName ?? vendorName,
    components: snapshot.components,
    incidents: snapshot.incidents
      .filter((item) => onlyIds === undefined || onlyIds.has(item.sourceId))
      .sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0))
      .map(incident),
  };
}

/** Clock of every poll, in step so both vendors' stored times compare. */
const now = () => new Date();

describe.each(databaseKinds)('Statuspage-compatible round trip on %s', (kind) => {
  let simulator: Simulator;
  let database: TestDatabase;
  let store: Store;
  let server: RunningServer;
  const sources: Vendor[] = [];

  beforeAll(async () => {
    simulator = await startSimulator({
      vendors: simPlatforms.length * 2,
      tickMs: 10,
      incidentRate: 0.3,
      platforms: [...simPlatforms],
      seed: 14,
    });
    database = await createTestDatabase(kind);
    store = await openMigratedStore(database.url);
    server = await startServer(createApp({ db: store.db, now: () => new Date().toISOString() }), {
      host: '127.0.0.1',
      port: 0,
    });
    for (const simulated of simulator.vendors) {
      sources.push({
        slug: simulated.slug,
        name: simulated.name,
        statusPageUrl: simulated.baseUrl,
        platform: simulated.platform,
        category: 'other',
        intervalSeconds: 60,
      });
    }
    const mirrors = sources.map((source) => mirrorOf(source, server.url));
    await syncVendors(store.db, [...sources, ...mirrors], 'config', new Date().toISOString());
  }, 30_000);

  afterAll(async () => {
    await server?.close();
    await store?.close();
    await database?.drop();
    await simulator?.close();
  });

  const deps = () => pollDeps(store, loopbackFetcher(), { now });

  async function parsedPayload(vendor: Vendor): Promise<VendorSnapshot> {
    const raw = await loadRawPayload(store.db, vendor.slug);
    if (!raw) throw new Error(`${vendor.slug}: no stored payload`);
    const result = getAdapter(vendor.platform)!.parse(raw, {
      statusPageUrl: vendor.statusPageUrl,
    });
    if (!result.ok) throw new Error(`${vendor.slug}: ${result.error}`);
    return result.snapshot;
  }

  /** Polls each source, then its mirror, and compares what each poll parsed. */
  async function roundTrip() {
    const totals = { incidents: 0, updates: 0, maintenances: 0, history: 0, beyondWindow: 0 };
    for (const source of sources) {
      const polled = await pollVendor(deps(), source);
      expect(polled.kind, `${source.slug}: ${JSON.stringify(polled)}`).not.toMatch(
        /failed|crashed/,
      );
      const mirror = mirrorOf(source, server.url);
      const mirrored = await pollVendor(deps(), mirror);
      expect(mirrored.kind, `${mirror.slug}: ${JSON.stringify(mirrored)}`).not.toMatch(
        /failed|crashed/,
      );
      const original = await parsedPayload(source);
      const copy = await parsedPayload(mirror);
      expect(copy.platform).toBe('statuspage');
      expect(copy.warnings, mirror.slug).toEqual([]);
      expect(copy.listsAllOpen).toBe(true);
      // Statuspage lists the 50 latest of each kind (and every open one): what the vendor lists
      // beyond that window is left out, as Statuspage would, and is the oldest and closed.
      const copied = new Set(copy.incidents.map((item) => item.sourceId));
      const beyond = original.incidents.filter((item) => !copied.has(item.sourceId));
      for (const item of beyond) {
        const sameKind = copy.incidents.filter((other) => other.kind === item.kind);
        expect(sameKind.length, `${source.slug}: ${item.sourceId} left out`).toBeGreaterThanOrEqual(
          compatListLength,
        );
        expect(item.resolvedAt, item.sourceId).not.toBeNull();
        const oldestClosed = sameKind
          .filter((other) => other.resolvedAt !== null)
          .reduce((min, other) => (other.startedAt < min ? other.startedAt : min), '9999');
        expect(item.startedAt <= oldestClosed, item.sourceId).toBe(true);
      }
      totals.beyondWindow += beyond.length;
      const listed = new Set(
        original.incidents.map((item) => item.sourceId).filter((id) => copied.has(id)),
      );
      expect(comparable(copy, 'none', listed), `${source.platform} ${source.slug}`).toEqual(
        comparable(original, source.name, listed),
      );
      // The rest is history the store keeps after the vendor dropped it: closed…
      const history = copy.incidents.filter((item) => !listed.has(item.sourceId));
      // …unless the source shows only a window (a feed): then vendorwatch cannot tell an item
      // that scrolled off from one that ended, keeps it as it last saw it, and so does the copy.
      if (original.listsAllOpen) {
        for (const item of history) expect(item.resolvedAt, item.sourceId).not.toBeNull();
      }
      totals.history += history.length;
      totals.incidents += original.incidents.length;
      totals.maintenances += original.incidents.filter((i) => i.kind === 'maintenance').length;
      totals.updates += original.incidents.reduce((sum, i) => sum + i.updates.length, 0);
    }
    return totals;
  }

  it(
    'every simulated platform reads the same through /compat as from the vendor',
    { timeout: 60_000 },
    async () => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      const first = await roundTrip();
      // A second round after the fleet moved on: changes and history, not only a baseline.
      await new Promise((resolve) => setTimeout(resolve, 400));
      const second = await roundTrip();
      console.log(`compat round trip on ${kind}:`, JSON.stringify({ first, second }));
      expect(first.incidents + second.incidents).toBeGreaterThan(sources.length);
      expect(first.updates + second.updates).toBeGreaterThan(first.incidents);
      expect(first.maintenances + second.maintenances).toBeGreaterThan(0);
    },
  );
});

/** vendorwatch's own copy of `source`, watched as a Statuspage vendor. */
function mirrorOf(source: Vendor, serverUrl: string): Vendor {
  return {
    ...source,
    slug: `compat-${source.slug}`,
    name: `Compat ${source.name}`,
    statusPageUrl: `${serverUrl}/compat/${source.slug}`,
    platform: 'statuspage',
  };
}
