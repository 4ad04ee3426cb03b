import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index.js';
import { getJson } from './test-support/raw-http.js';
import { ShapeChecker } from './test-support/statuspage-shape.js';
import type {
  WireComponent,
  WireIncidents,
  WireMaintenances,
  WirePage,
  WireSummary,
} from './test-support/wire-types.js';

interface Served {
  summary: WireSummary;
  incidents: WireIncidents;
  maintenances: WireMaintenances;
  status: { page: WirePage; status: WireSummary['status'] };
  components: { page: WirePage; components: WireComponent[] };
}

describe('served bodies have the Statuspage v2 shapes', () => {
  let sim: Simulator;
  const bodies: Served[] = [];

  beforeAll(async () => {
    // A busy fleet so that open incidents, maintenances, history and groups all show up.
    sim = await startSimulator({ vendors: 30, tickMs: 10, incidentRate: 0.3, seed: 42 });
    const deadline = Date.now() + 5_000;
    for (;;) {
      bodies.length = 0;
      for (const vendor of sim.vendors) {
        const get = async <T>(path: string): Promise<T> =>
          (await getJson(`${vendor.baseUrl}/api/v2/${path}`)) as T;
        bodies.push({
          summary: await get('summary.json'),
          incidents: await get('incidents.json'),
          maintenances: await get('scheduled-maintenances.json'),
          status: await get('status.json'),
          components: await get('components.json'),
        });
      }
      const openIncident = bodies.some((b) => b.summary.incidents.length > 0);
      const openMaintenance = bodies.some((b) => b.summary.scheduled_maintenances.length > 0);
      if ((openIncident && openMaintenance) || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  afterAll(async () => {
    await sim.close();
  });

  it('summary.json: page, components, unresolved incidents, open maintenances, status', () => {
    const checker = new ShapeChecker();
    for (const body of bodies) checker.summary(body.summary);
    expect(checker.problems).toEqual([]);
    expect(bodies.some((b) => b.summary.incidents.length > 0)).toBe(true);
    expect(bodies.some((b) => b.summary.scheduled_maintenances.length > 0)).toBe(true);
    for (const { summary } of bodies) {
      for (const incident of summary.incidents) {
        expect(['investigating', 'identified', 'monitoring']).toContain(incident.status);
        expect(incident.resolved_at).toBeNull();
      }
      for (const m of summary.scheduled_maintenances) expect(m.status).not.toBe('completed');
    }
  });

  it('incidents.json and scheduled-maintenances.json hold history, resolved included', () => {
    const checker = new ShapeChecker();
    for (const body of bodies) {
      expect(Object.keys(body.incidents)).toEqual(['page', 'incidents']);
      expect(Object.keys(body.maintenances)).toEqual(['page', 'scheduled_maintenances']);
      checker.page('incidents.page', body.incidents.page);
      checker.incidents('incidents', body.incidents.incidents, 'incident');
      checker.incidents('maintenances', body.maintenances.scheduled_maintenances, 'maintenance');
      expect(body.incidents.incidents.length).toBeLessThanOrEqual(50);
    }
    expect(checker.problems).toEqual([]);
    const resolved = bodies
      .flatMap((b) => b.incidents.incidents)
      .filter((i) => i.status === 'resolved');
    expect(resolved.length).toBeGreaterThan(0);
    for (const incident of resolved) {
      expect(incident.resolved_at).not.toBeNull();
      expect(incident.incident_updates[0]!.status).toBe('resolved');
    }
  });

  it('status.json and components.json agree with summary.json', () => {
    const checker = new ShapeChecker();
    for (const body of bodies) {
      expect(Object.keys(body.status)).toEqual(['page', 'status']);
      expect(Object.keys(body.components)).toEqual(['page', 'components']);
      checker.status('status', body.status.status);
      checker.components('components', body.components.components);
      expect(body.components.components.map((c) => c.id)).toEqual(
        body.summary.components.map((c) => c.id),
      );
    }
    expect(checker.problems).toEqual([]);
  });

  it('renders groups, local time zones and the page identity like real pages', () => {
    const all = bodies.map((b) => b.summary);
    const grouped = all.filter((s) => s.components.some((c) => c.group === true));
    expect(grouped.length).toBe(6); // one vendor in five
    for (const summary of grouped) {
      const group = summary.components.find((c) => c.group === true)!;
      const children = summary.components.filter((c) => c.group_id === group.id);
      expect(group.components).toEqual(children.map((c) => c.id));
    }
    const zoned = all.filter((s) => s.page.time_zone !== 'Etc/UTC');
    expect(zoned.length).toBeGreaterThan(0);
    for (const summary of zoned) expect(summary.page.updated_at).toMatch(/[+-]\d{2}:\d{2}$/);
    for (const summary of all.filter((s) => s.page.time_zone === 'Etc/UTC')) {
      expect(summary.page.updated_at).toMatch(/Z$/);
    }
    sim.vendors.forEach((vendor, i) => {
      expect(all[i]!.page.name).toBe(vendor.name);
      expect(all[i]!.page.url).toBe(vendor.baseUrl);
    });
  });

  it('each vendor has 4–8 leaf components', () => {
    for (const { summary } of bodies) {
      const leaves = summary.components.filter((c) => c.group !== true);
      expect(leaves.length).toBeGreaterThanOrEqual(4);
      expect(leaves.length).toBeLessThanOrEqual(8);
    }
  });
});
