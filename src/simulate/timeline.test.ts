import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTimeline, parseTimeline, TimelineError } from './index.js';
import { renderEndpoint } from '../adapters/statuspage/sim-render.js';
import { emptyState, stepState, timelineIdentity } from './timeline-state.js';
import type { WireIncidents, WireSummary } from './test-support/wire-types.js';

const balenaPath = fileURLToPath(
  new URL('../../test/fixtures/timelines/balena-2025-09-10.json', import.meta.url),
);

const minimal = () => ({
  vendors: [
    {
      slug: 'acme',
      name: 'Acme',
      components: [{ id: 'c1', name: 'API' }],
      steps: [{ afterMs: 0 }] as unknown[],
    },
  ],
});

function problemsOf(value: unknown): string {
  try {
    parseTimeline(value, 't.json');
  } catch (error) {
    expect(error).toBeInstanceOf(TimelineError);
    return (error as Error).message;
  }
  throw new Error('expected the timeline to be rejected');
}

describe('timeline validation', () => {
  it('accepts a minimal timeline and fills defaults', () => {
    const timeline = parseTimeline(minimal());
    expect(timeline.vendors[0]!.timeZone).toBe('Etc/UTC');
    expect(timeline.vendors[0]!.steps[0]).toEqual({
      afterMs: 0,
      components: {},
      incidents: [],
      maintenances: [],
    });
  });

  it('names the file and the path of every problem', () => {
    const bad = minimal();
    bad.vendors[0]!.steps = [
      { afterMs: -1, components: { c1: 'broken' } },
      { afterMs: 10, components: { nope: 'operational' }, extra: true },
    ];
    const message = problemsOf(bad);
    expect(message).toMatch(/^t\.json is not a valid timeline:/);
    expect(message).toContain('vendors[0].steps[0].afterMs:');
    expect(message).toContain('vendors[0].steps[0].components.c1:');
    expect(message).toContain('vendors[0].steps[1]: Unrecognized key: "extra"');
  });

  it('checks references, statuses per kind, update order and time zones', () => {
    const bad = minimal();
    bad.vendors[0]!.steps = [
      {
        afterMs: 0,
        components: { ghost: 'major_outage' },
        incidents: [
          {
            id: 'i1',
            name: 'Down',
            status: 'completed',
            impact: 'major',
            components: ['ghost'],
            updates: [
              { id: 'u1', status: 'investigating', body: 'a', at: '2025-01-01T10:00:00Z' },
              { id: 'u1', status: 'resolved', body: 'b', at: '2025-01-01T09:00:00Z' },
            ],
          },
        ],
        maintenances: [
          {
            id: 'm1',
            name: 'Work',
            status: 'in_progress',
            impact: 'maintenance',
            updates: [{ id: 'u9', status: 'in_progress', body: 'c', at: '2025-01-01T10:00:00Z' }],
          },
        ],
      },
    ];
    const message = problemsOf(bad);
    expect(message).toContain('steps[0].components.ghost: unknown component id');
    expect(message).toContain('incidents[0].status: "completed" is not one of');
    expect(message).toContain('incidents[0].components[0]: unknown component id "ghost"');
    expect(message).toContain('incidents[0].updates[1].id: duplicate "u1"');
    expect(message).toContain('incidents[0].updates[1].at: updates must be listed oldest first');
    expect(message).toContain(
      'maintenances[0]: a maintenance needs scheduledFor and scheduledUntil',
    );
    const zone = minimal();
    Object.assign(zone.vendors[0]!, { timeZone: 'Mars/Olympus' });
    expect(problemsOf(zone)).toContain('vendors[0].timeZone: unknown IANA time zone');
  });

  it('reports unreadable files and invalid JSON with the path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vw-timeline-'));
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ "vendors": [');
    await expect(loadTimeline(broken)).rejects.toThrow(`${broken}: not valid JSON`);
    await expect(loadTimeline(join(dir, 'missing.json'))).rejects.toThrow(
      /cannot read the timeline/,
    );
  });
});

