import { describe, expect, it } from 'vitest';
import { webhookBody, verifySignature } from '../../test-support/service-shapes.js';
import { componentEvent, sampleContext, sampleEvent } from '../../test-support/samples.js';
import { renderWebhook, webhookSignature } from './render.js';

describe('the generic webhook body (as documented)', () => {
  it('carries exactly id, type, at, vendor, incident, update and changes', () => {
    const body = renderWebhook(sampleEvent('incident.opened'), sampleContext());
    expect(body).toEqual({
      id: 'evt_01K4TJ9Z8Q0000000000000000',
      type: 'incident.opened',
      at: '2025-09-10T13:47:31.000Z',
      vendor: { slug: 'balena', name: 'Balena' },
      incident: {
        id: 'balena-8gq2x9k1mlh4',
        title: 'Elevated API Errors',
        impact: 'notice',
        phase: 'investigating',
        url: 'http://127.0.0.1:3000/incidents/balena-8gq2x9k1mlh4',
      },
      update: {
        phase: 'investigating',
        body: 'We are investigating elevated API error rates.',
        postedAt: '2025-09-10T13:47:31.000Z',
      },
      changes: { phase: { from: null, to: 'investigating' } },
    });
    expect(webhookBody.safeParse(body).success).toBe(true);
  });

  it('names the phase the event reached, even when sent after later changes', () => {
    const context = sampleContext();
    context.incident!.phase = 'resolved';
    expect(renderWebhook(sampleEvent('incident.opened'), context)?.incident?.phase).toBe(
      'investigating',
    );
  });

  it('falls back to the vendor page without a public vendorwatch address', () => {
    const body = renderWebhook(sampleEvent('incident.opened'), sampleContext({ pageUrl: null }));
    expect(body?.incident?.url).toBe('https://status.balena.io/incidents/8gq2x9k1mlh4');
  });

  it('puts a component change in `component` and leaves out what the event lacks', () => {
    const body = renderWebhook(componentEvent(), sampleContext({ incident: null, update: null }));
    expect(body).toEqual({
      id: 'evt_01K4TJ9Z8Q0000000000000000',
      type: 'component.status_changed',
      at: '2025-09-10T13:47:31.000Z',
      vendor: { slug: 'balena', name: 'Balena' },
      component: { name: 'API', from: 'operational', to: 'partial_outage' },
      changes: { status: { from: 'operational', to: 'partial_outage' } },
    });
  });

  it('sends no update for an event that has none of its own', () => {
    const body = renderWebhook(
      sampleEvent('incident.resolved', { updateId: null }),
      sampleContext(),
    );
    expect(body).not.toHaveProperty('update');
    expect(body).not.toHaveProperty('changes');
  });

  it('sends no maintenance reminders (machines read the window themselves)', () => {
    expect(
      renderWebhook(sampleEvent('maintenance.scheduled'), sampleContext({ kind: 'reminder' })),
    ).toBeNull();
  });
});

describe('the signature', () => {
  const secret = 'whsec_test_secret_0123456789';
  const body = '{"id":"evt_1"}';

  it('is t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    expect(webhookSignature(body, secret, 1757512051)).toBe(
      't=1757512051,v1=9884cdc2a27f0ff1250a5d4a32786f986945dd021e5dd76f842286c7c83ef9aa',
    );
  });

  it('verifies with an independent verifier, and fails on another body, secret or an old t', () => {
    const now = 1757512051_000;
    const header = webhookSignature(body, secret, now / 1000);
    expect(verifySignature(body, header, secret, now)).toBe(true);
    expect(verifySignature(`${body} `, header, secret, now)).toBe(false);
    expect(verifySignature(body, header, `${secret}x`, now)).toBe(false);
    expect(verifySignature(body, header, secret, now + 301_000)).toBe(false);
  });
});
