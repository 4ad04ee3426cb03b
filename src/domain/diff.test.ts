import { describe, expect, it } from 'vitest';
import { diffSnapshot, type KnownIncident, type PreviousState } from './diff.js';
import type { ObservedIncident, ObservedUpdate, VendorSnapshot } from './snapshot.js';

const t0 = '2025-09-10T13:50:00.000Z';
const t1 = '2025-09-10T14:30:00.000Z';

function update(
  id: string,
  phase: ObservedUpdate['phase'],
  postedAt: string,
  body = `text ${id}`,
): ObservedUpdate {
  return { sourceId: id, phase, body, bodyText: body, postedAt, components: null };
}

function incident(overrides: Partial<ObservedIncident> = {}): ObservedIncident {
  return {
    sourceId: '8gq2x9k1mlh4',
    title: 'Elevated API Errors',
    kind: 'incident',
    impact: 'notice',
    phase: 'investigating',
    startedAt: '2025-09-10T13:47:31.000Z',
    resolvedAt: null,
    sourceUrl: 'https://status.balena.io/incidents/8gq2x9k1mlh4',
    components: ['API'],
    updates: [update('u1', 'investigating', '2025-09-10T13:47:31.000Z')],
    scheduledFor: null,
    scheduledUntil: null,
    ...overrides,
  };
}

function snapshot(
  incidents: ObservedIncident[],
  apiStatus: 'operational' | 'degraded_performance' = 'operational',
): VendorSnapshot {
  return {
    platform: 'statuspage',
    pageName: 'Balena',
    components: [
      { id: 'c1', name: 'API', group: null, status: apiStatus, position: 0 },
      { id: 'c2', name: 'Dashboard', group: null, status: 'operational', position: 1 },
    ],
    incidents,
    listsAllOpen: true,
    warnings: [],
  };
}

/** What the store would hand back after applying a plan built from `snap`. */
function remembered(snap: VendorSnapshot): PreviousState {
  return {
    components: snap.components,
    incidents: snap.incidents.map((observed): KnownIncident => ({
      id: `balena-${observed.sourceId}`,
      sourceId: observed.sourceId,
      title: observed.title,
      kind: observed.kind,
      impact: observed.impact,
      phase: observed.phase,
      startedAt: observed.startedAt,
      resolvedAt: observed.resolvedAt,
      sourceUrl: observed.sourceUrl,
      components: observed.components,
      scheduledFor: observed.scheduledFor,
      scheduledUntil: observed.scheduledUntil,
      regions: observed.regions ?? [],
      updates: observed.updates.map((u) => ({
        id: u.sourceId,
        phase: u.phase,
        body: u.body,
        bodyText: u.bodyText,
        postedAt: u.postedAt,
        components: u.components,
      })),
    })),
  };
}

