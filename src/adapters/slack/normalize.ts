// Slack Status API v2.0.0 (docs/platforms.md#slack): `current` lists every active item; `history`
// adds the recent past. Services are the components: every service either list names, with
// the worst status an open item gives it.
import type { ObservedComponent, ObservedIncident, VendorSnapshot } from '../../domain/snapshot.js';
import { closedPhases, type ComponentStatus } from '../../domain/vocabulary.js';
import { worstStatus } from '../../domain/status.js';
import { slugify } from '../../domain/text.js';
import { hashId } from '../parse-kit/ids.js';
import { uniqueComponents } from '../parse-kit/incident-parts.js';
import { parseJsonBody } from '../parse-kit/json-body.js';
import { asList, asRecord } from '../parse-kit/lenient.js';
import { capList, maxItemsPerList, Warnings } from '../parse-kit/warnings.js';
import type { ParseResult } from '../types.js';
import { serviceStatusOfType } from './enums.js';
import { readItem } from './incident.js';

export function normalizeSlack(
  bodies: { current: string | null; history: string | null },
  baseUrl: string,
): ParseResult {
  const parsed = parseJsonBody(bodies.current, 'current');
  if (!parsed.ok) return parsed;
  const current = asRecord(parsed.value);
  if (!current || typeof current.status !== 'string') {
    return { ok: false, error: 'current: no status field (not the Slack Status API)' };
  }
  const warnings = new Warnings();
  let listsAllOpen = true;
  const active = current.active_incidents;
  if (active !== undefined && active !== null && !Array.isArray(active)) {
    warnings.add('current: active_incidents is not a list');
    listsAllOpen = false;
  }
  if (asList(active).length > maxItemsPerList) listsAllOpen = false;

  const incidents = new Map<string, ObservedIncident>();
  const openTypes = new Map<string, unknown>();
  for (const raw of capList(asList(active), 'active_incidents', warnings)) {
    const incident = readItem(raw, baseUrl, warnings);
    if (incident === null) listsAllOpen = false;
    else if (!incidents.has(incident.sourceId)) {
      incidents.set(incident.sourceId, incident);
      openTypes.set(incident.sourceId, asRecord(raw)?.type);
    }
  }
  for (const raw of capList(readHistory(bodies.history, warnings), 'history', warnings)) {
    const incident = readItem(raw, baseUrl, warnings);
    if (incident && !incidents.has(incident.sourceId)) {
      incidents.set(incident.sourceId, incident);
      openTypes.set(incident.sourceId, asRecord(raw)?.type);
    }
  }
  const list = [...incidents.values()];
  const snapshot: VendorSnapshot = {
    platform: 'slack',
    pageName: null,
    components: uniqueComponents(servicesOf(list, openTypes), warnings),
    incidents: list,
    listsAllOpen,
    warnings: warnings.list(),
  };
  return { ok: true, snapshot };
}

function readHistory(body: string | null, warnings: Warnings): unknown[] {
  if (body === null) return [];
  const parsed = parseJsonBody(body, 'history');
  if (!parsed.ok) {
    warnings.add(parsed.error);
    return [];
  }
  return Array.isArray(parsed.value) ? parsed.value : asList(asRecord(parsed.value)?.incidents);
}

/** Every named service, sorted by name so positions do not move as history rolls. */
function servicesOf(
  incidents: ObservedIncident[],
  openTypes: Map<string, unknown>,
): ObservedComponent[] {
  const statuses = new Map<string, ComponentStatus[]>();
  for (const incident of incidents) {
    const open = !closedPhases.includes(incident.phase);
    const status = open
      ? (serviceStatusOfType(openTypes.get(incident.sourceId)) ?? 'unknown')
      : 'operational';
    for (const name of incident.components)
      statuses.set(name, [...(statuses.get(name) ?? []), status]);
  }
  return [...statuses.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, list], position) => ({
      id: slugify(name) || hashId(name),
      name,
      group: null,
      status: worstStatus(list),
      position,
    }));
}
