// The reference incident (docs/contract.md#reference-incident) replayed update by update through
// the simulator, polled every second, and checked in the store and the JSON API.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Vendor } from '../../src/domain/model.js';
import { startSimulator, type Simulator } from '../../src/simulate/index.js';
import { parseTimeline } from '../../src/simulate/timeline.js';
import { listVendorStatuses, type Store } from '../../src/store/index.js';
import { createApp } from '../../src/web/app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../test-support/databases.js';
import { loopbackFetcher, openMigratedStore, startPoller } from '../test-support/poller.js';

const timelinePath = new URL('../fixtures/timelines/balena-2025-09-10.json', import.meta.url);
const timelineJson = JSON.parse(readFileSync(timelinePath, 'utf8')) as {
  vendors: Array<{
    steps: Array<{
      afterMs: number;
      incidents: Array<{
        updates: Array<{ id: string; status: string; at: string }>;
        resolvedAt: string | null;
      }>;
    }>;
  }>;
};
const steps = timelineJson.vendors[0]!.steps;
/** Time for the poller's first (quiet) poll before the incident opens, or it would count as history. */
const baselineMs = 5000;
steps[1]!.afterMs = baselineMs;
const finalIncident = steps.at(-1)!.incidents[0]!;
const replayMs = steps.reduce((total, step) => total + step.afterMs, 0);

const sixComponents = [
  'API',
  'BalenaOS Download',
  'Dashboard',
  'Device URLs',
  'Cloudlink (VPN)',
  'balenahub',
];

describe.each(databaseKinds)('the Balena reference incident replayed on %s', (kind) => {
  let simulator: Simulator | undefined;
  let store: Store | undefined;
  let database: TestDatabase | undefined;
  let stopPoller: (() => Promise<void>) | undefined;

  afterEach(async () => {
    await stopPoller?.();
    await simulator?.close();
    await store?.close();
    await database?.drop();
  });

  it(
    'stores every update within 2 s of appearing and serves the whole incident',
    { timeout: 60_000 },
    async () => {
      simulator = await startSimulator({ timeline: parseTimeline(timelineJson) });
      database = await createTestDatabase(kind);
      store = await openMigratedStore(database.url);
      const fetcher = loopbackFetcher();
      const vendor: Vendor = {
        slug: 'balena',
        name: 'Balena',
        statusPageUrl: simulator.vendors[0]!.baseUrl,
        platform: 'statuspage',
        category: 'iot',
        intervalSeconds: 1,
      };
      const poller = await startPoller(store, fetcher, [vendor]);
      stopPoller = async () => {
        await poller.stop();
        await fetcher.close();
      };

      const app = createApp({ db: store.db, now: () => new Date().toISOString() });
      const baselineDeadline = Date.now() + baselineMs;
      while (!(await listVendorStatuses(store.db, new Date().toISOString()))[0]?.lastSuccessAt) {
        expect(Date.now(), 'no baseline poll before the incident opened').toBeLessThan(
          baselineDeadline,
        );
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const incidentId = 'balena-8gq2x9k1mlh4';
      const deadline = Date.now() + replayMs + 10_000;
      let incident: Record<string, any> | undefined;
      while (Date.now() < deadline) {
        const response = await app.request(`/api/v1/incidents/${incidentId}`);
        if (response.status === 200) {
          incident = (await response.json()) as Record<string, any>;
          if (incident.updates.length === 12) break;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(incident?.updates).toHaveLength(12);

      // Detection latency: stored detectedAt minus the moment the simulator started serving it.
      const appeared = new Map(
        simulator
          .visibility()
          .filter((record) => record.kind === 'update_appeared' && record.updateId)
          .map((record) => [record.updateId!, record.visibleAt]),
      );
      for (const update of incident!.updates) {
        const visibleAt = appeared.get(update.id);
        expect(visibleAt, `visibility of ${update.id}`).toBeDefined();
        const latencyMs = Date.parse(update.detectedAt) - visibleAt!;
        expect(
          latencyMs,
          `update ${update.id} detected ${latencyMs} ms after it appeared`,
        ).toBeLessThanOrEqual(2000);
        expect(latencyMs).toBeGreaterThanOrEqual(-5);
      }

      const expectedUpdates = finalIncident.updates;
      expect(incident).toMatchObject({
        id: incidentId,
        vendorSlug: 'balena',
        sourceId: '8gq2x9k1mlh4',
        title: 'Elevated API Errors',
        kind: 'incident',
        impact: 'notice',
        phase: 'postmortem',
        startedAt: new Date(expectedUpdates[0]!.at).toISOString(),
        resolvedAt: new Date(finalIncident.resolvedAt!).toISOString(),
        backfilled: false,
        sourceUrl: 'https://status.balena.io/incidents/8gq2x9k1mlh4',
        durationSeconds: 8 * 3600 + 20 * 60 + 34,
        summary:
          'Balena experienced a notice incident on September 10, 2025 affecting API, BalenaOS Download and 4 more components, lasting 8h 20m.',
      });
      expect([...incident!.components].sort()).toEqual([...sixComponents].sort());
      expect(incident!.updates.map((u: { phase: string }) => u.phase)).toEqual([
        'investigating',
        'monitoring',
        'monitoring',
        'monitoring',
        'monitoring',
        'monitoring',
        'identified',
        'monitoring',
        'monitoring',
        'monitoring',
        'resolved',
        'postmortem',
      ]);
      expect(incident!.updates.map((u: { postedAt: string }) => u.postedAt)).toEqual(
        expectedUpdates.map((u) => new Date(u.at).toISOString()),
      );
      expect(incident!.updates[11].bodyText).toMatch(/^On Sept\. 10th, around 13:30pm UTC/);

      // One event per update, in order, and the right types.
      const incidentEvents = poller.events.filter((event) => event.incidentId === incidentId);
      expect(incidentEvents.map((event) => event.type)).toEqual([
        'incident.opened',
        ...Array<string>(9).fill('incident.updated'),
        'incident.resolved',
        'incident.updated',
      ]);
      expect(incidentEvents.map((event) => event.updateId)).toEqual(
        expectedUpdates.map((u) => u.id),
      );
    },
  );
});
