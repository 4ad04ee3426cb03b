// Opsgenie Alerts API v2: create an alert while something is wrong and close it when it is over,
// with one alias per incident (or per component, or per unreachable vendor) so Opsgenie folds
// repeats into one alert (a create with an open alias only counts up). Maintenance and reminders
// page nobody, and a postmortem after the resolution does not re-open the alert.
import type { VendorEvent } from '../../../domain/model.js';
import type { ComponentStatus, Impact } from '../../../domain/vocabulary.js';
import { closedPhases } from '../../../domain/vocabulary.js';
import { eventPhase, humanize, messageFacts } from '../../message.js';
import { oneLine, truncate } from '../../text.js';
import type { MessageContext } from '../../types.js';

// Opsgenie's documented limits.
const maxMessage = 130;
const maxAlias = 512;
const maxDescription = 15000;
const maxTag = 50;
const maxDetailValue = 1000;
const maxNote = 25000;
const source = 'vendorwatch';
export const defaultApiUrl = 'https://api.opsgenie.com';

type Priority = 'P1' | 'P2' | 'P3' | 'P4' | 'P5';

export interface OpsgenieCreate {
  action: 'create';
  alias: string;
  body: {
    message: string;
    alias: string;
    description: string;
    priority: Priority;
    tags: string[];
    details: Record<string, string>;
    entity: string;
    source: typeof source;
  };
}

export interface OpsgenieClose {
  action: 'close';
  alias: string;
  body: { source: typeof source; note: string };
}

/** What the send posts: a create to /v2/alerts or a close to /v2/alerts/{alias}/close. */
export type OpsgenieRequest = OpsgenieCreate | OpsgenieClose;

const impactPriority: Record<Impact, Priority> = {
  critical: 'P1',
  major: 'P2',
  minor: 'P3',
  notice: 'P4',
  maintenance: 'P5',
};

function componentPriority(status: ComponentStatus): Priority {
  if (status === 'major_outage') return 'P1';
  if (status === 'partial_outage') return 'P2';
  return status === 'degraded_performance' ? 'P3' : 'P4';
}

/** Dashes only, so the alias needs no care in the close URL's path. */
function alias(...parts: string[]): string {
  return truncate(['vendorwatch', ...parts].join('-'), maxAlias);
}

function decide(
  event: VendorEvent,
  context: MessageContext,
): { action: 'create' | 'close'; alias: string; priority: Priority } | null {
  if (context.kind === 'reminder') return null;
  const vendor = event.vendorSlug;
  switch (event.type) {
    case 'incident.opened':
    case 'incident.reopened':
    case 'incident.updated': {
      if (!context.incident || context.incident.kind !== 'incident') return null;
      const phase = eventPhase(event, context);
      if (phase !== null && closedPhases.includes(phase)) return null;
      const priority = impactPriority[context.incident.impact];
      return { action: 'create', alias: alias(context.incident.id), priority };
    }
    case 'incident.resolved':
      return event.incidentId
        ? { action: 'close', alias: alias(event.incidentId), priority: 'P5' }
        : null;
    case 'component.status_changed': {
      if (!event.component) return null;
      const key = alias(vendor, 'component', event.component.id);
      const to = event.component.to;
      if (to === 'operational') return { action: 'close', alias: key, priority: 'P5' };
      if (to === 'under_maintenance' || to === 'unknown') return null;
      return { action: 'create', alias: key, priority: componentPriority(to) };
    }
    case 'vendor.unreachable':
      return { action: 'create', alias: alias(vendor, 'unreachable'), priority: 'P3' };
    case 'vendor.recovered':
      return { action: 'close', alias: alias(vendor, 'unreachable'), priority: 'P5' };
    // Only for targets that opted in (events filter): a suspicion is our evidence, not the vendor's.
    case 'vendor.suspected':
      return { action: 'create', alias: alias(vendor, 'suspected'), priority: 'P3' };
    case 'vendor.suspicion_cleared':
      return { action: 'close', alias: alias(vendor, 'suspected'), priority: 'P5' };
    case 'maintenance.scheduled':
    case 'maintenance.started':
    case 'maintenance.completed':
      return null;
    // As for PagerDuty: each member incident alerts on its own, and a silent vendor is a note
    // for people, not an alert for whoever is on call.
    case 'outage.correlated':
    case 'incident.stuck':
      return null;
  }
}

export function renderOpsgenie(
  event: VendorEvent,
  context: MessageContext,
): OpsgenieRequest | null {
  const decided = decide(event, context);
  if (!decided) return null;
  const facts = messageFacts(event, context);
  if (decided.action === 'close') {
    const note = [`${facts.label}: ${facts.headline}`, facts.text].filter(Boolean).join('\n\n');
    return {
      action: 'close',
      alias: decided.alias,
      body: { source, note: truncate(note, maxNote) },
    };
  }
  const details: Record<string, string> = { vendor: facts.vendor.name, event: event.type };
  if (facts.impact) details.impact = facts.impact;
  if (facts.phase) details.phase = humanize(facts.phase);
  if (facts.components.length > 0) details.components = facts.components.join(', ');
  for (const link of facts.links) details[link.label] = link.url;
  const description = [
    facts.text ?? facts.headline,
    '',
    ...facts.links.map((link) => `${link.label}: ${link.url}`),
  ].join('\n');
  return {
    action: 'create',
    alias: decided.alias,
    body: {
      message: oneLine(facts.headline, maxMessage),
      alias: decided.alias,
      description: truncate(description.trim(), maxDescription),
      priority: decided.priority,
      tags: ['vendorwatch', facts.vendor.slug, ...(facts.impact ? [facts.impact] : [])].map((t) =>
        oneLine(t, maxTag),
      ),
      details: Object.fromEntries(
        Object.entries(details).map(([key, value]) => [key, oneLine(value, maxDetailValue)]),
      ),
      entity: oneLine(facts.vendor.name, 512),
      source,
    },
  };
}
