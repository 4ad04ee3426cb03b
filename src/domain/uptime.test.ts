import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Incident } from './model.js';
import { defaultImpactWeights, uptimeEvidence, type UptimeQuery } from './uptime.js';

function incident(id: string, fields: Partial<Incident>): Incident {
  return {
    id,
    vendorSlug: 'acme',
    sourceId: id,
    title: `Incident ${id}`,
    kind: 'incident',
    impact: 'major',
    phase: 'resolved',
    startedAt: '2025-03-01T00:00:00.000Z',
    resolvedAt: '2025-03-01T01:00:00.000Z',
    detectedAt: '2025-03-01T00:00:00.000Z',
    backfilled: false,
    sourceUrl: null,
    components: [],
    scheduledFor: null,
    scheduledUntil: null,
    regions: [],
    ...fields,
  };
}

const day = (time: string) => `2025-03-01T${time}.000Z`;

// One day of a vendor with two components; the figures below are worked out by hand.
const march1 = [
  incident('g', {
    impact: 'major',
    components: ['API'],
    startedAt: '2025-02-28T23:00:00.000Z',
    resolvedAt: day('00:30:00'),
  }),
  incident('e', {
    kind: 'maintenance',
    impact: 'maintenance',
    components: ['API'],
    startedAt: day('01:00:00'),
    resolvedAt: day('02:15:00'),
  }),
  incident('a', {
    impact: 'critical',
    components: ['API'],
    startedAt: day('02:00:00'),
    resolvedAt: day('03:00:00'),
  }),
  incident('b', {
    impact: 'major',
    components: ['API', 'DB'],
    startedAt: day('02:30:00'),
    resolvedAt: day('04:00:00'),
  }),
  incident('f', {
    impact: 'critical',
    components: ['DB'],
    startedAt: day('05:00:00'),
    resolvedAt: day('06:00:00'),
  }),
  incident('c', {
    impact: 'minor',
    components: ['API'],
    startedAt: day('10:00:00'),
    resolvedAt: day('10:30:00'),
  }),
  incident('d', {
    impact: 'notice',
    components: ['API'],
    startedAt: day('12:00:00'),
    resolvedAt: day('13:00:00'),
  }),
  incident('h', {
    impact: 'minor',
    phase: 'investigating',
    components: ['API'],
    startedAt: day('23:00:00'),
    resolvedAt: null,
  }),
  incident('later', {
    impact: 'critical',
    components: ['API'],
    startedAt: '2025-03-02T01:00:00.000Z',
    resolvedAt: '2025-03-02T02:00:00.000Z',
  }),
];

const march1Query: UptimeQuery = {
  from: day('00:00:00'),
  to: '2025-03-02T00:00:00.000Z',
  component: 'API',
  weights: defaultImpactWeights,
  now: '2025-03-02T05:00:00.000Z',
};

