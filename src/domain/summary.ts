// The one-sentence summary of an incident (docs/contract.md#domain-model), generated from the model
// alone.
import { formatDuration } from './duration.js';
import type { Incident } from './model.js';
import { secondsBetween } from './time.js';

const longDate = new Intl.DateTimeFormat('en-US', {
  month: 'long',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});

/** Names shown before "and N more components". */
const namedComponents = 2;

export function incidentDurationSeconds(
  incident: Pick<Incident, 'startedAt' | 'resolvedAt'>,
  now: string,
): number {
  return secondsBetween(incident.startedAt, incident.resolvedAt ?? now);
}

export function summarizeIncident(
  incident: Pick<
    Incident,
    'kind' | 'impact' | 'startedAt' | 'resolvedAt' | 'components' | 'phase' | 'scheduledFor'
  >,
  vendorName: string,
  now: string,
): string {
  const affecting = affectingClause(incident.components);
  const duration = formatDuration(incidentDurationSeconds(incident, now));
  const date = longDate.format(new Date(incident.startedAt));
  if (incident.kind === 'maintenance') {
    if (incident.phase === 'scheduled') {
      return `${vendorName} has scheduled maintenance on ${longDate.format(new Date(incident.scheduledFor ?? incident.startedAt))}${affecting}.`;
    }
    const tail = incident.resolvedAt ? `lasting ${duration}` : `ongoing for ${duration}`;
    return `${vendorName} held scheduled maintenance on ${date}${affecting}, ${tail}.`;
  }
  const article = /^[aeiou]/.test(incident.impact) ? 'an' : 'a';
  const tail = incident.resolvedAt ? `lasting ${duration}` : `ongoing for ${duration}`;
  return `${vendorName} experienced ${article} ${incident.impact} incident on ${date}${affecting}, ${tail}.`;
}

function affectingClause(components: readonly string[]): string {
  if (components.length === 0) return '';
  if (components.length === 1) return ` affecting ${components[0]}`;
  if (components.length === 2) return ` affecting ${components[0]} and ${components[1]}`;
  const more = components.length - namedComponents;
  const noun = more === 1 ? 'component' : 'components';
  return ` affecting ${components.slice(0, namedComponents).join(', ')} and ${more} more ${noun}`;
}
