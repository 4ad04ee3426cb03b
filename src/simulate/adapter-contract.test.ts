import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getAdapter } from '../adapters/registry.js';
import { statuspageAdapter } from '../adapters/statuspage/index.js';
import { snapshotViolations } from '../adapters/test-support/snapshot-invariants.js';
import type { VendorSnapshot } from '../domain/snapshot.js';
import { loadTimeline, simPlatforms, startSimulator, type SimulatedVendor } from './index.js';
import { rawGet } from './test-support/raw-http.js';
import type { WireIncidents, WireMaintenances } from './test-support/wire-types.js';

const balenaPath = fileURLToPath(
  new URL('../../test/fixtures/timelines/balena-2025-09-10.json', import.meta.url),
);

/** Fetches what the Statuspage adapter asks for and parses it, as the poller would. */
async function poll(
  vendor: SimulatedVendor,
): Promise<{ snapshot: VendorSnapshot; bodies: Record<string, string> }> {
  const bodies: Record<string, string> = {};
  for (const endpoint of statuspageAdapter.endpoints(vendor.baseUrl)) {
    const res = await rawGet(endpoint.url);
    expect(res.status, endpoint.url).toBe(200);
    bodies[endpoint.key] = res.body.toString('utf8');
  }
  const result = statuspageAdapter.parse(bodies, { statusPageUrl: vendor.baseUrl });
  if (!result.ok) throw new Error(`${vendor.slug}: ${result.error}`);
  return { snapshot: result.snapshot, bodies };
}

describe('the Statuspage adapter reads what the simulator serves', () => {
  it('parses a busy scripted fleet on per-vendor addresses without warnings', async () => {
    const sim = await startSimulator({
      vendors: 40,
      tickMs: 10,
      incidentRate: 0.3,
      addressPerVendor: true,
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      let incidents = 0;
      for (const vendor of sim.vendors) {
        const { snapshot, bodies } = await poll(vendor);
        expect(snapshot.warnings, vendor.slug).toEqual([]);
        const listed = Object.values(bodies)
          .map((body) => JSON.parse(body) as Partial<WireIncidents & WireMaintenances>)
          .flatMap((body) => [...(body.incidents ?? []), ...(body.scheduled_maintenances ?? [])]);
        expect(snapshot.incidents.length).toBe(new Set(listed.map((i) => i.id)).size);
        incidents += snapshot.incidents.length;
      }
      expect(incidents).toBeGreaterThan(40);
    } finally {
      await sim.close();
    }
  });

  it('turns the finished balena timeline into the reference incident', async () => {
    const timeline = await loadTimeline(balenaPath);
    for (const step of timeline.vendors[0]!.steps) step.afterMs = step.afterMs === 0 ? 0 : 20;
    const sim = await startSimulator({ timeline });
    try {
      const deadline = Date.now() + 10_000;
      while (!sim.visibility().some((r) => r.status === 'postmortem') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const { snapshot } = await poll(sim.vendors[0]!);
      expect(snapshot.warnings).toEqual([]);
      expect(snapshot.incidents).toHaveLength(1);
      const incident = snapshot.incidents[0]!;
      expect(incident).toMatchObject({
        sourceId: '8gq2x9k1mlh4',
        title: 'Elevated API Errors',
        impact: 'notice',
        phase: 'postmortem',
        startedAt: '2025-09-10T13:47:31.412Z',
        resolvedAt: '2025-09-10T22:08:05.731Z',
      });
      // prettier-ignore
      expect(incident.components).toEqual([
        'API', 'BalenaOS Download', 'Dashboard', 'Device URLs', 'Cloudlink (VPN)', 'balenahub',
      ]);
      // prettier-ignore
      expect(incident.updates.map((u) => u.phase)).toEqual([
        'investigating', 'monitoring', 'monitoring', 'monitoring', 'monitoring', 'monitoring',
        'identified', 'monitoring', 'monitoring', 'monitoring', 'resolved', 'postmortem',
      ]);
      expect(snapshot.components.filter((c) => c.group === 'balenaCloud')).toHaveLength(5);
    } finally {
      await sim.close();
    }
  });
});

describe('every platform the simulator serves round-trips through its own adapter', () => {
  it.each(simPlatforms)('%s: a busy scripted fleet parses cleanly', async (platform) => {
    const adapter = getAdapter(platform)!;
    const sim = await startSimulator({
      vendors: 8,
      tickMs: 10,
      incidentRate: 0.3,
      platforms: [platform],
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      let incidents = 0;
      for (const vendor of sim.vendors) {
        const bodies: Record<string, string | null> = {};
        for (const endpoint of adapter.endpoints(vendor.baseUrl)) {
          const res = await rawGet(endpoint.url);
          if (endpoint.required) expect(res.status, endpoint.url).toBe(200);
          bodies[endpoint.key] = res.status === 200 ? res.body.toString('utf8') : null;
        }
        const result = adapter.parse(bodies, { statusPageUrl: vendor.baseUrl });
        if (!result.ok) throw new Error(`${vendor.slug}: ${result.error}`);
        expect(result.snapshot.platform).toBe(platform);
        expect(snapshotViolations(result.snapshot), vendor.slug).toEqual([]);
        incidents += result.snapshot.incidents.length;
      }
      expect(incidents).toBeGreaterThan(0);
    } finally {
      await sim.close();
    }
  });
});
