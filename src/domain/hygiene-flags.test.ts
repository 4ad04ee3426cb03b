import { describe, expect, it } from 'vitest';
import { reconcileFlags, type FlagScope } from './flag-reconcile.js';
import {
  backdatedItems,
  defaultFlagSettings,
  detectFlags,
  type FlagEvidence,
  type FlagKind,
  type IncidentFlag,
  type IncidentHistory,
} from './hygiene-flags.js';
import type { IncidentUpdate, IncidentWithUpdates } from './model.js';
import type { Revision } from './plan.js';
import type { Phase } from './vocabulary.js';

const t0 = Date.UTC(2026, 0, 5, 8);
const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
const hours = (n: number) => n * 60;

function update(id: string, phase: Phase, minutes: number, text = `Update ${id}.`): IncidentUpdate {
  return {
    id,
    phase,
    body: `<p>${text}</p>`,
    bodyText: text,
    postedAt: at(minutes),
    detectedAt: at(minutes),
    components: null,
  };
}

function incident(overrides: Partial<IncidentWithUpdates> = {}): IncidentWithUpdates {
  return {
    id: 'acme-1',
    vendorSlug: 'acme',
    sourceId: '1',
    title: 'API errors',
    kind: 'incident',
    impact: 'major',
    phase: 'investigating',
    startedAt: at(0),
    resolvedAt: null,
    detectedAt: at(0),
    backfilled: false,
    sourceUrl: null,
    components: ['API'],
    scheduledFor: null,
    scheduledUntil: null,
    regions: [],
    updates: [update('u1', 'investigating', 0)],
    ...overrides,
  };
}

function revision(
  field: string,
  from: string,
  to: string,
  minutes: number,
  updateId: string | null = null,
): Revision {
  return { incidentId: 'acme-1', updateId, field, from, to, seenAt: at(minutes) };
}

function kinds(history: IncidentHistory, nowMinutes: number): FlagKind[] {
  return detectFlags(history, defaultFlagSettings, at(nowMinutes)).map((flag) => flag.kind);
}

const resolvedUpdates = [
  update('u1', 'investigating', 0),
  update('u2', 'resolved', 60, 'Fixed: a bad deploy was rolled back.'),
];

