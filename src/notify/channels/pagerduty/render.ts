// PagerDuty Events API v2: trigger while something is wrong, resolve when it is over, with one
// dedup key per incident (or per component, or per unreachable vendor) so PagerDuty folds
// repeats into one alert. Which events trigger and resolve, and how urgent they are, is shared
// with Opsgenie (notify/alert-lifecycle.ts).
import type { VendorEvent } from '../../../domain/model.js';
import { alertDecision, type Urgency } from '../../alert-lifecycle.js';
import { humanize, messageFacts } from '../../message.js';
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

const urgencySeverity: Record<Urgency, Severity> = {
  1: 'critical',
  2: 'error',
  3: 'warning',
  4: 'info',
  5: 'info',
};

function dedupKey(parts: string[]): string {
  return truncate(['vendorwatch', ...parts].join('/'), maxDedupKey);
}

export function renderPagerDuty(
  event: VendorEvent,
  context: MessageContext,
): PagerDutyEvent | null {
  const decided = alertDecision(event, context);
  if (!decided) return null;
  const key = dedupKey(decided.keyParts);
  if (decided.action === 'close') return { event_action: 'resolve', dedup_key: key };
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
    severity: urgencySeverity[decided.urgency],
    timestamp: event.at,
    group: event.vendorSlug,
    class: event.type,
    custom_details: details,
  };
  if (facts.components.length > 0) payload.component = oneLine(facts.components.join(', '), 255);
  const page = facts.links.find((link) => link.label === 'View in vendorwatch');
  return {
    event_action: 'trigger',
    dedup_key: key,
    payload,
    links: facts.links.map((link) => ({ href: link.url, text: link.label })),
    client: 'vendorwatch',
    ...(page ? { client_url: page.url } : {}),
  };
}
