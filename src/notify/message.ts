// The facts every channel's message states, derived once from the event and its context: vendor,
// incident, impact and phase, components, the latest update text and the links. Plain text
// here; each channel escapes it for its own sink.
import type { VendorEvent } from '../domain/model.js';
import {
  closedPhases,
  isOneOf,
  phases,
  type EventType,
  type Impact,
  type Phase,
} from '../domain/vocabulary.js';
import { outageFactsOf } from '../domain/outage.js';
import { httpUrl, oneLine, paragraph } from './text.js';
import type { MessageContext } from './types.js';

/** Update text beyond this is cut: a chat message is an alert, the link has the rest. */
const maxMessageText = 1500;
const maxTitle = 200;

export type Tone = 'critical' | 'major' | 'minor' | 'info' | 'maintenance' | 'ok';

export interface MessageFacts {
  /** What happened, e.g. "New incident", "Resolved". */
  label: string;
  /** One line naming the vendor and the subject, e.g. "Balena: Elevated API Errors". */
  headline: string;
  vendor: { slug: string; name: string };
  title: string | null;
  impact: Impact | null;
  /** The phase the event moved the incident to (not a later one, if sending was delayed). */
  phase: Phase | null;
  components: string[];
  text: string | null;
  tone: Tone;
  at: string;
  /** The announced maintenance window, as every channel shows it ("from – until", UTC). */
  window: string | null;
  links: Array<{ label: string; url: string }>;
}

const labels: Record<EventType, string> = {
  'incident.opened': 'New incident',
  'incident.updated': 'Incident update',
  'incident.resolved': 'Resolved',
  'incident.reopened': 'Incident reopened',
  'incident.stuck': 'No vendor update for a while',
  'maintenance.scheduled': 'Maintenance scheduled',
  'maintenance.started': 'Maintenance started',
  'maintenance.completed': 'Maintenance completed',
  'component.status_changed': 'Component status changed',
  'vendor.unreachable': 'Status page unreachable',
  'vendor.recovered': 'Status page reachable again',
  'outage.correlated': 'Outage across vendors',
  'vendor.suspected': 'Suspected outage',
  'vendor.suspicion_cleared': 'Suspicion cleared',
};

const impactTone: Record<Impact, Tone> = {
  critical: 'critical',
  major: 'major',
  minor: 'minor',
  notice: 'info',
  maintenance: 'maintenance',
};

export function humanize(value: string): string {
  return value.replaceAll('_', ' ');
}

export function messageFacts(event: VendorEvent, context: MessageContext): MessageFacts {
  const { incident, vendor } = context;
  const vendorName = oneLine(vendor.name, maxTitle);
  const title = incident ? oneLine(incident.title, maxTitle) : null;
  const phase = eventPhase(event, context);
  const reminder = context.kind === 'reminder';
  return {
    label: reminder ? 'Maintenance starts soon' : labels[event.type],
    headline: `${vendorName}: ${subject(event, title)}`,
    vendor: { slug: vendor.slug, name: vendorName },
    title,
    impact: incident?.impact ?? null,
    phase,
    components: incident
      ? incident.components.map((name) => oneLine(name, maxTitle))
      : event.component
        ? [oneLine(event.component.name, maxTitle)]
        : [],
    text: messageText(event, context),
    tone: tone(event, context, phase),
    at: event.at,
    window:
      incident?.kind === 'maintenance' && incident.scheduledFor
        ? `${incident.scheduledFor}${incident.scheduledUntil ? ` – ${incident.scheduledUntil}` : ''}`
        : null,
    links: links(context),
  };
}

function subject(event: VendorEvent, title: string | null): string {
  if (title !== null) return title;
  if (event.component) {
    return `${oneLine(event.component.name, maxTitle)} is ${humanize(event.component.to)}`;
  }
  if (event.type === 'vendor.unreachable') return 'status page unreachable';
  if (event.type === 'vendor.recovered') return 'status page reachable again';
  if (event.type === 'vendor.suspected') return 'probes failing, nothing posted yet';
  if (event.type === 'vendor.suspicion_cleared') return 'probes pass again';
  const outage = event.type === 'outage.correlated' ? outageFactsOf(event.changes) : null;
  if (outage) return oneLine(outage.title, maxTitle);
  return labels[event.type];
}

/** The phase the event moved the incident to (its update's, or the recorded transition). */
export function eventPhase(event: VendorEvent, context: MessageContext): Phase | null {
  if (context.update && context.update.id === event.updateId) return context.update.phase;
  const moved = event.changes.phase?.to;
  if (isOneOf(phases, moved)) return moved;
  return context.incident?.phase ?? null;
}

