// The `boards` filter of a notification target: an event passes when its vendor is on one of the
// named boards and, when that board names components, the event touches one of them (or does not
// say which it touches). Closing events still follow a target that was told.
import { describe, expect, it } from 'vitest';
import type { Board } from '../domain/board.js';
import type { VendorEvent } from '../domain/model.js';
import type { RoutingContext } from '../domain/routing.js';
import { routeEvent, wants } from './router.js';
import { componentEvent, sampleEvent } from './test-support/samples.js';
import type { NotifyTarget } from './types.js';

const boards: Board[] = [
  {
    slug: 'payments',
    name: 'Payments',
    description: null,
    public: false,
    company: null,
    vendors: [{ slug: 'balena', components: ['Cloudlink (VPN)'] }],
  },
  {
    slug: 'cdn',
    name: 'CDN',
    description: null,
    public: false,
    company: null,
    vendors: [{ slug: 'fastly', components: null }],
  },
];

function context(components: string[], overrides: Partial<RoutingContext> = {}): RoutingContext {
  return {
    incident: {
      kind: 'incident',
      impact: 'major',
      phase: 'investigating',
      components,
      scheduledFor: null,
    },
    updateComponents: null,
    notifiedTargets: [],
    ...overrides,
  };
}

const target = (names: string[]): NotifyTarget => ({
  name: 'payments-team',
  type: 'webhook',
  url: 'https://hooks.example/x',
  boards: names,
});

const opened = sampleEvent('incident.opened');
const onFastly = sampleEvent('incident.opened', { vendorSlug: 'fastly' });

describe('the boards filter', () => {
  it.each<[string, string[], VendorEvent, RoutingContext, boolean]>([
    ['a board component', ['payments'], opened, context(['Cloudlink (VPN)']), true],
    [
      'names compare as component filters do',
      ['payments'],
      opened,
      context([' cloudlink (vpn)']),
      true,
    ],
    ['a component off the board', ['payments'], opened, context(['API']), false],
    [
      'the update names a board component',
      ['payments'],
      opened,
      context(['API'], { updateComponents: ['Cloudlink (VPN)'] }),
      true,
    ],
    ['no component named: cannot be ruled out', ['payments'], opened, context([]), true],
    [
      'a component event off the board',
      ['payments'],
      componentEvent(),
      context([], { incident: null }),
      false,
    ],
    [
      'a component event on the board',
      ['payments'],
      componentEvent({ name: 'Cloudlink (VPN)' }),
      context([], { incident: null }),
      true,
    ],
    ['a vendor on no named board', ['cdn'], opened, context(['Cloudlink (VPN)']), false],
    ['a whole-vendor board', ['cdn'], onFastly, context(['Anything']), true],
    ['any of several boards', ['cdn', 'payments'], opened, context(['Cloudlink (VPN)']), true],
    [
      'an outage with a member on the board',
      ['cdn'],
      opened,
      context([], { vendors: ['balena', 'fastly'] }),
      true,
    ],
    [
      'a board that no longer exists matches nothing',
      ['gone'],
      opened,
      context(['Cloudlink (VPN)']),
      false,
    ],
  ])('%s', (_, names, event, ctx, expected) => {
    // The events filter lists the event's type, so only the boards filter decides.
    const filtered = { ...target(names), events: [event.type] };
    expect(wants(filtered, event.type, event, ctx, boards)).toBe(expected);
  });

  it('lets the resolution follow a target that was told, past the board filter', () => {
    const resolved = sampleEvent('incident.resolved');
    const ctx = context(['API'], { notifiedTargets: ['payments-team'] });
    expect(wants(target(['payments']), resolved.type, resolved, ctx, boards)).toBe(true);
    expect(wants(target(['payments']), resolved.type, resolved, context(['API']), boards)).toBe(
      false,
    );
  });

  it('routes through routeEvent with the boards of the options', () => {
    const targets = [target(['payments']), { ...target(['cdn']), name: 'cdn-team' }];
    const routed = routeEvent(targets, opened, context(['Cloudlink (VPN)']), {
      reminderLeadSeconds: null,
      boards,
    });
    expect(routed).toEqual([{ target: 'payments-team', kind: 'event' }]);
    // Without boards known, a boards-filtered target gets nothing.
    expect(
      routeEvent(targets, opened, context(['Cloudlink (VPN)']), { reminderLeadSeconds: null }),
    ).toEqual([]);
  });
});
