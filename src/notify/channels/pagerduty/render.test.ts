import { describe, expect, it } from 'vitest';
import type { VendorEvent } from '../../../domain/model.js';
import type { MessageContext } from '../../types.js';
import { pagerDutyEvent } from '../../test-support/service-shapes.js';
import { componentEvent, sampleContext, sampleEvent } from '../../test-support/samples.js';
import { renderPagerDuty } from './render.js';

const noIncident = sampleContext({ incident: null, update: null });
const resolvedUpdate = sampleContext({
  update: { ...sampleContext().update!, id: 'pm', phase: 'postmortem' },
});
const maintenance = sampleContext({
  incident: { ...sampleContext().incident!, kind: 'maintenance', impact: 'maintenance' },
});

describe('PagerDuty Events API v2', () => {
  it.each<[string, VendorEvent, MessageContext, string | null, string | null]>([
    [
      'incident opened',
      sampleEvent('incident.opened'),
      sampleContext(),
      'trigger',
      'vendorwatch/balena-8gq2x9k1mlh4',
    ],
    [
      'incident updated',
      sampleEvent('incident.updated'),
      sampleContext(),
      'trigger',
      'vendorwatch/balena-8gq2x9k1mlh4',
    ],
    [
      'incident resolved',
      sampleEvent('incident.resolved'),
      sampleContext(),
      'resolve',
      'vendorwatch/balena-8gq2x9k1mlh4',
    ],
    [
      'postmortem after resolution',
      sampleEvent('incident.updated', { updateId: 'pm' }),
      resolvedUpdate,
      null,
      null,
    ],
    [
      'incident reopened',
      sampleEvent('incident.reopened'),
      sampleContext(),
      'trigger',
      'vendorwatch/balena-8gq2x9k1mlh4',
    ],
    ['maintenance', sampleEvent('maintenance.started'), maintenance, null, null],
    [
      'stuck incident',
      sampleEvent('incident.stuck', { updateId: null }),
      sampleContext(),
      null,
      null,
    ],
    [
      'component outage',
      componentEvent(),
      noIncident,
      'trigger',
      'vendorwatch/balena/component/m0x2vqk8r1zt',
    ],
    [
      'component recovery',
      componentEvent({ from: 'partial_outage', to: 'operational' }),
      noIncident,
      'resolve',
      'vendorwatch/balena/component/m0x2vqk8r1zt',
    ],
    [
      'vendor unreachable',
      sampleEvent('vendor.unreachable', { changes: { error: { from: null, to: 'HTTP 503' } } }),
      noIncident,
      'trigger',
      'vendorwatch/balena/unreachable',
    ],
    [
      'vendor recovered',
      sampleEvent('vendor.recovered'),
      noIncident,
      'resolve',
      'vendorwatch/balena/unreachable',
    ],
    [
      'reminder',
      sampleEvent('maintenance.scheduled'),
      { ...maintenance, kind: 'reminder' },
      null,
      null,
    ],
  ])('%s', (_name, event, context, action, key) => {
    const rendered = renderPagerDuty(event, context);
    if (action === null) {
      expect(rendered).toBeNull();
      return;
    }
    expect(rendered).toMatchObject({ event_action: action, dedup_key: key });
    expect(pagerDutyEvent.safeParse({ routing_key: 'R'.repeat(32), ...rendered }).success).toBe(
      true,
    );
  });

  it('maps impact to severity and carries the facts as details', () => {
    const context = sampleContext();
    context.incident!.impact = 'critical';
    const rendered = renderPagerDuty(sampleEvent('incident.opened'), context);
    expect(rendered).toMatchObject({
      payload: {
        summary: 'Balena: Elevated API Errors',
        source: 'https://status.balena.io/incidents/8gq2x9k1mlh4',
        severity: 'critical',
        component: 'API, Dashboard',
        group: 'balena',
        class: 'incident.opened',
        custom_details: {
          vendor: 'Balena',
          impact: 'critical',
          phase: 'investigating',
          latest_update: 'We are investigating elevated API error rates.',
        },
      },
      client_url: 'http://127.0.0.1:3000/incidents/balena-8gq2x9k1mlh4',
    });
    expect(JSON.stringify(rendered)).not.toContain('routing_key');
  });
});