describe('uptimeEvidence on a hand-computed day', () => {
  it('merges overlaps on a component, the worst weight winning, and keeps maintenance apart', () => {
    const evidence = uptimeEvidence(march1, march1Query);
    // g 00:00–00:30 (clipped) ×0.5 = 900; a∪b 02:00–04:00: 02:00–03:00 ×1 = 3600, 03:00–04:00
    // ×0.5 = 1800; c 30 min ×0.1 = 180; d ×0 = 0; h 23:00–24:00 (open, clipped) ×0.1 = 360.
    expect(evidence.rangeSeconds).toBe(86_400);
    expect(evidence.incidentSeconds).toBe(1800 + 7200 + 1800 + 3600 + 3600);
    expect(evidence.weightedDowntimeSeconds).toBe(900 + 3600 + 1800 + 180 + 0 + 360);
    expect(evidence.uptimePercent).toBe(92.0833);
    expect(evidence.maintenanceSeconds).toBe(4500);
    expect(evidence.incidents.map((i) => [i.id, i.from, i.to, i.seconds, i.weight])).toEqual([
      ['g', day('00:00:00'), day('00:30:00'), 1800, 0.5],
      ['e', day('01:00:00'), day('02:15:00'), 4500, 0],
      ['a', day('02:00:00'), day('03:00:00'), 3600, 1],
      ['b', day('02:30:00'), day('04:00:00'), 5400, 0.5],
      ['c', day('10:00:00'), day('10:30:00'), 1800, 0.1],
      ['d', day('12:00:00'), day('13:00:00'), 3600, 0],
      ['h', day('23:00:00'), '2025-03-02T00:00:00.000Z', 3600, 0.1],
    ]);
  });

  it('counts every incident for the whole vendor', () => {
    const evidence = uptimeEvidence(march1, { ...march1Query, component: null });
    expect(evidence.incidentSeconds).toBe(18_000 + 3600);
    expect(evidence.weightedDowntimeSeconds).toBe(6840 + 3600);
    expect(evidence.uptimePercent).toBe(87.9167);
    expect(evidence.incidents.map((i) => i.id)).toContain('f');
  });

  it('applies configured weights', () => {
    const weights = { critical: 1, major: 1, minor: 1, notice: 1 };
    const evidence = uptimeEvidence(march1, { ...march1Query, weights });
    expect(evidence.weightedDowntimeSeconds).toBe(18_000);
    expect(evidence.uptimePercent).toBe(79.1667);
  });

  it('ends an open incident at now when now falls inside the range', () => {
    const evidence = uptimeEvidence(march1, {
      ...march1Query,
      from: day('22:00:00'),
      now: day('23:20:00'),
    });
    expect(evidence.incidents.map((i) => [i.id, i.to, i.seconds])).toEqual([
      ['h', day('23:20:00'), 1200],
    ]);
    expect(evidence.weightedDowntimeSeconds).toBe(120);
  });

  it('floors durations to whole seconds but computes the percentage from milliseconds', () => {
    const short = incident('ms', {
      impact: 'critical',
      startedAt: '2025-03-01T00:00:00.600Z',
      resolvedAt: '2025-03-01T00:00:10.300Z',
    });
    const evidence = uptimeEvidence([short], { ...march1Query, component: null });
    expect(evidence.incidentSeconds).toBe(9);
    expect(evidence.uptimePercent).toBe(99.9888);
  });

  it('is 100% with nothing in the range', () => {
    const evidence = uptimeEvidence(march1, {
      ...march1Query,
      from: '2025-04-01T00:00:00.000Z',
      to: '2025-04-02T00:00:00.000Z',
    });
    expect(evidence).toMatchObject({ incidentSeconds: 0, uptimePercent: 100, incidents: [] });
  });
});

interface TimelineIncident {
  id: string;
  name: string;
  impact: string;
  startedAt: string;
  resolvedAt: string | null;
  components: string[];
}

// The reference incident as the simulator replays it (docs/contract.md#reference-incident).
function referenceIncident(): Incident {
  const timeline = JSON.parse(
    readFileSync(
      new URL('../../test/fixtures/timelines/balena-2025-09-10.json', import.meta.url),
      'utf8',
    ),
  ) as {
    vendors: [
      {
        components: { id: string; name: string }[];
        steps: { incidents: TimelineIncident[] }[];
      },
    ];
  };
  const [balena] = timeline.vendors;
  const last = balena.steps.at(-1)!.incidents[0]!;
  const names = new Map(balena.components.map((c) => [c.id, c.name]));
  return incident(`balena-${last.id}`, {
    title: last.name,
    // Statuspage's "none" is notice.
    impact: last.impact === 'none' ? 'notice' : 'major',
    startedAt: last.startedAt,
    resolvedAt: last.resolvedAt,
    components: last.components.map((id) => names.get(id)!),
  });
}

describe('uptimeEvidence on the reference incident (Balena, 8h 20m, notice)', () => {
  const query: UptimeQuery = {
    from: '2025-09-10T00:00:00.000Z',
    to: '2025-09-11T00:00:00.000Z',
    component: 'API',
    weights: defaultImpactWeights,
    now: '2025-10-01T00:00:00.000Z',
  };

  it('is 8h 20m 34s of incident and, at notice weight 0, no downtime', () => {
    const evidence = uptimeEvidence([referenceIncident()], query);
    // 13:47:31.412 → 22:08:05.731 is 30,034.319 s.
    expect(evidence.incidentSeconds).toBe(8 * 3600 + 20 * 60 + 34);
    expect(evidence.weightedDowntimeSeconds).toBe(0);
    expect(evidence.uptimePercent).toBe(100);
    expect(evidence.incidents.map((i) => [i.id, i.impact, i.seconds])).toEqual([
      ['balena-8gq2x9k1mlh4', 'notice', 30_034],
    ]);
  });

  it('counts the whole incident when notice weighs 1', () => {
    const weights = { ...defaultImpactWeights, notice: 1 };
    const evidence = uptimeEvidence([referenceIncident()], { ...query, weights });
    expect(evidence.weightedDowntimeSeconds).toBe(30_034);
    // 100 × (1 − 30,034.319 / 86,400)
    expect(evidence.uptimePercent).toBe(65.2381);
  });

  it('leaves a component the incident does not name untouched', () => {
    const evidence = uptimeEvidence([referenceIncident()], { ...query, component: 'Website' });
    expect(evidence).toMatchObject({ incidentSeconds: 0, uptimePercent: 100, incidents: [] });
  });
});
