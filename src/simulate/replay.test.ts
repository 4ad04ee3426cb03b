import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTimeline, startSimulator, type Timeline } from './index.js';
import { getJson, rawGet } from './test-support/raw-http.js';
import { ShapeChecker } from './test-support/statuspage-shape.js';
import type { WireIncidents } from './test-support/wire-types.js';

const balenaPath = fileURLToPath(
  new URL('../../test/fixtures/timelines/balena-2025-09-10.json', import.meta.url),
);
/** The file's 1.5 s steps, shortened so the replay takes about three seconds. */
const stepMs = 250;

async function shortBalena(): Promise<Timeline> {
  const timeline = await loadTimeline(balenaPath);
  for (const vendor of timeline.vendors) {
    for (const step of vendor.steps) step.afterMs = step.afterMs === 0 ? 0 : stepMs;
  }
  return timeline;
}

interface Observation {
  receivedAt: number;
  status: string | null;
  updateIds: string[];
}

describe('timeline replay', () => {
  it('serves the balena steps in order, each no earlier than its recorded visibility', async () => {
    const timeline = await shortBalena();
    const startedBefore = Date.now();
    const sim = await startSimulator({ timeline });
    try {
      const url = `${sim.vendors[0]!.baseUrl}/api/v2/incidents.json`;
      const observations: Observation[] = [];
      let etag = '';
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const res = await rawGet(url, etag ? { 'if-none-match': etag } : {});
        if (res.status === 200) {
          etag = String(res.headers.etag);
          const incident = (JSON.parse(res.body.toString()) as WireIncidents).incidents[0];
          observations.push({
            receivedAt: res.receivedAt,
            status: incident?.status ?? null,
            updateIds: (incident?.incident_updates ?? []).map((u) => u.id).reverse(),
          });
          if (incident?.status === 'postmortem') break;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      // Every state of the file was served, in order (0 … 12 updates).
      const counts = observations.map((o) => o.updateIds.length);
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
      expect(new Set(counts)).toEqual(new Set(Array.from({ length: 13 }, (_, k) => k)));
      expect(observations.at(-1)!.status).toBe('postmortem');

      const records = sim.visibility();
      const updates = records.filter((r) => r.kind === 'update_appeared');
      expect(updates.map((r) => r.updateId)).toEqual(observations.at(-1)!.updateIds);
      updates.forEach((record, k) => {
        // Steps run at absolute offsets from the start; timers may be late, never early.
        expect(record.visibleAt - startedBefore).toBeGreaterThanOrEqual((k + 1) * stepMs - 5);
      });
      for (const observation of observations) {
        observation.updateIds.forEach((id, k) => {
          expect(updates[k]!.updateId).toBe(id);
          expect(updates[k]!.visibleAt).toBeLessThanOrEqual(observation.receivedAt);
        });
      }
      const phases = records.filter((r) => r.kind === 'phase_changed').map((r) => r.status);
      expect(phases).toEqual(['monitoring', 'identified', 'monitoring', 'resolved', 'postmortem']);
      expect(records.filter((r) => r.kind === 'incident_appeared')).toHaveLength(1);
      const components = records.filter((r) => r.kind === 'component_changed');
      expect(components.map((r) => r.status)).toEqual([
        ...Array(6).fill('degraded_performance'),
        ...Array(6).fill('operational'),
      ]);
    } finally {
      await sim.close();
    }
  });

  it('repeats the timeline vendors to reach --vendors, each with the Statuspage shapes', async () => {
    const timeline = await shortBalena();
    const sim = await startSimulator({ timeline, vendors: 3 });
    try {
      expect(sim.vendors.map((v) => v.slug)).toEqual(['balena', 'balena-2', 'balena-3']);
      const checker = new ShapeChecker();
      for (const vendor of sim.vendors) {
        checker.summary(await getJson(`${vendor.baseUrl}/api/v2/summary.json`));
      }
      expect(checker.problems).toEqual([]);
    } finally {
      await sim.close();
    }
  });
});
