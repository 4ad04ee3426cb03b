// The message context of one delivery, built from what the store holds now: the vendor, the
// incident, and the update to quote (the event's own, or the latest one).
import type { DeliveryContext } from '../domain/delivery.js';
import { outageFactsOf } from '../domain/outage.js';
import type { VendorEvent } from '../domain/model.js';
import type { MessageContext } from './types.js';

export function messageContext(
  stored: DeliveryContext,
  delivery: { kind: string; event: VendorEvent },
  publicUrl: string | null,
): MessageContext {
  const { incident, vendor } = stored;
  const { event } = delivery;
  const own = incident?.updates.find((update) => update.id === event.updateId);
  const update = own ?? incident?.updates.at(-1) ?? null;
  const base = publicUrl?.replace(/\/+$/, '') ?? null;
  let pageUrl: string | null = null;
  const outage = event.type === 'outage.correlated' ? outageFactsOf(event.changes) : null;
  if (base && outage) {
    pageUrl = `${base}/outages/${encodeURIComponent(outage.id)}`;
  } else if (base) {
    pageUrl = incident
      ? `${base}/incidents/${encodeURIComponent(incident.id)}`
      : `${base}/vendors/${encodeURIComponent(vendor.slug)}`;
  }
  return {
    vendor,
    incident: incident
      ? {
          id: incident.id,
          title: incident.title,
          kind: incident.kind,
          impact: incident.impact,
          phase: incident.phase,
          components: incident.components,
          sourceUrl: incident.sourceUrl,
          startedAt: incident.startedAt,
          resolvedAt: incident.resolvedAt,
          scheduledFor: incident.scheduledFor,
          scheduledUntil: incident.scheduledUntil,
        }
      : null,
    update: update
      ? { id: update.id, phase: update.phase, bodyText: update.bodyText, postedAt: update.postedAt }
      : null,
    pageUrl,
    kind: delivery.kind === 'reminder' ? 'reminder' : 'event',
  };
}

/** A reminder is sent only while its maintenance is still scheduled for about that time. */
export function reminderStillDue(
  context: MessageContext,
  now: Date,
  leadSeconds: number | null,
): boolean {
  const { incident } = context;
  if (!incident || incident.phase !== 'scheduled' || !incident.scheduledFor) return false;
  const startsInMs = Date.parse(incident.scheduledFor) - now.getTime();
  // Moved later by more than the lead plus a poll's slack: a newer reminder is on its way.
  const latestMs = ((leadSeconds ?? 0) + 600) * 1000;
  return startsInMs > 0 && startsInMs <= latestMs;
}
