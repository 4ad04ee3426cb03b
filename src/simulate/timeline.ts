// Loads and validates a timeline file (format: timeline-schema.ts). Errors name the file and the
// path inside it, e.g. `vendors[0].steps[3].incidents[0].status: …`, one problem per line.
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { derivedGroupId } from './timeline-state.js';
import { timelineSchema, type Timeline, type TimelineVendor } from './timeline-schema.js';
import { incidentStatuses, maintenanceStatuses } from '../adapters/sim-kit/types.js';

export class TimelineError extends Error {
  override readonly name = 'TimelineError';
}

export async function loadTimeline(path: string): Promise<Timeline> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new TimelineError(`${path}: cannot read the timeline: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TimelineError(`${path}: not valid JSON: ${(error as Error).message}`);
  }
  return parseTimeline(value, path);
}

export function parseTimeline(value: unknown, source = 'timeline'): Timeline {
  const parsed = timelineSchema.safeParse(value);
  const problems = parsed.success
    ? crossCheck(parsed.data)
    : parsed.error.issues.map(describeIssue);
  if (problems.length > 0 || !parsed.success) {
    throw new TimelineError(`${source} is not a valid timeline:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out || '(root)';
}

function describeIssue(issue: z.core.$ZodIssue): string {
  return `${formatPath(issue.path)}: ${issue.message}`;
}

/** What the schema alone cannot say: references between ids, and statuses that fit the kind. */
function crossCheck(timeline: Timeline): string[] {
  const problems: string[] = [];
  const slugs = new Set<string>();
  timeline.vendors.forEach((vendor, v) => {
    const at = `vendors[${v}]`;
    if (slugs.has(vendor.slug)) problems.push(`${at}.slug: duplicate slug "${vendor.slug}"`);
    slugs.add(vendor.slug);
    problems.push(...checkVendor(vendor, at));
  });
  return problems;
}

function checkVendor(vendor: TimelineVendor, at: string): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  vendor.components.forEach((component, c) => {
    if (ids.has(component.id))
      problems.push(`${at}.components[${c}].id: duplicate "${component.id}"`);
    ids.add(component.id);
  });
  for (const group of new Set(vendor.components.flatMap((c) => (c.group ? [c.group] : [])))) {
    if (ids.has(derivedGroupId(vendor.slug, group))) {
      problems.push(`${at}.components: a component id collides with group "${group}"`);
    }
  }
  const known = (id: string): boolean => ids.has(id);
  vendor.steps.forEach((step, s) => {
    const stepAt = `${at}.steps[${s}]`;
    for (const id of Object.keys(step.components)) {
      if (!known(id)) problems.push(`${stepAt}.components.${id}: unknown component id`);
    }
    const seen = new Set<string>();
    for (const list of ['incidents', 'maintenances'] as const) {
      const allowed: readonly string[] =
        list === 'incidents' ? incidentStatuses : maintenanceStatuses;
      step[list].forEach((incident, i) => {
        const incAt = `${stepAt}.${list}[${i}]`;
        if (seen.has(incident.id))
          problems.push(`${incAt}.id: duplicate "${incident.id}" in this step`);
        seen.add(incident.id);
        if (!allowed.includes(incident.status)) {
          problems.push(
            `${incAt}.status: "${incident.status}" is not one of ${allowed.join(', ')}`,
          );
        }
        if (list === 'maintenances' && (!incident.scheduledFor || !incident.scheduledUntil)) {
          problems.push(`${incAt}: a maintenance needs scheduledFor and scheduledUntil`);
        }
        incident.components.forEach((id, c) => {
          if (!known(id)) problems.push(`${incAt}.components[${c}]: unknown component id "${id}"`);
        });
        const updateIds = new Set<string>();
        let previousAt = -Infinity;
        incident.updates.forEach((update, u) => {
          const upAt = `${incAt}.updates[${u}]`;
          if (updateIds.has(update.id)) problems.push(`${upAt}.id: duplicate "${update.id}"`);
          updateIds.add(update.id);
          if (Date.parse(update.at) < previousAt) {
            problems.push(`${upAt}.at: updates must be listed oldest first`);
          }
          previousAt = Date.parse(update.at);
          if (!allowed.includes(update.status)) {
            problems.push(`${upAt}.status: "${update.status}" is not one of ${allowed.join(', ')}`);
          }
          update.affectedComponents?.forEach((affected, a) => {
            if (!known(affected.id)) {
              problems.push(
                `${upAt}.affectedComponents[${a}].id: unknown component id "${affected.id}"`,
              );
            }
          });
        });
      });
    }
  });
  return problems;
}
