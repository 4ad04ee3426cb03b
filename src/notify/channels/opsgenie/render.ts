// Opsgenie Alerts API v2: create an alert while something is wrong and close it when it is over,
// with one alias per incident (or per component, or per unreachable vendor) so Opsgenie folds
// repeats into one alert (a create with an open alias only counts up). Which events create and
// close an alert, and how urgent it is, is shared with PagerDuty (notify/alert-lifecycle.ts).
import type { VendorEvent } from '../../../domain/model.js';
import { alertDecision } from '../../alert-lifecycle.js';
import { humanize, messageFacts } from '../../message.js';
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

/** Dashes only, so the alias needs no care in the close URL's path. */
function alias(parts: string[]): string {
  return truncate(['vendorwatch', ...parts].join('-'), maxAlias);
}

export function renderOpsgenie(
  event: VendorEvent,
  context: MessageContext,
): OpsgenieRequest | null {
  const decided = alertDecision(event, context);
  if (!decided) return null;
  const facts = messageFacts(event, context);
  const key = alias(decided.keyParts);
  if (decided.action === 'close') {
    const note = [`${facts.label}: ${facts.headline}`, facts.text].filter(Boolean).join('\n\n');
    return {
      action: 'close',
      alias: key,
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
    alias: key,
    body: {
      message: oneLine(facts.headline, maxMessage),
      alias: key,
      description: truncate(description.trim(), maxDescription),
      priority: `P${decided.urgency}`,
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