describe('the balena timeline (reference/balena-incident.txt)', () => {
  // prettier-ignore
  const phases = [
    'investigating', 'monitoring', 'monitoring', 'monitoring', 'monitoring', 'monitoring',
    'identified', 'monitoring', 'monitoring', 'monitoring', 'resolved', 'postmortem',
  ];
  // prettier-ignore
  const minutes = [
    '09-10 13:47', '09-10 14:25', '09-10 14:34', '09-10 15:37', '09-10 15:46', '09-10 18:55',
    '09-10 19:29', '09-10 21:19', '09-10 21:25', '09-10 21:26', '09-10 22:08', '09-19 09:37',
  ];
  const affected = [
    'API',
    'BalenaOS Download',
    'Dashboard',
    'Device URLs',
    'Cloudlink (VPN)',
    'balenahub',
  ];

  it('holds one vendor, nine components and thirteen steps 1.5 s apart', async () => {
    const timeline = await loadTimeline(balenaPath);
    const [vendor] = timeline.vendors;
    expect(timeline.vendors).toHaveLength(1);
    expect(vendor).toMatchObject({ slug: 'balena', name: 'Balena', timeZone: 'Etc/UTC' });
    expect(vendor!.components).toHaveLength(9);
    expect(vendor!.steps.map((s) => s.afterMs)).toEqual([0, ...Array(12).fill(1500)]);
    expect(vendor!.steps[0]!.incidents).toEqual([]);
  });

  it('serves each update at the reference minute, newest first, with derived fields', async () => {
    const timeline = await loadTimeline(balenaPath);
    const vendor = timeline.vendors[0]!;
    const identity = timelineIdentity(vendor);
    let state = emptyState(vendor, 0);
    let previousUpdatedAt = '';
    vendor.steps.forEach((step, k) => {
      state = stepState(vendor, step, state, 0);
      const body = renderEndpoint('incidents', identity, state, 'http://x') as WireIncidents;
      if (k === 0) return expect(body.incidents).toEqual([]);
      const incident = body.incidents[0]!;
      expect(incident).toMatchObject({
        id: '8gq2x9k1mlh4',
        name: 'Elevated API Errors',
        impact: 'none',
      });
      expect(incident.status).toBe(phases[k - 1]);
      expect(incident.incident_updates.map((u) => u.status)).toEqual(phases.slice(0, k).reverse());
      expect(incident.incident_updates[0]!.created_at.slice(5, 16).replace('T', ' ')).toBe(
        minutes[k - 1],
      );
      expect(incident.started_at).toBe(incident.incident_updates.at(-1)!.created_at);
      expect(incident.updated_at > previousUpdatedAt).toBe(true);
      previousUpdatedAt = incident.updated_at;
      expect(incident.components.map((c) => c.name)).toEqual(affected);
      const expected = k >= 11 ? 'operational' : 'degraded_performance';
      expect(incident.components.map((c) => c.status)).toEqual(Array(6).fill(expected));
      expect(incident.resolved_at === null).toBe(k < 11);
    });
    const final = renderEndpoint('incidents', identity, state, 'http://x') as WireIncidents;
    const incident = final.incidents[0]!;
    const seconds = (Date.parse(incident.resolved_at!) - Date.parse(incident.started_at)) / 1000;
    expect(Math.floor(seconds / 60)).toBe(8 * 60 + 20);
    expect(incident.incident_updates.at(-1)!.affected_components!.map((a) => a.name)).toEqual(
      affected,
    );
    expect(incident.incident_updates.at(-1)!.affected_components![0]).toEqual({
      code: 'm0x2vqk8r1zt',
      name: 'API',
      old_status: 'operational',
      new_status: 'degraded_performance',
    });
    expect(incident.incident_updates[0]!.body).toMatch(/^On Sept\. 10th, around 13:30pm UTC/);
    const summary = renderEndpoint('summary', identity, state, 'http://x') as WireSummary;
    const group = summary.components.find((c) => c.group)!;
    expect(group.name).toBe('balenaCloud');
    expect(summary.components.filter((c) => c.group_id === group.id).length).toBeGreaterThan(1);
    expect(summary.page).toMatchObject({ time_zone: 'Etc/UTC', url: 'https://status.balena.io' });
  });
});