describe('diffSnapshot', () => {
  it('records the first poll as a backfilled baseline without events', () => {
    const plan = diffSnapshot('balena', null, snapshot([incident()]), t0);
    expect(plan.events).toEqual([]);
    expect(plan.components).toHaveLength(2);
    expect(plan.incidents).toHaveLength(1);
    const write = plan.incidents[0]!;
    expect(write.action).toBe('insert');
    if (write.action !== 'insert') return;
    expect(write.incident).toMatchObject({
      id: 'balena-8gq2x9k1mlh4',
      backfilled: true,
      detectedAt: t0,
    });
    expect(write.updates[0]).toMatchObject({ id: 'u1', detectedAt: t0 });
  });

  it('plans nothing when the same snapshot is seen again, however often', () => {
    const snap = snapshot([incident()]);
    for (let i = 0; i < 100; i++) {
      expect(diffSnapshot('balena', remembered(snap), snap, t1)).toEqual({
        components: null,
        incidents: [],
        events: [],
      });
    }
  });

  it('opens a new incident with one event carrying its first update', () => {
    const plan = diffSnapshot('balena', remembered(snapshot([])), snapshot([incident()]), t1);
    expect(plan.events.map((e) => [e.type, e.incidentId, e.updateId])).toEqual([
      ['incident.opened', 'balena-8gq2x9k1mlh4', 'u1'],
    ]);
    expect(plan.incidents[0]).toMatchObject({
      action: 'insert',
      incident: { backfilled: false, detectedAt: t1 },
    });
  });

  it('makes every new update an event and the last one carry the resolution', () => {
    const before = snapshot([incident()]);
    const after = snapshot([
      incident({
        phase: 'resolved',
        resolvedAt: '2025-09-10T22:08:05.000Z',
        updates: [
          update('u1', 'investigating', '2025-09-10T13:47:31.000Z'),
          update('u2', 'monitoring', '2025-09-10T14:25:00.000Z'),
          update('u3', 'resolved', '2025-09-10T22:08:05.000Z'),
        ],
      }),
    ]);
    const plan = diffSnapshot('balena', remembered(before), after, t1);
    expect(plan.events.map((e) => [e.type, e.updateId])).toEqual([
      ['incident.updated', 'u2'],
      ['incident.resolved', 'u3'],
    ]);
    expect(plan.events[1]!.changes.phase).toEqual({ from: 'investigating', to: 'resolved' });
    const write = plan.incidents[0]!;
    expect(write.action === 'update' && write.newUpdates.map((u) => u.id)).toEqual(['u2', 'u3']);
  });

  it('treats a postmortem after resolution as an update, and reopening as reopened', () => {
    const resolved = snapshot([incident({ phase: 'resolved', resolvedAt: t1 })]);
    const postmortem = snapshot([
      incident({
        phase: 'postmortem',
        resolvedAt: t1,
        updates: [...incident().updates, update('pm', 'postmortem', '2025-09-19T09:37:00.000Z')],
      }),
    ]);
    expect(
      diffSnapshot('balena', remembered(resolved), postmortem, t1).events.map((e) => e.type),
    ).toEqual(['incident.updated']);
    const reopened = snapshot([
      incident({
        phase: 'investigating',
        resolvedAt: null,
        updates: [...incident().updates, update('u9', 'investigating', t1)],
      }),
    ]);
    expect(
      diffSnapshot('balena', remembered(resolved), reopened, t1).events.map((e) => e.type),
    ).toEqual(['incident.reopened']);
  });

  it('keeps vendor edits as revisions', () => {
    const before = snapshot([incident()]);
    const after = snapshot([
      incident({
        title: 'Elevated API and SSH errors',
        impact: 'minor',
        updates: [update('u1', 'investigating', '2025-09-10T13:47:31.000Z', 'edited text')],
      }),
    ]);
    const plan = diffSnapshot('balena', remembered(before), after, t1);
    const write = plan.incidents[0]!;
    if (write.action !== 'update') throw new Error('expected an update');
    expect(write.revisions.map((r) => [r.field, r.from, r.to])).toEqual([
      ['title', 'Elevated API Errors', 'Elevated API and SSH errors'],
      ['impact', 'notice', 'minor'],
      ['update.body', 'text u1', 'edited text'],
    ]);
    expect(write.editedUpdates.map((u) => u.body)).toEqual(['edited text']);
    expect(plan.events.map((e) => e.type)).toEqual(['incident.updated']);
  });

  it('reports component status changes with before and after', () => {
    const plan = diffSnapshot(
      'balena',
      remembered(snapshot([])),
      snapshot([], 'degraded_performance'),
      t1,
    );
    expect(plan.events).toEqual([
      expect.objectContaining({
        type: 'component.status_changed',
        component: { id: 'c1', name: 'API', from: 'operational', to: 'degraded_performance' },
      }),
    ]);
    expect(plan.components).not.toBeNull();
  });

  it('keeps an incident that fell off the vendor list once it is resolved, and closes a withdrawn open one', () => {
    const resolved = snapshot([incident({ phase: 'resolved', resolvedAt: t1 })]);
    expect(diffSnapshot('balena', remembered(resolved), snapshot([]), t1).incidents).toEqual([]);
    const open = snapshot([incident()]);
    const plan = diffSnapshot('balena', remembered(open), snapshot([]), t1);
    expect(plan.events.map((e) => [e.type, e.changes.withdrawn])).toEqual([
      ['incident.resolved', { from: false, to: true }],
    ]);
    expect(plan.incidents[0]).toMatchObject({
      action: 'update',
      fields: { phase: 'resolved', resolvedAt: t1 },
    });
    const windowOnly = { ...snapshot([]), listsAllOpen: false };
    expect(diffSnapshot('balena', remembered(open), windowOnly, t1).incidents).toEqual([]);
  });

  it('names maintenance transitions', () => {
    const scheduled = incident({
      kind: 'maintenance',
      impact: 'maintenance',
      phase: 'scheduled',
      scheduledFor: t1,
      scheduledUntil: t1,
      updates: [update('m1', 'scheduled', t0)],
    });
    const opened = diffSnapshot('balena', remembered(snapshot([])), snapshot([scheduled]), t0);
    expect(opened.events.map((e) => e.type)).toEqual(['maintenance.scheduled']);
    const started = {
      ...scheduled,
      phase: 'in_progress' as const,
      updates: [...scheduled.updates, update('m2', 'in_progress', t1)],
    };
    expect(
      diffSnapshot('balena', remembered(snapshot([scheduled])), snapshot([started]), t1).events.map(
        (e) => e.type,
      ),
    ).toEqual(['maintenance.started']);
    const done = {
      ...started,
      phase: 'completed' as const,
      resolvedAt: t1,
      updates: [...started.updates, update('m3', 'completed', t1)],
    };
    expect(
      diffSnapshot('balena', remembered(snapshot([started])), snapshot([done]), t1).events.map(
        (e) => e.type,
      ),
    ).toEqual(['maintenance.completed']);
  });

  it('announces an incident that opened and resolved between two polls as both', () => {
    const quick = incident({
      phase: 'resolved',
      resolvedAt: t1,
      updates: [update('u1', 'investigating', t0), update('u2', 'resolved', t1)],
    });
    const plan = diffSnapshot('balena', remembered(snapshot([])), snapshot([quick]), t1);
    expect(plan.events.map((e) => [e.type, e.updateId])).toEqual([
      ['incident.opened', 'u1'],
      ['incident.resolved', 'u2'],
    ]);
  });

  it('gives every update it missed its own event, typed by the phase that update reached', () => {
    const late = incident({
      phase: 'monitoring',
      updates: [
        update('u1', 'investigating', t0),
        update('u2', 'monitoring', t0),
        update('u3', 'monitoring', t1),
      ],
    });
    const opened = diffSnapshot('balena', remembered(snapshot([])), snapshot([late]), t1);
    expect(opened.events.map((e) => [e.type, e.updateId])).toEqual([
      ['incident.opened', 'u1'],
      ['incident.updated', 'u2'],
      ['incident.updated', 'u3'],
    ]);

    const closedWithPostmortem = incident({
      phase: 'postmortem',
      resolvedAt: t1,
      updates: [...late.updates, update('u4', 'resolved', t1), update('u5', 'postmortem', t1)],
    });
    const plan = diffSnapshot(
      'balena',
      remembered(snapshot([late])),
      snapshot([closedWithPostmortem]),
      t1,
    );
    expect(plan.events.map((e) => [e.type, e.updateId])).toEqual([
      ['incident.resolved', 'u4'],
      ['incident.updated', 'u5'],
    ]);
    expect(plan.events[1]!.changes.phase).toEqual({ from: 'monitoring', to: 'postmortem' });
  });

  it('announces a resolution the vendor made without posting an update', () => {
    const before = snapshot([incident()]);
    const after = snapshot([incident({ phase: 'resolved', resolvedAt: t1 })]);
    const plan = diffSnapshot('balena', remembered(before), after, t1);
    expect(plan.events.map((e) => [e.type, e.updateId])).toEqual([['incident.resolved', null]]);
  });
});
