import { describe, expect, it } from 'vitest';
import type { VendorEvent } from '../../../domain/model.js';
import {
  componentEvent,
  hostileContext,
  sampleContext,
  sampleEvent,
} from '../../test-support/samples.js';
import { opsgenieCreate } from '../../test-support/service-shapes.js';
import type { MessageContext } from '../../types.js';
import { renderOpsgenie } from './render.js';
import { opsgenieUrl } from './send.js';

const noIncident = sampleContext({ incident: null, update: null });
const postmortem = sampleContext({
  update: { ...sampleContext().update!, id: 'pm', phase: 'postmortem' },
});
const maintenance = sampleContext({
  incident: { ...sampleContext().incident!, kind: 'maintenance', impact: 'maintenance' },
});
const incidentAlias = 'vendorwatch-balena-8gq2x9k1mlh4';

describe('Opsgenie alert requests', () => {
  it.each<[string, VendorEvent, MessageContext, string | null, string | null, string | null]>([
    [
      'incident opened',
      sampleEvent('incident.opened'),
      sampleContext(),
      'create',
      incidentAlias,
      'P4',
    ],
    [
      'incident updated',
      sampleEvent('incident.updated'),
      sampleContext(),
      'create',
      incidentAlias,
      'P4',
    ],
    [
      'incident resolved',
      sampleEvent('incident.resolved'),
      sampleContext(),
      'close',
      incidentAlias,
      null,
    ],
    [
      'postmortem after resolution',
      sampleEvent('incident.updated', { updateId: 'pm' }),
      postmortem,
      null,
      null,
      null,
    ],
    [
      'incident reopened',
      sampleEvent('incident.reopened'),
      sampleContext(),
      'create',
      incidentAlias,
      'P4',
    ],
    ['maintenance scheduled', sampleEvent('maintenance.scheduled'), maintenance, null, null, null],
    ['maintenance started', sampleEvent('maintenance.started'), maintenance, null, null, null],
    ['maintenance completed', sampleEvent('maintenance.completed'), maintenance, null, null, null],
    [
      'component outage',
      componentEvent({ to: 'major_outage' }),
      noIncident,
      'create',
      'vendorwatch-balena-component-m0x2vqk8r1zt',
      'P1',
    ],
    [
      'component degraded',
      componentEvent({ to: 'degraded_performance' }),
      noIncident,
      'create',
      'vendorwatch-balena-component-m0x2vqk8r1zt',
      'P3',
    ],
    [
      'component recovery',
      componentEvent({ from: 'partial_outage', to: 'operational' }),
      noIncident,
      'close',
      'vendorwatch-balena-component-m0x2vqk8r1zt',
      null,
    ],
    [
      'component in maintenance',
      componentEvent({ to: 'under_maintenance' }),
      noIncident,
      null,
      null,
      null,
    ],
    [
      'vendor unreachable',
      sampleEvent('vendor.unreachable'),
      noIncident,
      'create',
      'vendorwatch-balena-unreachable',
      'P3',
    ],
    [
      'vendor recovered',
      sampleEvent('vendor.recovered'),
      noIncident,
      'close',
      'vendorwatch-balena-unreachable',
      null,
    ],
    [
      'reminder',
      sampleEvent('maintenance.scheduled'),
      { ...maintenance, kind: 'reminder' },
      null,
      null,
      null,
    ],
  ])('%s', (_name, event, context, action, alias, priority) => {
    const rendered = renderOpsgenie(event, context);
    if (action === null) {
      expect(rendered).toBeNull();
      return;
    }
    expect(rendered).toMatchObject({ action, alias });
    if (rendered?.action === 'create') {
      expect(rendered.body.priority).toBe(priority);
      expect(rendered.body.alias).toBe(alias);
      expect(opsgenieCreate.safeParse(rendered.body).error).toBeUndefined();
    }
  });

  it('states the incident as message, description, tags and details', () => {
    const context = sampleContext();
    context.incident!.impact = 'critical';
    expect(renderOpsgenie(sampleEvent('incident.opened'), context)).toEqual({
      action: 'create',
      alias: incidentAlias,
      body: {
        message: 'Balena: Elevated API Errors',
        alias: incidentAlias,
        description: [
          'We are investigating elevated API error rates.',
          '',
          'View in vendorwatch: http://127.0.0.1:3000/incidents/balena-8gq2x9k1mlh4',
          'Balena status page: https://status.balena.io/incidents/8gq2x9k1mlh4',
        ].join('\n'),
        priority: 'P1',
        tags: ['vendorwatch', 'balena', 'critical'],
        details: {
          vendor: 'Balena',
          event: 'incident.opened',
          impact: 'critical',
          phase: 'investigating',
          components: 'API, Dashboard',
          'View in vendorwatch': 'http://127.0.0.1:3000/incidents/balena-8gq2x9k1mlh4',
          'Balena status page': 'https://status.balena.io/incidents/8gq2x9k1mlh4',
        },
        entity: 'Balena',
        source: 'vendorwatch',
      },
    });
  });

  it('closes with a note naming the resolution', () => {
    const rendered = renderOpsgenie(sampleEvent('incident.resolved'), sampleContext());
    expect(rendered).toEqual({
      action: 'close',
      alias: incidentAlias,
      body: {
        source: 'vendorwatch',
        note: 'Resolved: Balena: Elevated API Errors\n\nWe are investigating elevated API error rates.',
      },
    });
    expect(opsgenieUrl('https://api.eu.opsgenie.com/', rendered!)).toBe(
      `https://api.eu.opsgenie.com/v2/alerts/${incidentAlias}/close?identifierType=alias`,
    );
  });

  it('keeps hostile vendor text on one line and within the limits', () => {
    const context = hostileContext();
    context.incident!.title = `${'Outage '.repeat(40)}\r\nX-Injected: yes`;
    context.incident!.id = `balena-${'x/y?'.repeat(200)}`;
    const rendered = renderOpsgenie(sampleEvent('incident.updated'), context);
    if (rendered?.action !== 'create') throw new Error('expected a create');
    expect(rendered.body.message).not.toMatch(/[\r\n]/);
    expect(rendered.body.message.length).toBeLessThanOrEqual(130);
    expect(opsgenieCreate.safeParse(rendered.body).error).toBeUndefined();
    // The alias is cut to 512 and goes into the close URL's path encoded, never as a path.
    const close = renderOpsgenie(
      sampleEvent('incident.resolved', { incidentId: context.incident!.id }),
      context,
    );
    const url = new URL(opsgenieUrl('https://api.opsgenie.com', close!));
    expect(url.pathname.split('/')).toHaveLength(5);
    expect(url.searchParams.get('identifierType')).toBe('alias');
  });
});
