// Heroku status API v4 (docs/platforms.md#heroku): three colour-coded systems, open incidents and
// scheduled maintenance in `current-status`; recent incidents, when fetched, add resolutions.
import type { ObservedComponent, ObservedIncident, VendorSnapshot } from '../../domain/snapshot.js';
import { cleanLabel, slugify } from '../../domain/text.js';
import { hashId } from '../parse-kit/ids.js';
import { uniqueComponents } from '../parse-kit/incident-parts.js';
import { parseJsonBody } from '../parse-kit/json-body.js';
import { asList, asRecord, asText } from '../parse-kit/lenient.js';
import { capList, maxItemsPerList, Warnings } from '../parse-kit/warnings.js';
import type { ParseResult } from '../types.js';
import { statusOfColour } from './enums.js';
import { readItem } from './incident.js';

export function normalizeHeroku(bodies: {
  current: string | null;
  incidents: string | null;
}): ParseResult {
  const parsed = parseJsonBody(bodies.current, 'current-status');
  if (!parsed.ok) return parsed;
  const current = asRecord(parsed.value);
  if (!current || !Array.isArray(current.status)) {
    return { ok: false, error: 'current-status: no status list (not the Heroku status API)' };
  }
  const warnings = new Warnings();
  let listsAllOpen = true;
  const incidents = new Map<string, ObservedIncident>();
  const add = (raws: unknown, maintenance: boolean, open: boolean) => {
    if (raws !== undefined && raws !== null && !Array.isArray(raws)) {
      warnings.add(`${maintenance ? 'scheduled' : 'incidents'} is not a list`);
      if (open) listsAllOpen = false;
    }
    const list = asList(raws);
    if (open && list.length > maxItemsPerList) listsAllOpen = false;
    for (const raw of capList(list, maintenance ? 'scheduled' : 'incidents', warnings)) {
      const incident = readItem(raw, maintenance, warnings);
      if (incident === null && open) listsAllOpen = false;
      if (incident && !incidents.has(incident.sourceId)) incidents.set(incident.sourceId, incident);
    }
  };
  add(current.incidents, false, true);
  add(current.scheduled, true, true);
  add(readRecent(bodies.incidents, warnings), false, false);

  const snapshot: VendorSnapshot = {
    platform: 'heroku',
    pageName: null,
    components: readSystems(current.status, warnings),
    incidents: [...incidents.values()],
    listsAllOpen,
    warnings: warnings.list(),
  };
  return { ok: true, snapshot };
}

function readRecent(body: string | null, warnings: Warnings): unknown {
  if (body === null) return [];
  const parsed = parseJsonBody(body, 'incidents');
  if (!parsed.ok) {
    warnings.add(parsed.error);
    return [];
  }
  return Array.isArray(parsed.value) ? parsed.value : asRecord(parsed.value)?.incidents;
}

function readSystems(value: unknown, warnings: Warnings): ObservedComponent[] {
  const systems = asList(value).flatMap((raw, index) => {
    const row = asRecord(raw);
    const name = cleanLabel(asText(row?.system) ?? '');
    if (name === '') {
      warnings.add(`system #${index}: no name; skipped`);
      return [];
    }
    let status = statusOfColour(row?.status);
    if (status === null) {
      warnings.add(`system ${name}: unknown colour; read as unknown`);
      status = 'unknown';
    }
    return [{ id: slugify(name) || hashId(name), name, group: null, status, position: index }];
  });
  return uniqueComponents(systems, warnings);
}
