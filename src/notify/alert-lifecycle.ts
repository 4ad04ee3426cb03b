// The on-call channels (PagerDuty, Opsgenie) keep one alert open per thing that is wrong: an
// incident, a component's outage, an unreachable vendor, a suspected one. Which event opens which
// alert, which closes it, and how urgent it is, is decided here once; each channel only spells
// the key and the urgency its own way. Maintenance, reminders, outage groupings and stuck
// incidents page nobody, and a postmortem after the resolution does not re-open the alert.
import type { VendorEvent } from '../domain/model.js';
import type { ComponentStatus, Impact } from '../domain/vocabulary.js';
import { closedPhases } from '../domain/vocabulary.js';
import { eventPhase } from './message.js';
import type { MessageContext } from './types.js';

/** 1 is the most urgent, 5 the least (Opsgenie's P1–P5; PagerDuty folds 4 and 5 into info). */
export type Urgency = 1 | 2 | 3 | 4 | 5;

export interface AlertDecision {
  action: 'open' | 'close';
  /** What the alert is about, e.g. [incidentId] or [vendor, 'component', componentId]. */
  keyParts: string[];
  urgency: Urgency;
}

const impactUrgency: Record<Impact, Urgency> = {
  critical: 1,
  major: 2,
  minor: 3,
  notice: 4,
  maintenance: 5,
};

function componentUrgency(status: ComponentStatus): Urgency {
  if (status === 'major_outage') return 1;
  if (status === 'partial_outage') return 2;
  return status === 'degraded_performance' ? 3 : 4;
}

const open = (keyParts: string[], urgency: Urgency): AlertDecision => ({
  action: 'open',
  keyParts,
  urgency,
});
const close = (keyParts: string[]): AlertDecision => ({ action: 'close', keyParts, urgency: 5 });

/** What this event means for an on-call alert, or null when it should page nobody. */
export function alertDecision(event: VendorEvent, context: MessageContext): AlertDecision | null {
  if (context.kind === 'reminder') return null;
  const vendor = event.vendorSlug;
  switch (event.type) {
    case 'incident.opened':
    case 'incident.reopened':
    case 'incident.updated': {
      if (!context.incident || context.incident.kind !== 'incident') return null;
      const phase = eventPhase(event, context);
      if (phase !== null && closedPhases.includes(phase)) return null;
      return open([context.incident.id], impactUrgency[context.incident.impact]);
    }
    case 'incident.resolved':
      return event.incidentId ? close([event.incidentId]) : null;
    case 'component.status_changed': {
      if (!event.component) return null;
      const key = [vendor, 'component', event.component.id];
      const to = event.component.to;
      if (to === 'operational') return close(key);
      if (to === 'under_maintenance' || to === 'unknown') return null;
      return open(key, componentUrgency(to));
    }
    case 'vendor.unreachable':
      return open([vendor, 'unreachable'], 3);
    case 'vendor.recovered':
      return close([vendor, 'unreachable']);
    // Only for targets that opted in (events filter): a suspicion is our evidence, not the vendor's.
    case 'vendor.suspected':
      return open([vendor, 'suspected'], 3);
    case 'vendor.suspicion_cleared':
      return close([vendor, 'suspected']);
    case 'maintenance.scheduled':
    case 'maintenance.started':
    case 'maintenance.completed':
      return null;
    // Each member incident alerts on its own; the grouping is context, not a new alert. A silent
    // vendor is worth a note to people, not a page to whoever is on call.
    case 'outage.correlated':
    case 'incident.stuck':
      return null;
  }
}
