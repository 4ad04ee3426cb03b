// Turns a timeline step (the compact authoring form) into the full state one Statuspage page
// serves: group rows, positions, derived timestamps and component names in affected lists.
import { createHash } from 'node:crypto';
import type { TimelineIncident, TimelineStep, TimelineVendor } from './timeline-schema.js';
import {
  closedStatuses,
  historyLimit,
  type SimComponent,
  type SimIncident,
  type SimUpdate,
  type SimVendorIdentity,
  type SimVendorState,
} from '../adapters/sim-kit/types.js';

const defaultCreatedAt = Date.parse('2020-01-01T00:00:00.000Z');

/** A stable Statuspage-looking id (12 × [a-z0-9]) for things the file does not name. */
function derivedId(...parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  let id = '';
  for (let i = 0; i < 12; i += 1)
    id += 'abcdefghijklmnopqrstuvwxyz0123456789'[(digest[i] ?? 0) % 36];
  return id;
}

export function derivedGroupId(slug: string, group: string): string {
  return derivedId(slug, 'group', group);
}

export function timelineIdentity(vendor: TimelineVendor, slug = vendor.slug): SimVendorIdentity {
  return {
    slug,
    ...(vendor.platform ? { platform: vendor.platform } : {}),
    name: vendor.name,
    pageId: vendor.pageId ?? derivedId(slug, 'page'),
    timeZone: vendor.timeZone,
    url: vendor.url ?? null,
  };
}

/** Served before step 0 applies: every component operational, no history. */
export function emptyState(vendor: TimelineVendor, now: number): SimVendorState {
  const step: TimelineStep = { afterMs: 0, components: {}, incidents: [], maintenances: [] };
  return stepState(vendor, step, null, now);
}

export function stepState(
  vendor: TimelineVendor,
  step: TimelineStep,
  previous: SimVendorState | null,
  now: number,
): SimVendorState {
  const at = step.at ? Date.parse(step.at) : now;
  const createdAt = vendor.createdAt ? Date.parse(vendor.createdAt) : defaultCreatedAt;
  const before = new Map(previous?.components.map((c) => [c.id, c]));
  const rows: SimComponent[] = [];
  const groups = new Map<string, SimComponent>();
  let topPosition = 0;
  const row = (id: string, name: string, position: number): SimComponent => ({
    id,
    name,
    status: 'operational',
    position,
    description: null,
    showcase: true,
    startDate: null,
    groupId: null,
    isGroup: false,
    childIds: [],
    createdAt,
    updatedAt: createdAt,
  });
  for (const def of vendor.components) {
    const status = step.components[def.id] ?? 'operational';
    const prior = before.get(def.id);
    const updatedAt =
      prior === undefined ? createdAt : prior.status === status ? prior.updatedAt : at;
    let group = def.group === undefined ? undefined : groups.get(def.group);
    if (def.group !== undefined && !group) {
      group = {
        ...row(derivedGroupId(vendor.slug, def.group), def.group, ++topPosition),
        isGroup: true,
      };
      group.showcase = false;
      groups.set(def.group, group);
      rows.push(group);
    }
    const position = group ? group.childIds.length + 1 : ++topPosition;
    const component = { ...row(def.id, def.name, position), status, updatedAt };
    component.description = def.description ?? null;
    if (group) {
      component.groupId = group.id;
      group.childIds.push(def.id);
      group.updatedAt = Math.max(group.updatedAt, updatedAt);
    }
    rows.push(component);
  }
  const names = new Map(vendor.components.map((c) => [c.id, c.name]));
  const convert = (kind: SimIncident['kind']) => (incident: TimelineIncident) =>
    toIncident(kind, incident, names);
  return {
    components: rows,
    incidents: newestFirst(step.incidents.map(convert('incident'))),
    maintenances: newestFirst(step.maintenances.map(convert('maintenance'))),
    updatedAt: at,
    apiDown: step.api === 'down',
  };
}

function newestFirst(items: SimIncident[]): SimIncident[] {
  return items.sort((a, b) => b.createdAt - a.createdAt).slice(0, historyLimit);
}

function toIncident(
  kind: SimIncident['kind'],
  incident: TimelineIncident,
  names: Map<string, string>,
): SimIncident {
  const time = (iso: string): number => Date.parse(iso);
  const updates: SimUpdate[] = incident.updates.map((u) => ({
    id: u.id,
    status: u.status,
    body: u.body,
    createdAt: time(u.at),
    updatedAt: time(u.updatedAt ?? u.at),
    displayAt: time(u.displayAt ?? u.at),
    affectedComponents:
      u.affectedComponents?.map((a) => ({
        code: a.id,
        name: a.name ?? names.get(a.id) ?? a.id,
        oldStatus: a.oldStatus,
        newStatus: a.newStatus,
      })) ?? null,
    deliverNotifications: u.deliverNotifications,
  }));
  const first = updates[0]?.createdAt ?? 0;
  const createdAt = incident.createdAt ? time(incident.createdAt) : first;
  const latest = Math.max(createdAt, ...updates.map((u) => Math.max(u.createdAt, u.updatedAt)));
  const firstWith = (statuses: string[]): number | null =>
    updates.find((u) => statuses.includes(u.status))?.createdAt ?? null;
  const closed = closedStatuses.includes(incident.status);
  const derivedResolvedAt = closed ? (firstWith(['resolved', 'completed']) ?? latest) : null;
  const optional = (iso: string | null | undefined, fallback: number | null): number | null =>
    iso === undefined ? fallback : iso === null ? null : time(iso);
  return {
    kind,
    id: incident.id,
    name: incident.name,
    status: incident.status,
    impact: incident.impact,
    createdAt,
    updatedAt: incident.updatedAt ? time(incident.updatedAt) : latest,
    startedAt: incident.startedAt ? time(incident.startedAt) : createdAt,
    monitoringAt: optional(incident.monitoringAt, firstWith(['monitoring', 'verifying'])),
    resolvedAt: optional(incident.resolvedAt, derivedResolvedAt),
    shortlink: incident.shortlink ?? `https://stspg.io/${derivedId('shortlink', incident.id)}`,
    componentIds: [...incident.components],
    updates,
    scheduledFor: incident.scheduledFor ? time(incident.scheduledFor) : null,
    scheduledUntil: incident.scheduledUntil ? time(incident.scheduledUntil) : null,
  };
}
