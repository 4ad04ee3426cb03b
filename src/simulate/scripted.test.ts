import { describe, expect, it } from 'vitest';
import { Fleet } from './fleet.js';
import { startSimulator } from './index.js';
import { renderEndpoint } from '../adapters/statuspage/sim-render.js';
import { ScriptedDriver } from './scripted.js';
import { generateScriptedVendor } from './scripted-vendors.js';
import { getJson } from './test-support/raw-http.js';
import type { VisibilityRecord } from '../adapters/sim-kit/types.js';
import type { WireIncidents, WireSummary } from './test-support/wire-types.js';

const start = Date.parse('2026-03-01T12:00:00.000Z');

/** Runs a scripted fleet for `ticks` ticks of a fake clock and returns what it serves. */
function run(seed: number, ticks: number, incidentRate = 0.2, vendors = 12) {
  const scripted = Array.from({ length: vendors }, (_, i) =>
    generateScriptedVendor(i, seed, start),
  );
  const fleet = new Fleet(scripted, start);
  const driver = new ScriptedDriver(scripted, { incidentRate, tickMs: 1000 });
  for (let tick = 1; tick <= ticks; tick += 1) {
    const now = start + tick * 1000;
    for (const index of driver.tick(now)) fleet.commit(index, now);
  }
  const served = fleet.vendors.map((v) =>
    ['summary', 'incidents', 'scheduled-maintenances'].map((endpoint) =>
      JSON.stringify(renderEndpoint(endpoint as 'summary', v.identity, v.state, 'http://x')),
    ),
  );
  return { fleet, served, records: fleet.visibility.all() };
}

describe('scripted mode', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = run(7, 300);
    const b = run(7, 300);
    expect(a.served).toEqual(b.served);
    expect(a.records).toEqual(b.records);
    expect(run(8, 300).served).not.toEqual(a.served);
  });

  it('gives vendor i the same identity whatever the fleet size', () => {
    const small = generateScriptedVendor(3, 99, start);
    const again = generateScriptedVendor(3, 99, start);
    expect(again.identity).toEqual(small.identity);
    expect(again.state).toEqual(small.state);
  });

  it('opens incidents that move through phases, resolve and restore their components', () => {
    const { fleet, records } = run(11, 400);
    const phases = records.filter((r) => r.kind === 'phase_changed').map((r) => r.status);
    expect(phases).toContain('resolved');
    expect(phases).toContain('in_progress');
    expect(phases).toContain('completed');
    for (const vendor of fleet.vendors) {
      const { state } = vendor;
      expect(state.incidents.length).toBeLessThanOrEqual(50);
      const open = [...state.incidents, ...state.maintenances].filter(
        (i) => !['resolved', 'postmortem', 'completed'].includes(i.status),
      );
      const held = new Set(open.flatMap((i) => i.componentIds));
      for (const component of state.components.filter((c) => !c.isGroup && !held.has(c.id))) {
        expect(component.status, `${vendor.identity.slug} ${component.name}`).toBe('operational');
      }
      for (const incident of state.incidents.filter((i) => i.status === 'resolved')) {
        const statuses = incident.updates.map((u) => u.status);
        expect(statuses[0]).toBe('investigating');
        expect(statuses.at(-1)).toBe('resolved');
        expect(incident.resolvedAt).toBe(incident.updates.at(-1)!.createdAt);
        const restored = incident.updates.at(-1)!.affectedComponents ?? [];
        expect(restored.every((a) => a.newStatus === 'operational')).toBe(true);
      }
    }
  });

  it('keeps only the 50 most recent incidents', () => {
    const { fleet } = run(5, 3000, 1, 2);
    for (const vendor of fleet.vendors) expect(vendor.state.incidents).toHaveLength(50);
  });

  it('serves incidents opening and resolving over a few real ticks', async () => {
    const sim = await startSimulator({ vendors: 5, tickMs: 20, incidentRate: 0.3, seed: 21 });
    try {
      let resolved: VisibilityRecord | undefined;
      const deadline = Date.now() + 10_000;
      while (!resolved && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
        resolved = sim
          .visibility()
          .find((r) => r.kind === 'phase_changed' && r.status === 'resolved');
      }
      expect(resolved).toBeDefined();
      const vendor = sim.vendors.find((v) => v.slug === resolved!.vendorSlug)!;
      const list = (await getJson(`${vendor.baseUrl}/api/v2/incidents.json`)) as WireIncidents;
      const incident = list.incidents.find((i) => i.id === resolved!.incidentId)!;
      expect(incident.status).toBe('resolved');
      expect(incident.incident_updates.at(-1)!.status).toBe('investigating');
      const summary = (await getJson(`${vendor.baseUrl}/api/v2/summary.json`)) as WireSummary;
      expect(summary.incidents.map((i) => i.id)).not.toContain(incident.id);
      const appeared = sim
        .visibility()
        .find((r) => r.kind === 'incident_appeared' && r.incidentId === incident.id);
      expect(appeared!.visibleAt).toBeLessThan(resolved!.visibleAt);
    } finally {
      await sim.close();
    }
  });

  it('rejects nonsense options with one clear message', async () => {
    await expect(startSimulator({ vendors: 0 })).rejects.toThrow(/vendors must be an integer/);
    await expect(startSimulator({ incidentRate: 2, tickMs: 0 })).rejects.toThrow(
      /tickMs must be ≥ 1.*incidentRate must be in \[0, 1\]/,
    );
  });
});
