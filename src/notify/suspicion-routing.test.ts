// Who hears of a suspected outage: machines (webhooks) by default, channels people read only when
// their `events` filter names it, and each people channel says it in words.
import { describe, expect, it } from 'vitest';
import type { VendorEvent } from '../domain/model.js';
import { messageFacts } from './message.js';
import { targetEventTypes, wants } from './router.js';
import { channels } from './registry.js';
import type { MessageContext, NotifyTarget } from './types.js';

const suspected: VendorEvent = {
  id: 'evt_1',
  type: 'vendor.suspected',
  vendorSlug: 'balena',
  incidentId: null,
  updateId: null,
  component: null,
  changes: {
    firstSignalAt: { from: null, to: '2026-12-05T10:00:00.000Z' },
    failures: { from: null, to: 2 },
    probes: { from: null, to: ['api'] },
    error: { from: null, to: 'HTTP 503, expected 2xx' },
  },
  at: '2026-12-05T10:00:30.000Z',
};
const cleared: VendorEvent = { ...suspected, id: 'evt_2', type: 'vendor.suspicion_cleared' };

const context: MessageContext = {
  vendor: { slug: 'balena', name: 'Balena', statusPageUrl: 'https://status.balena.io' },
  incident: null,
  update: null,
  pageUrl: null,
  kind: 'event',
};

const noIncident = { incident: null, updateComponents: null, notifiedTargets: [] };
const peopleTypes = [
  'slack',
  'discord',
  'teams',
  'email',
  'telegram',
  'mattermost',
  'googlechat',
  'ntfy',
];

describe('routing suspicions', () => {
  it('webhooks get both events by default', () => {
    const hook: NotifyTarget = { name: 'hook', type: 'webhook', url: 'https://h.example' };
    expect(wants(hook, 'vendor.suspected', suspected, noIncident)).toBe(true);
    expect(wants(hook, 'vendor.suspicion_cleared', cleared, noIncident)).toBe(true);
  });

  it.each([...peopleTypes, 'pagerduty', 'opsgenie'])(
    '%s gets them only when its events filter names them',
    (type) => {
      const plain: NotifyTarget = { name: 't', type };
      expect(targetEventTypes(plain)).not.toContain('vendor.suspected');
      expect(targetEventTypes(plain)).toContain('incident.opened');
      expect(wants(plain, 'vendor.suspected', suspected, noIncident)).toBe(false);
      const optedIn: NotifyTarget = { ...plain, events: ['vendor.suspected'] };
      expect(wants(optedIn, 'vendor.suspected', suspected, noIncident)).toBe(true);
      expect(wants(optedIn, 'vendor.suspicion_cleared', cleared, noIncident)).toBe(false);
    },
  );

  it('a vendors filter applies to suspicions too', () => {
    const hook: NotifyTarget = {
      name: 'hook',
      type: 'webhook',
      url: 'https://h.example',
      vendors: ['github'],
    };
    expect(wants(hook, 'vendor.suspected', suspected, noIncident)).toBe(false);
  });
});

describe('saying it', () => {
  it('people read what the probes saw and that the vendor has said nothing', () => {
    const facts = messageFacts(suspected, context);
    expect(facts.label).toBe('Suspected outage');
    expect(facts.headline).toBe('Balena: probes failing, nothing posted yet');
    expect(facts.text).toBe(
      "vendorwatch's probes of the vendor fail since 2026-12-05 10:00:00 UTC, and its status page shows no incident: HTTP 503, expected 2xx",
    );
    expect(facts.tone).toBe('minor');
    const done = messageFacts(cleared, context);
    expect(done.headline).toBe('Balena: probes pass again');
    expect(done.tone).toBe('ok');
  });

  it.each(channels.types)('%s renders both events (or decides to say nothing)', (type) => {
    const channel = channels.get(type);
    expect(() => channel.compose(suspected, context)).not.toThrow();
    expect(() => channel.compose(cleared, context)).not.toThrow();
  });

  it('the webhook body carries the evidence', () => {
    const body = channels.get('webhook').compose(suspected, context)?.payload as {
      type: string;
      changes: unknown;
    };
    expect(body.type).toBe('vendor.suspected');
    expect(body.changes).toEqual(suspected.changes);
  });
});
