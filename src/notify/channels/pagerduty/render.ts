// PagerDuty Events API v2: trigger while something is wrong, resolve when it is over, with one
// dedup key per incident (or per component, or per unreachable vendor) so PagerDuty folds
// repeats into one alert. Maintenance and reminders page nobody.
import type { VendorEvent } from '../../../domain/model.js';
import type { ComponentStatus, Impact } from '../../../domain/vocabulary.js';
import { closedPhases } from '../../../domain/vocabulary.js';
import { eventPhase, humanize, messageFacts } from '../../message.js';
import { oneLine, truncate } from '../../text.js';
import type { MessageContext } from '../../types.js';

/** PagerDuty's limits: summary 1024 characters, dedup_key 255. */
const maxSummary = 1024;
const maxDedupKey = 255;
export const defaultEventsUrl = 'https://events.pagerduty.com/v2/enqueue';

type Severity = 'critical' | 'error' | 'warning' | 'info';

/** The event without routing_key: the send adds the secret. */
export type PagerDutyEvent =
  | {
      event_action: 'trigger';
      dedup_key: string;
      payload: {
        summary: string;
        source: string;
        severity: Severity;
        timestamp: string;
        component?: string;
        group: string;
        class: string;
        custom_details: Record<string, unknown>;
      };
      links: Array<{ href: string; text: string }>;
      client: 'vendorwatch';
      client_url?: string;
    }
  | { event_action: 'resolve'; dedup_key: string };

const impactSeverity: Record<Impact, Severity> = {
  critical: 'critical',
  major: 'error',
  minor: 'warning',
  notice: 'info',
  maintenance: 'info',
};

function componentSeverity(status: ComponentStatus): Severity {
  if (status === 'major_outage') return 'critical';
  if (status === 'partial_outage') return 'error';
  return status === 'degraded_performance' ? 'warning' : 'info';
}

function dedupKey(...parts: string[]): string {
  return truncate(['vendorwatch', ...parts].join('/'), maxDedupKey);
}

/** What this event means for a PagerDuty alert, or null when it should not page. */
function action(
  event: VendorEvent,
  context: MessageContext,
): { action: 'trigger' | 'resolve'; key: string; severity: Severity } | null {
  if (context.kind === 'reminder') return null;
  const vendor = event.vendorSlug;
  switch (event.type) {
    case 'incident.opened':
    case 'incident.reopened':
    case 'incident.updated': {
      if (!context.incident || context.incident.kind !== 'incident') return null;
      const phase = eventPhase(event, context);
      // A postmortem after the resolution must not re-open the alert.
      if (phase !== null && closedPhases.includes(phase)) return null;
      const key = dedupKey(context.incident.id);
      return { action: 'trigger', key, severity: impactSeverity[context.incident.impact] };
    }
    case 'incident.resolved':
      return event.incidentId
        ? { action: 'resolve', key: dedupKey(event.incidentId), severity: 'info' }
        : null;
    case 'component.status_changed': {
      if (!event.component) return null;
      const key = dedupKey(vendor, 'component', event.component.id);
      const to = event.component.to;
      if (to === 'operational') return { action: 'resolve', key, severity: 'info' };
      if (to === 'under_maintenance' || to === 'unknown') return null;
      return { action: 'trigger', key, severity: componentSeverity(to) };
    }
    case 'vendor.unreachable':
      return { action: 'trigger', key: dedupKey(vendor, 'unreachable'), severity: 'warning' };
    case 'vendor.recovered':
      return { action: 'resolve', key: dedupKey(vendor, 'unreachable'), severity: 'info' };
    // Only for targets that opted in (events filter): a suspicion is our evidence, not the vendor's.
    case 'vendor.suspected':
      return { action: 'trigger', key: dedupKey(vendor, 'suspected'), severity: 'warning' };
    case 'vendor.suspicion_cleared':
      return { action: 'resolve', key: dedupKey(vendor, 'suspected'), severity: 'info' };
    case 'maintenance.scheduled':
    case 'maintenance.started':
    case 'maintenance.completed':
      return null;
    // Each member incident pages on its own; the grouping is context, not a new alert.
    case 'outage.correlated':
    case 'incident.stuck':
      // A silent vendor is worth a note to people, not a page to whoever is on call.
      return null;
  }
}

export function renderPagerDuty(
  event: VendorEvent,
  context: MessageContext,
): PagerDutyEvent | null {
  const decided = action(event, context);
  if (!decided) return null;
  if (decided.action === 'resolve') return { event_action: 'resolve', dedup_key: decided.key };
  const facts = messageFacts(event, context);
  const source = facts.links.at(-1)?.url ?? event.vendorSlug;
  const details: Record<string, unknown> = { vendor: facts.vendor.name, event: event.type };
  if (facts.impact) details.impact = facts.impact;
  if (facts.phase) details.phase = humanize(facts.phase);
  if (facts.components.length > 0) details.components = facts.components;
  if (facts.text) details.latest_update = facts.text;
  const payload: Extract<PagerDutyEvent, { event_action: 'trigger' }>['payload'] = {
    summary: oneLine(facts.headline, maxSummary),
    source: oneLine(source, 255),
    severity: decided.severity,
    timestamp: event.at,
    group: event.vendorSlug,
    class: event.type,
    custom_details: details,
  };
  if (facts.components.length > 0) payload.component = oneLine(facts.components.join(', '), 255);
  const page = facts.links.find((link) => link.label === 'View in vendorwatch');
  return {
    event_action: 'trigger',
    dedup_key: decided.key,
    payload,
    links: facts.links.map((link) => ({ href: link.url, text: link.label })),
    client: 'vendorwatch',
    ...(page ? { client_url: page.url } : {}),
  };
}
