// outage.correlated as the notifiers see it: one message for the group (vendors and likely
// upstream), the outage page as the link, routed to targets filtered to any member vendor, and
// no page on PagerDuty (each member incident pages on its own).
import { describe, expect, it } from 'vitest';
import { outageCorrelatedEvent } from '../domain/outage.js';
import type { VendorEvent } from '../domain/model.js';
import { renderPagerDuty } from './channels/pagerduty/render.js';
import { renderWebhook } from './channels/webhook/render.js';
import { messageContext } from './context.js';
import { messageFacts } from './message.js';
import { routeEvent } from './router.js';
import type { NotifyTarget } from './types.js';

const planned = outageCorrelatedEvent(
  {
    id: 'o-aws-e1',
    title: 'Amazon Web Services us-east-1: outage across 2 vendors',
    upstream: 'aws',
    upstreamName: 'Amazon Web Services',
    region: 'us-east-1',
    vendors: [
      { slug: 'aws', name: 'Amazon Web Services' },
      { slug: 'acme', name: 'Acme <b>Pay</b>' },
    ],
    incidents: ['aws-e1', 'acme-a1'],
  },
  'aws',
  '2026-03-02T14:04:00.000Z',
);
const event: VendorEvent = { id: 'evt_1', ...planned };
const context = messageContext(
  {
    vendor: {
      slug: 'aws',
      name: 'Amazon Web Services',
      statusPageUrl: 'https://health.aws.example',
    },
    incident: null,
  },
  { kind: 'event', event },
  'https://vw.example/',
);

describe('outage.correlated messages', () => {
  it('say which vendors and which upstream, and link the outage page', () => {
    const facts = messageFacts(event, context);
    expect(facts.label).toBe('Outage across vendors');
    expect(facts.headline).toBe(
      'Amazon Web Services: Amazon Web Services us-east-1: outage across 2 vendors',
    );
    expect(facts.text).toBe(
      'Incidents of 2 vendors look like one outage (likely upstream: Amazon Web Services us-east-1): Amazon Web Services, Acme <b>Pay</b>.',
    );
    expect(facts.links[0]).toEqual({
      label: 'View in vendorwatch',
      url: 'https://vw.example/outages/o-aws-e1',
    });
  });

  it('give webhooks the outage with its page, and page nobody on PagerDuty', () => {
    expect(renderWebhook(event, context)).toMatchObject({
      type: 'outage.correlated',
      vendor: { slug: 'aws' },
      outage: {
        id: 'o-aws-e1',
        region: 'us-east-1',
        url: 'https://vw.example/outages/o-aws-e1',
        incidents: ['aws-e1', 'acme-a1'],
      },
    });
    expect(renderPagerDuty(event, context)).toBeNull();
  });

  it('reach a target filtered to any member vendor, not one filtered to others', () => {
    const target = (
      name: string,
      vendors?: string[],
      events?: NotifyTarget['events'],
    ): NotifyTarget => ({
      name,
      type: 'webhook',
      url: 'https://hooks.example/x',
      ...(vendors ? { vendors } : {}),
      ...(events ? { events } : {}),
    });
    const routed = routeEvent(
      [
        target('all'),
        target('acme-only', ['acme']),
        target('other-only', ['zeta']),
        target('opened-only', undefined, ['incident.opened']),
      ],
      planned,
      { incident: null, updateComponents: null, notifiedTargets: [], vendors: ['aws', 'acme'] },
      { reminderLeadSeconds: null },
    );
    expect(routed.map((delivery) => delivery.target)).toEqual(['all', 'acme-only']);
  });
});
