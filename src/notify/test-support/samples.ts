// Events and message contexts for table tests, shaped like the Balena reference incident.
import type { ComponentChange, VendorEvent } from '../../domain/model.js';
import type { EventType } from '../../domain/vocabulary.js';
import type { MessageContext } from '../types.js';

export const sampleAt = '2025-09-10T13:47:31.000Z';

export function sampleEvent(type: EventType, overrides: Partial<VendorEvent> = {}): VendorEvent {
  const incidentEvent = type.startsWith('incident.') || type.startsWith('maintenance.');
  return {
    id: 'evt_01K4TJ9Z8Q0000000000000000',
    type,
    vendorSlug: 'balena',
    incidentId: incidentEvent ? 'balena-8gq2x9k1mlh4' : null,
    updateId: incidentEvent ? 'upd1' : null,
    component: null,
    changes: type === 'incident.opened' ? { phase: { from: null, to: 'investigating' } } : {},
    at: sampleAt,
    ...overrides,
  };
}

export function componentEvent(change: Partial<ComponentChange> = {}): VendorEvent {
  return sampleEvent('component.status_changed', {
    component: {
      id: 'm0x2vqk8r1zt',
      name: 'API',
      from: 'operational',
      to: 'partial_outage',
      ...change,
    },
    changes: { status: { from: 'operational', to: change.to ?? 'partial_outage' } },
  });
}

export function sampleContext(overrides: Partial<MessageContext> = {}): MessageContext {
  return {
    vendor: { slug: 'balena', name: 'Balena', statusPageUrl: 'https://status.balena.io' },
    incident: {
      id: 'balena-8gq2x9k1mlh4',
      title: 'Elevated API Errors',
      kind: 'incident',
      impact: 'notice',
      phase: 'investigating',
      components: ['API', 'Dashboard'],
      sourceUrl: 'https://status.balena.io/incidents/8gq2x9k1mlh4',
      startedAt: '2025-09-10T13:47:31.000Z',
      resolvedAt: null,
      scheduledFor: null,
      scheduledUntil: null,
    },
    update: {
      id: 'upd1',
      phase: 'investigating',
      bodyText: 'We are investigating elevated API error rates.',
      postedAt: '2025-09-10T13:47:31.000Z',
    },
    pageUrl: 'http://127.0.0.1:3000/incidents/balena-8gq2x9k1mlh4',
    kind: 'event',
    ...overrides,
  };
}

/** Vendor text that tries every sink's tricks at once. */
export const hostileText =
  '<!channel> <@U123> @everyone @here <script>alert(1)</script> [click](javascript:alert(1)) ' +
  '*bold* _it_ `code` &amp; <https://evil.example|totally safe>\r\nBcc: victim@example.com';

export function hostileContext(): MessageContext {
  const base = sampleContext();
  return {
    ...base,
    vendor: { ...base.vendor, name: 'Evil <b>Vendor</b> @everyone' },
    incident: {
      ...base.incident!,
      title: `Outage\r\nBcc: victim@example.com <!here>`,
      components: ['<@U999>'],
    },
    update: { ...base.update!, bodyText: hostileText },
  };
}
