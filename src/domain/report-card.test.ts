import { describe, expect, it } from 'vitest';
import type { IncidentUpdate, IncidentWithUpdates } from './model.js';
import type { Impact, Phase } from './vocabulary.js';
import type { FlagKind } from './hygiene-flags.js';
import {
  compareFlagsWithPeers,
  compareWithPeers,
  median,
  percentile,
  vendorFigures,
} from './report-card.js';

const at = (minutes: number) => new Date(Date.UTC(2025, 5, 1) + minutes * 60_000).toISOString();

function update(id: string, phase: Phase, minutes: number): IncidentUpdate {
  return {
    id,
    phase,
    body: id,
    bodyText: id,
    postedAt: at(minutes),
    detectedAt: at(minutes),
    components: null,
  };
}

function incident(
  id: string,
  impact: Impact,
  resolvedAfter: number | null,
  updates: Array<[Phase, number]>,
  kind: 'incident' | 'maintenance' = 'incident',
): IncidentWithUpdates {
  return {
    id,
    vendorSlug: id.slice(0, 1),
    sourceId: id,
    title: `Incident ${id}`,
    kind,
    impact,
    phase: resolvedAfter === null ? 'investigating' : 'resolved',
    startedAt: at(0),
    resolvedAt: resolvedAfter === null ? null : at(resolvedAfter),
    detectedAt: at(0),
    backfilled: false,
    sourceUrl: null,
    components: [],
    scheduledFor: null,
    scheduledUntil: null,
    regions: [],
    updates: updates.map(([phase, minutes], n) => update(`${id}-u${n}`, phase, minutes)),
  };
}

const day = 24 * 60;
const vendorA = [
  incident('a1', 'critical', 60, [
    ['investigating', 0],
    ['identified', 20],
    ['resolved', 60],
    ['postmortem', 60 + 2 * day],
  ]),
  incident('a2', 'minor', 180, [
    ['investigating', 0],
    ['monitoring', 30],
    ['resolved', 180],
  ]),
  incident('a3', 'notice', null, [
    ['investigating', 0],
    ['identified', 10],
  ]),
  incident('a4', 'maintenance', 240, [['in_progress', 0]], 'maintenance'),
];
const vendorB = [
  incident('b1', 'major', 10, [
    ['investigating', 0],
    ['monitoring', 5],
    ['resolved', 10],
    ['postmortem', 10 + day],
  ]),
];
const vendorC = [
  incident('c1', 'major', 120, [
    ['investigating', 0],
    ['resolved', 120],
  ]),
];

describe('vendorFigures (hand-computed)', () => {
  it('counts incidents by impact, resolve median and p90, postmortems and update cadence', () => {
    expect(vendorFigures(vendorA)).toEqual({
      incidents: 3,
      byImpact: { critical: 1, major: 0, minor: 1, notice: 1 },
      // 3600 s and 10800 s: the median is their mean; p90 by nearest rank is the larger.
      resolve: { median: 7200, p90: 10_800, resolved: 2 },
      // One of two resolved incidents, two days after its resolution.
      postmortem: { share: 0.5, count: 1, medianDays: 2 },
      // Gaps 1200, 2400 (a1), 1800, 9000 (a2), 600 (a3); the postmortem is no gap.
      cadence: { medianGapSeconds: 1800, gaps: 5 },
      flags: {
        stuck: 0,
        backdated: 0,
        downgraded: 0,
        rewritten: 0,
        silent_resolution: 0,
        no_components: 0,
        postmortem_missing: 0,
      },
      incidentIds: ['a3', 'a2', 'a1'],
    });
  });

  it('counts incidents per hygiene flag, each once, maintenance aside, against the median vendor', () => {
    const flagged = new Map<string, FlagKind[]>([
      ['a1', ['stuck', 'stuck', 'rewritten']],
      ['a2', ['stuck']],
      ['a4', ['no_components']],
      ['b1', ['stuck']],
    ]);
    const flagsOf = (id: string) => flagged.get(id) ?? [];
    const figures = new Map([
      ['a', vendorFigures(vendorA, flagsOf)],
      ['b', vendorFigures(vendorB, flagsOf)],
      ['c', vendorFigures(vendorC, flagsOf)],
    ]);
    expect(figures.get('a')!.flags).toMatchObject({ stuck: 2, rewritten: 1, no_components: 0 });
    const compared = compareFlagsWithPeers('a', figures);
    expect(compared.stuck).toEqual({
      value: 2,
      peerMedian: 1,
      peers: 3,
      better: 2,
      worse: 0,
      standing: 'worse than most',
    });
    expect(compareFlagsWithPeers('c', figures).stuck.standing).toBe('better than most');
  });

  it('says null, not zero, when there is nothing to measure', () => {
    const figures = vendorFigures([]);
    expect(figures.resolve).toEqual({ median: null, p90: null, resolved: 0 });
    expect(figures.postmortem).toEqual({ share: null, count: 0, medianDays: null });
    expect(figures.cadence).toEqual({ medianGapSeconds: null, gaps: 0 });
  });
});

describe('compareWithPeers', () => {
  const all = new Map([
    ['a', vendorFigures(vendorA)],
    ['b', vendorFigures(vendorB)],
    ['c', vendorFigures(vendorC)],
  ]);

  it('states where each figure stands among every vendor, as counts', () => {
    const a = compareWithPeers('a', all);
    expect(a.resolveMedian).toEqual({
      value: 7200,
      peerMedian: 7200,
      peers: 3,
      better: 1,
      worse: 0,
      standing: 'about the median',
    });
    expect(a.resolveP90).toMatchObject({ value: 10_800, peerMedian: 7200, better: 2 });
    expect(a.resolveP90.standing).toBe('worse than most');
    expect(a.postmortemShare).toMatchObject({ value: 0.5, peerMedian: 0.5, better: 1, worse: 1 });
    // C never posted one, so only B compares: it was quicker.
    expect(a.postmortemDays).toMatchObject({ value: 2, peerMedian: 1.5, peers: 2 });
    expect(a.postmortemDays.standing).toBe('worse than most');
    expect(a.cadence).toMatchObject({ value: 1800, peerMedian: 1800 });
    expect(compareWithPeers('b', all).resolveMedian.standing).toBe('better than most');
  });

  it('has no peers alone, and no value for an unknown vendor', () => {
    const alone = compareWithPeers('a', new Map([['a', vendorFigures(vendorA)]]));
    expect(alone.resolveMedian.standing).toBe('no peers');
    expect(compareWithPeers('zzz', all).cadence).toMatchObject({ value: null, peers: 3 });
  });
});

describe('median and percentile', () => {
  it.each([
    [[], null, null],
    [[5], 5, 5],
    [[1, 2, 3, 4], 2.5, 4],
    [[10, 1, 7, 3, 5, 9, 2, 8, 6, 4], 5.5, 9],
  ])('%j → median %s, p90 %s', (values, mid, p90) => {
    expect(median(values)).toBe(mid);
    expect(percentile(values, 0.9)).toBe(p90);
  });
});