describe('detectFlags', () => {
  const cases: Array<{
    name: string;
    history: IncidentHistory;
    now: number;
    expected: FlagKind[];
  }> = [
    {
      name: 'stuck: monitoring with no update for 7 h',
      history: {
        incident: incident({ phase: 'monitoring', updates: [update('u1', 'monitoring', 0)] }),
        revisions: [],
      },
      now: hours(7),
      expected: ['stuck'],
    },
    {
      name: 'not stuck: a long incident with an update every 2 h',
      history: {
        incident: incident({
          phase: 'identified',
          updates: [0, 2, 4, 6, 8, 10].map((h, n) => update(`u${n}`, 'identified', hours(h))),
        }),
        revisions: [],
      },
      now: hours(11),
      expected: [],
    },
    {
      name: 'not stuck: exactly at stuckAfter',
      history: { incident: incident(), revisions: [] },
      now: hours(6),
      expected: [],
    },
    {
      name: 'not stuck: resolved long ago (and explained)',
      history: {
        incident: incident({ phase: 'resolved', resolvedAt: at(60), updates: resolvedUpdates }),
        revisions: [],
      },
      now: hours(48),
      expected: [],
    },
    {
      name: 'not stuck: a late update (posted long ago, seen just now) is news',
      history: {
        incident: incident({
          updates: [
            update('u1', 'investigating', 0),
            { ...update('u2', 'identified', 10), detectedAt: at(hours(7)) },
          ],
        }),
        revisions: [],
      },
      now: hours(8),
      expected: [],
    },
    {
      name: 'no flag for maintenance, whatever it looks like',
      history: {
        incident: incident({ kind: 'maintenance', components: [], phase: 'in_progress' }),
        revisions: [],
      },
      now: hours(30),
      expected: [],
    },
    {
      name: 'downgraded: critical → minor',
      history: { incident: incident(), revisions: [revision('impact', 'critical', 'minor', 30)] },
      now: 40,
      expected: ['downgraded'],
    },
    {
      name: 'not downgraded: raised from minor to major',
      history: { incident: incident(), revisions: [revision('impact', 'minor', 'major', 30)] },
      now: 40,
      expected: [],
    },
    {
      name: 'rewritten: title changed',
      history: {
        incident: incident(),
        revisions: [revision('title', 'Outage', 'Elevated errors', 30)],
      },
      now: 40,
      expected: ['rewritten'],
    },
    {
      name: 'rewritten: an update text rewritten',
      history: {
        incident: incident(),
        revisions: [
          revision('update.body', '<p>Data was lost.</p>', '<p>Some delays.</p>', 30, 'u1'),
        ],
      },
      now: 40,
      expected: ['rewritten'],
    },
    {
      name: 'not rewritten: only the markup of an update changed',
      history: {
        incident: incident(),
        revisions: [
          revision('update.body', '<p>Data  was lost.</p>', '<b>Data was lost.</b>', 30, 'u1'),
        ],
      },
      now: 40,
      expected: [],
    },
    {
      name: 'silent resolution: resolved with an empty resolving update',
      history: {
        incident: incident({
          phase: 'resolved',
          resolvedAt: at(60),
          updates: [update('u1', 'investigating', 0), update('u2', 'resolved', 60, ' ')],
        }),
        revisions: [],
      },
      now: 70,
      expected: ['silent_resolution'],
    },
    {
      name: 'silent resolution: withdrawn (no resolving update at all)',
      history: { incident: incident({ phase: 'resolved', resolvedAt: at(60) }), revisions: [] },
      now: 70,
      expected: ['silent_resolution'],
    },
    {
      name: 'no components: the incident and its updates name none',
      history: { incident: incident({ components: [] }), revisions: [] },
      now: 10,
      expected: ['no_components'],
    },
    {
      name: 'components named by an update only: not flagged',
      history: {
        incident: incident({
          components: [],
          updates: [{ ...update('u1', 'investigating', 0), components: ['API'] }],
        }),
        revisions: [],
      },
      now: 10,
      expected: [],
    },
    {
      name: 'postmortem promised 8 days ago, none came',
      history: {
        incident: incident({
          phase: 'resolved',
          resolvedAt: at(60),
          updates: [
            update('u1', 'investigating', 0),
            update('u2', 'resolved', 60, 'Resolved. We will publish a post-mortem.'),
          ],
        }),
        revisions: [],
      },
      now: hours(24 * 8),
      expected: ['postmortem_missing'],
    },
    {
      name: 'postmortem promised, not yet due (6 days)',
      history: {
        incident: incident({
          phase: 'resolved',
          resolvedAt: at(60),
          updates: [
            update('u1', 'investigating', 0),
            update('u2', 'resolved', 60, 'Resolved. An RCA will follow.'),
          ],
        }),
        revisions: [],
      },
      now: hours(24 * 6),
      expected: [],
    },
    {
      name: 'postmortem promised and delivered in the postmortem phase',
      history: {
        incident: incident({
          phase: 'postmortem',
          resolvedAt: at(60),
          updates: [
            update('u1', 'investigating', 0),
            update('u2', 'resolved', 60, 'Resolved; root cause analysis to follow.'),
            update('u3', 'postmortem', hours(48), 'What happened: …'),
          ],
        }),
        revisions: [],
      },
      now: hours(24 * 10),
      expected: [],
    },
    {
      name: '"RCA" in lower case inside a word is no promise',
      history: {
        incident: incident({
          phase: 'resolved',
          resolvedAt: at(60),
          updates: [
            update('u1', 'investigating', 0),
            update('u2', 'resolved', 60, 'Fixed the circa 3% errors.'),
          ],
        }),
        revisions: [],
      },
      now: hours(24 * 10),
      expected: [],
    },
  ];
  it.each(cases)('$name', ({ history, now, expected }) => {
    expect(kinds(history, now).sort()).toEqual([...expected].sort());
  });

  it('stuck evidence names the last update and the threshold', () => {
    const found = detectFlags(
      {
        incident: incident({ phase: 'monitoring', updates: [update('u1', 'monitoring', 30)] }),
        revisions: [],
      },
      { ...defaultFlagSettings, stuckAfterSeconds: 3600 },
      at(120),
    );
    expect(found).toEqual([
      { kind: 'stuck', lastUpdateAt: at(30), stuckAfterSeconds: 3600, phase: 'monitoring' },
    ]);
  });

  it('rewrites and downgrades show old → new with both times', () => {
    const found = detectFlags(
      {
        incident: incident(),
        revisions: [
          revision('impact', 'critical', 'major', 20),
          revision('impact', 'major', 'minor', 50),
          revision('update.body', '<p>Data was lost.</p>', '<p>Some delays.</p>', 30, 'u1'),
        ],
      },
      defaultFlagSettings,
      at(60),
    );
    expect(found.find((f) => f.kind === 'downgraded')).toEqual({
      kind: 'downgraded',
      changes: [
        { from: 'critical', to: 'major', fromSeenAt: at(0), toSeenAt: at(20) },
        { from: 'major', to: 'minor', fromSeenAt: at(20), toSeenAt: at(50) },
      ],
    });
    expect(found.find((f) => f.kind === 'rewritten')).toEqual({
      kind: 'rewritten',
      changes: [
        {
          field: 'update',
          updateId: 'u1',
          from: 'Data was lost.',
          to: 'Some delays.',
          fromSeenAt: at(0),
          toSeenAt: at(30),
        },
      ],
    });
  });
});