function messageText(event: VendorEvent, context: MessageContext): string | null {
  if (context.kind === 'reminder' && context.incident?.scheduledFor) {
    return `Starts at ${context.incident.scheduledFor.replace('T', ' ').slice(0, 16)} UTC.`;
  }
  if (event.type === 'incident.stuck') return stuckText(event);
  if (context.incident) {
    return context.update ? paragraph(context.update.bodyText, maxMessageText) || null : null;
  }
  if (event.component) {
    const from = event.component.from ? humanize(event.component.from) : 'not listed';
    return `${from} → ${humanize(event.component.to)}`;
  }
  if (event.type === 'outage.correlated') return outageText(event);
  if (event.type === 'vendor.suspected' || event.type === 'vendor.suspicion_cleared') {
    return suspicionText(event);
  }
  const error = event.changes.error?.to;
  if (event.type === 'vendor.unreachable') {
    return typeof error === 'string'
      ? `vendorwatch cannot read the status page: ${oneLine(error, 300)}`
      : 'vendorwatch cannot read the status page.';
  }
  return null;
}

/** What the probes saw, from the event's own facts: when they began failing, and why. */
function suspicionText(event: VendorEvent): string {
  const since = event.changes.firstSignalAt?.to;
  const at = typeof since === 'string' ? ` since ${since.replace('T', ' ').slice(0, 19)} UTC` : '';
  if (event.type === 'vendor.suspicion_cleared') {
    return `vendorwatch's probes of the vendor pass again (failing${at}); the vendor posted no incident.`;
  }
  const error = event.changes.error?.to;
  const why = typeof error === 'string' ? `: ${oneLine(error, 300)}` : '.';
  return `vendorwatch's probes of the vendor fail${at}, and its status page shows no incident${why}`;
}

/** "No update from the vendor since 09:10 UTC (more than 6h)": the stuck event's own facts. */
function stuckText(event: VendorEvent): string {
  const last = event.changes.lastUpdateAt?.to;
  const after = event.changes.stuckAfterSeconds?.to;
  const since = typeof last === 'string' ? ` since ${last.replace('T', ' ').slice(0, 16)} UTC` : '';
  const limit = typeof after === 'number' ? ` (more than ${formatHours(after)})` : '';
  return `The incident is still open with no update from the vendor${since}${limit}.`;
}

function formatHours(seconds: number): string {
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min`;
  return `${Math.round((seconds / 3600) * 10) / 10} h`;
}

function tone(event: VendorEvent, context: MessageContext, phase: Phase | null): Tone {
  switch (event.type) {
    case 'incident.stuck':
    case 'vendor.suspected':
      return 'minor';
    case 'vendor.suspicion_cleared':
    case 'incident.resolved':
    case 'maintenance.completed':
    case 'vendor.recovered':
      return 'ok';
    case 'maintenance.scheduled':
    case 'maintenance.started':
      return 'maintenance';
    case 'vendor.unreachable':
      return 'minor';
    case 'outage.correlated':
      return 'major';
    case 'component.status_changed': {
      const to = event.component?.to;
      if (to === 'operational') return 'ok';
      if (to === 'major_outage') return 'critical';
      if (to === 'partial_outage') return 'major';
      if (to === 'under_maintenance') return 'maintenance';
      return 'minor';
    }
    case 'incident.opened':
    case 'incident.updated':
    case 'incident.reopened':
      if (phase !== null && closedPhases.includes(phase)) return 'ok';
      return context.incident ? impactTone[context.incident.impact] : 'info';
  }
}

/** One message for the group: which vendors, and the likely upstream. */
function outageText(event: VendorEvent): string | null {
  const outage = outageFactsOf(event.changes);
  if (!outage) return null;
  const names = outage.vendors.map((vendor) => oneLine(vendor.name, 80)).join(', ');
  const upstream = oneLine(outage.upstreamName || outage.upstream, 80);
  const where = outage.region ? `${upstream} ${outage.region}` : upstream;
  return paragraph(
    `Incidents of ${outage.vendors.length} vendors look like one outage (likely upstream: ${where}): ${names}.`,
    maxMessageText,
  );
}

function links(context: MessageContext): MessageFacts['links'] {
  const found: MessageFacts['links'] = [];
  const page = httpUrl(context.pageUrl);
  if (page) found.push({ label: 'View in vendorwatch', url: page });
  const source = httpUrl(context.incident?.sourceUrl) ?? httpUrl(context.vendor.statusPageUrl);
  if (source) found.push({ label: `${oneLine(context.vendor.name, 80)} status page`, url: source });
  return found;
}
