// The vendor's followed components as the router applies them: a target without its own
// `components` filter for the vendor hears only of what touches a followed component.
import { describe, expect, it } from 'vitest';
import type { VendorEvent } from '../domain/model.js';
import type { RoutingContext } from '../domain/routing.js';
import { wants } from './router.js';
import { componentEvent, sampleEvent } from './test-support/samples.js';
import type { NotifyTarget } from './types.js';

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

const plain: NotifyTarget = { name: 'ops', type: 'slack', url: 'https://hooks.slack.com/x' };
const opened = sampleEvent('incident.opened');
const resolved = sampleEvent('incident.resolved');

describe('wants with followed components', () => {
  it.each<[string, NotifyTarget, VendorEvent, RoutingContext, boolean]>([
    ['all followed (absent)', plain, opened, context(['Billing']), true],
    [
      'an incident on an unfollowed component: not sent',
      plain,
      opened,
      context(['Billing'], { followedComponents: ['API'] }),
      false,
    ],
    [
      'an incident on a followed component: sent',
      plain,
      opened,
      context(['Billing', 'API'], { followedComponents: ['API'] }),
      true,
    ],
    [
      'an incident naming no component still notifies',
      plain,
      opened,
      context([], { followedComponents: ['API'] }),
      true,
    ],
    [
      "the update's own components decide when it names some",
      plain,
      sampleEvent('incident.updated'),
      context(['API'], { followedComponents: ['API'], updateComponents: ['Billing'] }),
      false,
    ],
    [
      "a target's own components filter wins over the vendor's followed list",
      { ...plain, components: { balena: ['Billing'] } },
      opened,
      context(['Billing'], { followedComponents: ['API'] }),
      true,
    ],
    [
      'a component event of an unfollowed component: not sent',
      { ...plain, events: ['component.status_changed'] },
      componentEvent({ name: 'Billing' }),
      { incident: null, updateComponents: null, notifiedTargets: [], followedComponents: ['API'] },
      false,
    ],
    [
      'vendor events (no incident) still notify',
      plain,
      sampleEvent('vendor.unreachable'),
      { incident: null, updateComponents: null, notifiedTargets: [], followedComponents: ['API'] },
      true,
    ],
    [
      'a resolution follows a target that was told',
      plain,
      resolved,
      context(['Billing'], { followedComponents: ['API'], notifiedTargets: ['ops'] }),
      true,
    ],
  ])('%s', (_name, target, event, ctx, expected) => {
    expect(wants(target, event.type, event, ctx)).toBe(expected);
  });
});