describe('backdatedItems', () => {
  const interval = 60; // one-minute polls
  const cases: Array<{
    name: string;
    posted: number;
    seen: number;
    previousRead: number | null;
    count: number;
  }> = [
    {
      name: 'posted 3 h before we saw it while we read every minute',
      posted: 0,
      seen: 180,
      previousRead: 179,
      count: 1,
    },
    {
      name: 'posted one interval before: normal lag',
      posted: 178,
      seen: 180,
      previousRead: 179,
      count: 0,
    },
    {
      name: 'our reads were failing since before it was posted',
      posted: 100,
      seen: 180,
      previousRead: 90,
      count: 0,
    },
    {
      name: 'first poll of the vendor: nothing to compare with',
      posted: 0,
      seen: 180,
      previousRead: null,
      count: 0,
    },
  ];
  it.each(cases)('$name', ({ posted, seen, previousRead, count }) => {
    const items = backdatedItems([{ id: 'u9', postedAt: at(posted) }], null, {
      seenAt: at(seen),
      previousReadAt: previousRead === null ? null : at(previousRead),
      intervalSeconds: interval,
    });
    expect(items).toHaveLength(count);
  });

  it('a start claimed 2 h before our last read is backdated; none is judged on a first read', () => {
    const sighting = { seenAt: at(180), previousReadAt: at(179), intervalSeconds: interval };
    expect(backdatedItems([], at(60), sighting)).toEqual([
      {
        what: 'start',
        updateId: null,
        claimedAt: at(60),
        seenAt: at(180),
        previousReadAt: at(179),
      },
    ]);
    expect(backdatedItems([], null, sighting)).toEqual([]);
    expect(backdatedItems([], at(60), { ...sighting, previousReadAt: null })).toEqual([]);
  });
});

describe('reconcileFlags', () => {
  const all: FlagScope = { raises: () => true, clears: () => true };
  const held = (evidence: FlagEvidence): IncidentFlag => ({
    kind: evidence.kind,
    evidence,
    firstDetectedAt: at(0),
    clearedAt: null,
  });
  const stuck: FlagEvidence = {
    kind: 'stuck',
    lastUpdateAt: at(0),
    stuckAfterSeconds: 60,
    phase: 'monitoring',
  };

  it('raises what is new, keeps a held stuck flag as it is, clears what stopped holding', () => {
    expect(reconcileFlags([], [stuck], all)).toEqual([
      { action: 'raise', kind: 'stuck', evidence: stuck },
    ]);
    expect(reconcileFlags([held(stuck)], [{ ...stuck, lastUpdateAt: at(5) }], all)).toEqual([]);
    expect(reconcileFlags([held(stuck)], [], all)).toEqual([{ action: 'clear', kind: 'stuck' }]);
  });

  it('respects the scope: a commit raises no stuck flag but may clear one', () => {
    const commit: FlagScope = { raises: (kind) => kind !== 'stuck', clears: () => true };
    expect(reconcileFlags([], [stuck], commit)).toEqual([]);
    expect(reconcileFlags([held(stuck)], [], commit)).toEqual([{ action: 'clear', kind: 'stuck' }]);
  });

  it('never clears a history flag, and a backdated flag only gains items', () => {
    const item = (id: string) => ({
      what: 'update' as const,
      updateId: id,
      claimedAt: at(0),
      seenAt: at(9),
      previousReadAt: at(8),
    });
    const before: FlagEvidence = { kind: 'backdated', items: [item('a')] };
    expect(reconcileFlags([held(before)], [], all)).toEqual([]);
    expect(
      reconcileFlags([held(before)], [{ kind: 'backdated', items: [item('b')] }], all),
    ).toEqual([
      {
        action: 'revise',
        kind: 'backdated',
        evidence: { kind: 'backdated', items: [item('a'), item('b')] },
      },
    ]);
  });
});
