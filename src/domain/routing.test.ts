import { describe, expect, it } from 'vitest';
import { cycleFacts } from './cycle-facts.js';
import { diffSnapshot, type KnownIncident, type PlannedEvent, type PreviousState } from './diff.js';
import { routeCycle, type RoutingContext } from './routing.js';
import type { ObservedIncident, VendorSnapshot } from './snapshot.js';

const t0 = '2025-09-10T10:00:00.000Z';
const t1 = '2025-09-10T10:05:00.000Z';

function observed(sourceId: string, overrides: Partial<ObservedIncident> = {}): ObservedIncident {
  return {
    sourceId,
    title: `Incident ${sourceId}`,
    kind: 'incident',
    impact: 'minor',
    phase: 'investigating',
    startedAt: t0,
    resolvedAt: null,
    sourceUrl: null,
    components: ['API'],
    scheduledFor: null,
    scheduledUntil: null,
    updates: [
      {
        sourceId: `${sourceId}-u1`,
        phase: 'investigating',
        body: 'b',
        bodyText: 'b',
        postedAt: t0,
        components: null,
      },
    ],
    ...overrides,
  };
}

function snapshot(incidents: ObservedIncident[]): VendorSnapshot {
  return {
    platform: 'statuspage',
    pageName: null,
    components: [],
    incidents,
    listsAllOpen: true,
    warnings: [],
  };
}

function known(sourceId: string, overrides: Partial<KnownIncident> = {}): KnownIncident {
  const { updates, ...rest } = observed(sourceId);
  return {
    ...rest,
    regions: rest.regions ?? [],
    id: `balena-${sourceId}`,
    updates: updates.map(({ sourceId: id, ...update }) => ({ id, ...update })),
    ...overrides,
  };
}

describe('cycleFacts', () => {
  it('knows inserted incidents, updated ones as the plan leaves them, and update components', () => {
    const previous: PreviousState = {
      components: [],
      incidents: [known('a', { components: ['API'] }), known('quiet', { impact: 'critical' })],
    };
    const next = snapshot([
      observed('a', {
        impact: 'major',
        phase: 'identified',
        components: ['API', 'Dashboard'],
        updates: [
          { ...observed('a').updates[0]!, components: ['API'] },
          {
            sourceId: 'a-u2',
            phase: 'identified',
            body: 'c',
            bodyText: 'c',
            postedAt: t1,
            components: ['Dashboard'],
          },
        ],
      }),
      observed('quiet', { impact: 'critical' }),
      observed('m', {
        kind: 'maintenance',
        impact: 'maintenance',
        phase: 'scheduled',
        scheduledFor: t1,
      }),
    ]);
    const plan = diffSnapshot('balena', previous, next, t1);
    const facts = cycleFacts(previous, plan);
    expect(facts.incident('balena-a')).toEqual({
      kind: 'incident',
      impact: 'major',
      phase: 'identified',
      components: ['API', 'Dashboard'],
      scheduledFor: null,
    });
    // Unchanged this cycle: as the diff found it.
    expect(facts.incident('balena-quiet')).toMatchObject({
      impact: 'critical',
      phase: 'investigating',
    });
    expect(facts.incident('balena-m')).toEqual({
      kind: 'maintenance',
      impact: 'maintenance',
      phase: 'scheduled',
      components: ['API'],
      scheduledFor: t1,
    });
    expect(facts.incident('balena-nobody')).toBeNull();
    // An edited update's components are its new ones; a new update's are its own.
    expect(facts.updateComponents('balena-a', 'a-u1')).toEqual(['API']);
    expect(facts.updateComponents('balena-a', 'a-u2')).toEqual(['Dashboard']);
    expect(facts.updateComponents('balena-m', 'm-u1')).toBeNull();
    expect(facts.updateComponents('balena-a', 'missing')).toBeNull();
  });
});

describe('routeCycle', () => {
  const event = (type: PlannedEvent['type'], incidentId: string | null): PlannedEvent => ({
    type,
    vendorSlug: 'balena',
    incidentId,
    updateId: null,
    component: null,
    changes: {},
    at: t0,
  });
  const facts = cycleFacts(null, { incidents: [] });

  it('tells later events of the cycle who was routed earlier, per incident, events only', () => {
    const seen: Array<[string, RoutingContext['notifiedTargets']]> = [];
    const routed = routeCycle(
      [
        event('incident.opened', 'i1'),
        event('vendor.recovered', null),
        event('incident.opened', 'i2'),
        event('incident.resolved', 'i1'),
      ],
      facts,
      new Map([['i1', ['earlier']]]),
      (planned, context) => {
        seen.push([planned.type, context.notifiedTargets]);
        if (planned.type !== 'incident.opened') return [];
        return planned.incidentId === 'i1'
          ? ['ops', { target: 'pager', kind: 'reminder', notBefore: t1 }]
          : ['chat'];
      },
    );
    expect(seen).toEqual([
      ['incident.opened', ['earlier']],
      ['vendor.recovered', []],
      ['incident.opened', []],
      // A reminder is not a message about the incident: only 'ops' was told.
      ['incident.resolved', ['earlier', 'ops']],
    ]);
    expect(routed.map((r) => r.deliveries)).toEqual([
      [
        { target: 'ops', kind: 'event' },
        { target: 'pager', kind: 'reminder', notBefore: t1 },
      ],
      [],
      [{ target: 'chat', kind: 'event' }],
      [],
    ]);
  });

  it('keeps one delivery per target and kind, the last one routed', () => {
    const [routed] = routeCycle([event('incident.opened', 'i1')], facts, new Map(), () => [
      'ops',
      { target: 'ops', kind: 'reminder', notBefore: t0 },
      { target: 'ops', kind: 'event' },
      { target: 'ops', kind: 'reminder', notBefore: t1 },
    ]);
    expect(routed!.deliveries).toEqual([
      { target: 'ops', kind: 'event' },
      { target: 'ops', kind: 'reminder', notBefore: t1 },
    ]);
  });
});
