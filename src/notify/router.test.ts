import { describe, expect, it } from 'vitest';
import type { VendorEvent } from '../domain/model.js';
import type { RoutingContext } from '../domain/routing.js';
import { reminderTime, routeEvent, wants } from './router.js';
import { componentEvent, sampleEvent } from './test-support/samples.js';
import type { NotifyTarget } from './types.js';

function context(overrides: Partial<RoutingContext> = {}): RoutingContext {
  return {
    incident: {
      kind: 'incident',
      impact: 'notice',
      phase: 'investigating',
      components: ['API', 'Dashboard'],
      scheduledFor: null,
    },
    updateComponents: null,
    notifiedTargets: [],
    ...overrides,
  };
}

const target = (overrides: Partial<NotifyTarget>): NotifyTarget => ({
  name: 'ops',
  type: 'slack',
  url: 'https://hooks.slack.com/services/T/B/x',
  ...overrides,
});

const opened = sampleEvent('incident.opened');
const updated = sampleEvent('incident.updated');
const resolved = sampleEvent('incident.resolved');

describe('wants (filters applied when the event is recorded)', () => {
  it.each<[string, Partial<NotifyTarget>, VendorEvent, Partial<RoutingContext>, boolean]>([
    ['no filters: incident events', {}, opened, {}, true],
    ['no filters: component noise is opt-in', {}, componentEvent(), { incident: null }, false],
    [
      'events filter lists it',
      { events: ['component.status_changed'] },
      componentEvent(),
      { incident: null },
      true,
    ],
    ['events filter leaves it out', { events: ['incident.resolved'] }, opened, {}, false],
    ['vendor listed', { vendors: ['balena'] }, opened, {}, true],
    ['vendor not listed', { vendors: ['github'] }, opened, {}, false],
    ['minImpact major vs a notice incident', { minImpact: 'major' }, opened, {}, false],
    ['minImpact notice vs a notice incident', { minImpact: 'notice' }, opened, {}, true],
    [
      'minImpact major vs a critical incident',
      { minImpact: 'major' },
      opened,
      { incident: { ...context().incident!, impact: 'critical' } },
      true,
    ],
    [
      'minImpact minor vs maintenance',
      { minImpact: 'minor' },
      sampleEvent('maintenance.started'),
      { incident: { ...context().incident!, kind: 'maintenance', impact: 'maintenance' } },
      false,
    ],
    [
      'minImpact major vs a component going to partial outage',
      { minImpact: 'major', events: ['component.status_changed'] },
      componentEvent({ to: 'partial_outage' }),
      { incident: null },
      true,
    ],
    [
      'minImpact major vs a component recovering from a major outage',
      { minImpact: 'major', events: ['component.status_changed'] },
      componentEvent({ from: 'major_outage', to: 'operational' }),
      { incident: null },
      true,
    ],
    [
      'minImpact major vs a component only degraded',
      { minImpact: 'major', events: ['component.status_changed'] },
      componentEvent({ to: 'degraded_performance' }),
      { incident: null },
      false,
    ],
    [
      'minImpact does not hide unreachable',
      { minImpact: 'critical' },
      sampleEvent('vendor.unreachable'),
      { incident: null },
      true,
    ],
    [
      'component filter matches the incident',
      { components: { balena: ['Dashboard'] } },
      opened,
      {},
      true,
    ],
    [
      'component filter ignores case and spaces',
      { components: { balena: [' dashboard '] } },
      opened,
      {},
      true,
    ],
    [
      'component filter misses the incident',
      { components: { balena: ['Builder'] } },
      opened,
      {},
      false,
    ],
    [
      'component filter of another vendor',
      { components: { github: ['Actions'] } },
      opened,
      {},
      true,
    ],
    [
      'the update names only other components',
      { components: { balena: ['Dashboard'] } },
      updated,
      { updateComponents: ['API'] },
      false,
    ],
    [
      'the update names the filtered component',
      { components: { balena: ['Dashboard'] } },
      updated,
      { updateComponents: ['Dashboard'] },
      true,
    ],
    [
      'an update naming none falls back to the incident',
      { components: { balena: ['Dashboard'] } },
      updated,
      { updateComponents: [] },
      true,
    ],
    [
      'component filter vs a component event',
      { components: { balena: ['Dashboard'] }, events: ['component.status_changed'] },
      componentEvent(),
      { incident: null },
      false,
    ],
    [
      'resolution follows a target told about the incident past its filters',
      { components: { balena: ['Dashboard'] }, minImpact: 'major' },
      resolved,
      { updateComponents: ['API'], notifiedTargets: ['ops'] },
      true,
    ],
    [
      'resolution of an incident the target never heard of',
      { components: { balena: ['Dashboard'] } },
      resolved,
      { updateComponents: ['API'], notifiedTargets: ['other'] },
      false,
    ],
    [
      'resolution still obeys the events filter',
      { events: ['incident.opened'] },
      resolved,
      { notifiedTargets: ['ops'] },
      false,
    ],
  ])('%s', (_name, filters, event, overrides, expected) => {
    expect(wants(target(filters), event.type, event, context(overrides))).toBe(expected);
  });
});

