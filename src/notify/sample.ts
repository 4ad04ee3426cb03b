// The message `vendorwatch notify test` sends: clearly a test, shaped like a real incident so
// the receiver shows every part (vendor, impact, phase, components, text, links).
import type { VendorEvent } from '../domain/model.js';
import type { MessageContext } from './types.js';

export function sampleMessage(
  eventId: string,
  now: Date,
  publicUrl: string | null,
): { event: VendorEvent; context: MessageContext } {
  const at = now.toISOString();
  const incidentId = 'vendorwatch-test';
  return {
    event: {
      id: eventId,
      type: 'incident.opened',
      vendorSlug: 'vendorwatch',
      incidentId,
      updateId: 'test',
      component: null,
      changes: { phase: { from: null, to: 'investigating' } },
      at,
    },
    context: {
      vendor: { slug: 'vendorwatch', name: 'vendorwatch', statusPageUrl: publicUrl },
      incident: {
        id: incidentId,
        title: 'Test notification',
        kind: 'incident',
        impact: 'minor',
        phase: 'investigating',
        components: ['Example component'],
        sourceUrl: null,
        startedAt: at,
        resolvedAt: null,
        scheduledFor: null,
        scheduledUntil: null,
      },
      update: {
        id: 'test',
        phase: 'investigating',
        bodyText:
          'This is a test message sent by `vendorwatch notify test`. No vendor is affected; ' +
          'if you can read this, this target works.',
        postedAt: at,
      },
      pageUrl: publicUrl,
      kind: 'event',
    },
  };
}
