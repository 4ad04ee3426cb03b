// The generic webhook body, exactly as docs/contract.md#notifications lists it, and its signature
// header.
import { createHmac } from 'node:crypto';
import type { ComponentStatus, EventType, Impact, Phase } from '../../../domain/vocabulary.js';
import type { VendorEvent } from '../../../domain/model.js';
import { outageFactsOf, type OutageEventFacts } from '../../../domain/outage.js';
import { httpUrl, paragraph } from '../../text.js';
import type { MessageContext } from '../../types.js';
import { eventPhase } from '../../message.js';

/** Standard Webhooks recommends payloads under 20 KB; update text past this is cut. */
const maxBody = 8000;

export interface WebhookBody {
  id: string;
  type: EventType;
  at: string;
  vendor: { slug: string; name: string };
  incident?: { id: string; title: string; impact: Impact; phase: Phase; url: string | null };
  update?: { phase: Phase; body: string; postedAt: string };
  component?: { name: string; from: ComponentStatus | null; to: ComponentStatus };
  changes?: VendorEvent['changes'];
  /** outage.correlated: the group, with vendorwatch's page for it when publicUrl is set. */
  outage?: OutageEventFacts & { url: string | null };
}

/** Machines get every event; a reminder is for people, so webhooks get none. */
export function renderWebhook(event: VendorEvent, context: MessageContext): WebhookBody | null {
  if (context.kind === 'reminder') return null;
  const body: WebhookBody = {
    id: event.id,
    type: event.type,
    at: event.at,
    vendor: { slug: context.vendor.slug, name: context.vendor.name },
  };
  const { incident, update } = context;
  if (incident) {
    body.incident = {
      id: incident.id,
      title: incident.title,
      impact: incident.impact,
      phase: eventPhase(event, context) ?? incident.phase,
      // vendorwatch's page when its public address is known, else the vendor's own page.
      url: httpUrl(context.pageUrl) ?? httpUrl(incident.sourceUrl),
    };
  }
  if (update && event.updateId !== null && update.id === event.updateId) {
    body.update = {
      phase: update.phase,
      body: paragraph(update.bodyText, maxBody),
      postedAt: update.postedAt,
    };
  }
  if (event.component) {
    const { name, from, to } = event.component;
    body.component = { name, from, to };
  }
  const outage = event.type === 'outage.correlated' ? outageFactsOf(event.changes) : null;
  if (outage) body.outage = { ...outage, url: httpUrl(context.pageUrl) };
  if (Object.keys(event.changes).length > 0) body.changes = event.changes;
  return body;
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as documented for the webhook. */
export function webhookSignature(body: string, secret: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}