describe('maintenance reminders', () => {
  const scheduled = sampleEvent('maintenance.scheduled', { at: '2025-09-10T10:00:00.000Z' });
  const maintenance = (scheduledFor: string): RoutingContext =>
    context({
      incident: {
        kind: 'maintenance',
        impact: 'maintenance',
        phase: 'scheduled',
        components: ['API'],
        scheduledFor,
      },
    });

  it('is due the lead before the window, for people-facing targets only', () => {
    const routed = routeEvent(
      [
        target({ name: 'chat' }),
        target({ name: 'hook', type: 'webhook' }),
        target({ name: 'pd', type: 'pagerduty', routingKey: 'k' }),
      ],
      scheduled,
      maintenance('2025-09-11T02:00:00.000Z'),
      { reminderLeadSeconds: 3600 },
    );
    expect(routed).toEqual([
      { target: 'chat', kind: 'event' },
      { target: 'chat', kind: 'reminder', notBefore: '2025-09-11T01:00:00.000Z' },
      { target: 'hook', kind: 'event' },
      { target: 'pd', kind: 'event' },
    ]);
  });

  it('is not planned when the window is closer than the lead, or reminders are off', () => {
    expect(
      reminderTime(scheduled, maintenance('2025-09-10T10:30:00.000Z'), {
        reminderLeadSeconds: 3600,
      }),
    ).toBeNull();
    expect(
      reminderTime(scheduled, maintenance('2025-09-11T02:00:00.000Z'), {
        reminderLeadSeconds: null,
      }),
    ).toBeNull();
  });

  it('is planned again when the vendor moves the window', () => {
    const moved = sampleEvent('incident.updated', {
      at: '2025-09-10T10:00:00.000Z',
      changes: {
        scheduledFor: { from: '2025-09-11T02:00:00.000Z', to: '2025-09-12T02:00:00.000Z' },
      },
    });
    expect(
      reminderTime(moved, maintenance('2025-09-12T02:00:00.000Z'), { reminderLeadSeconds: 600 }),
    ).toBe('2025-09-12T01:50:00.000Z');
    const plain = sampleEvent('incident.updated', { at: '2025-09-10T10:00:00.000Z' });
    expect(
      reminderTime(plain, maintenance('2025-09-12T02:00:00.000Z'), { reminderLeadSeconds: 600 }),
    ).toBeNull();
  });

  it('follows the target filters of maintenance.scheduled', () => {
    const routed = routeEvent(
      [target({ name: 'chat', events: ['maintenance.started'] })],
      scheduled,
      maintenance('2025-09-11T02:00:00.000Z'),
      { reminderLeadSeconds: 3600 },
    );
    expect(routed).toEqual([]);
  });
});
