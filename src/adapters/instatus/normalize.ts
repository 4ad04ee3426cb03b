// Instatus summary.json (docs/platforms.md#instatus): active incidents and maintenances only, no
// timeline and no affected components; dates may be JavaScript Date.toString() strings.
import { maintenancePhaseAt } from '../../domain/maintenance-window.js';
import type { ObservedIncident, VendorSnapshot } from '../../domain/snapshot.js';
import { addSeconds } from '../../domain/time.js';
import { cleanLabel } from '../../domain/text.js';
import { parseVendorTime } from '../parse-kit/dates.js';
import { hashId } from '../parse-kit/ids.js';
import { finishIncident, safeHttpUrl } from '../parse-kit/incident-parts.js';
import { parseJsonBody } from '../parse-kit/json-body.js';
import { asId, asNumber, asRecord, asText, type JsonObject } from '../parse-kit/lenient.js';
import { capList, maxItemsPerList, Warnings } from '../parse-kit/warnings.js';
import type { AdapterContext, ParseResult } from '../types.js';
import { readComponents } from './components.js';
import { impactOf, incidentPhaseOf, maintenancePhaseOf } from './enums.js';

/** A maintenance longer than a year is not a duration but a typo; the end is left unknown. */
const maxDurationMinutes = 366 * 24 * 60;

export function normalizeInstatus(
  bodies: { summary: string | null; components: string | null },
  context: AdapterContext,
): ParseResult {
  const parsed = parseJsonBody(bodies.summary, 'summary.json');
  if (!parsed.ok) return parsed;
  const summary = asRecord(parsed.value);
  const page = asRecord(summary?.page);
  if (!summary || !page)
    return { ok: false, error: 'summary.json has no page object (not Instatus)' };
  const warnings = new Warnings();
  let listsAllOpen = true;
  // Instatus omits both lists when nothing is active; only a wrong type makes them unreliable.
  const list = (key: string): unknown[] => {
    const value = summary[key];
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) {
      if (value.length > maxItemsPerList) listsAllOpen = false;
      return value;
    }
    warnings.add(`summary.json ${key} is not a list`);
    listsAllOpen = false;
    return [];
  };
  const incidents: ObservedIncident[] = [];
  const seen = new Set<string>();
  const keep = (incident: ObservedIncident | null) => {
    if (incident === null) listsAllOpen = false;
    else if (seen.has(incident.sourceId))
      warnings.add(`item ${incident.sourceId} appears twice; kept the first`);
    else {
      seen.add(incident.sourceId);
      incidents.push(incident);
    }
  };
  for (const raw of capList(list('activeIncidents'), 'activeIncidents', warnings))
    keep(readIncident(raw, context, warnings));
  for (const raw of capList(list('activeMaintenances'), 'activeMaintenances', warnings))
    keep(readMaintenance(raw, context, warnings));

  const snapshot: VendorSnapshot = {
    platform: 'instatus',
    pageName: cleanLabel(asText(page.name) ?? '') || null,
    components: readOptionalComponents(bodies.components, warnings),
    incidents,
    listsAllOpen,
    warnings: warnings.list(),
  };
  return { ok: true, snapshot };
}

function readOptionalComponents(body: string | null, warnings: Warnings) {
  if (body === null) return [];
  const parsed = parseJsonBody(body, 'components.json');
  if (parsed.ok) return readComponents(parsed.value, warnings);
  warnings.add(parsed.error);
  return [];
}

/** The vendor id, else the cuid at the end of its URL, else a hash of what identifies it. */
function sourceIdOf(item: JsonObject, url: string | null, start: string | null): string {
  const id = asId(item.id);
  if (id !== null) return id;
  const tail = url === null ? null : /\/([a-z0-9]{10,40})\/?$/i.exec(new URL(url).pathname);
  return tail ? tail[1]! : hashId(asText(item.name) ?? '', start ?? '');
}

function readIncident(
  raw: unknown,
  context: AdapterContext,
  warnings: Warnings,
): ObservedIncident | null {
  const item = asRecord(raw);
  if (!item) return null;
  const startedAt = parseVendorTime(item.started);
  const url = safeHttpUrl(item.url, context.statusPageUrl);
  const sourceId = sourceIdOf(item, url, startedAt);
  if (startedAt === null) {
    warnings.add(`incident ${sourceId}: no usable start time; skipped`);
    return null;
  }
  let phase = incidentPhaseOf(item.status);
  if (phase === null) {
    warnings.add(`incident ${sourceId}: unknown status; read as investigating`);
    phase = 'investigating';
  }
  let impact = impactOf(item.impact);
  if (impact === null || impact === 'maintenance') {
    warnings.add(`incident ${sourceId}: unknown impact; read as minor`);
    impact = 'minor';
  }
  const updatedAt = parseVendorTime(item.updatedAt);
  return finishIncident(
    {
      sourceId,
      title: asText(item.name) ?? '',
      kind: 'incident',
      impact,
      phase,
      startedAt,
      resolvedAt: phase === 'resolved' ? latest(updatedAt, startedAt) : null,
      sourceUrl: url,
      components: [],
      updates: [],
      scheduledFor: null,
      scheduledUntil: null,
    },
    warnings,
  );
}

function readMaintenance(
  raw: unknown,
  context: AdapterContext,
  warnings: Warnings,
): ObservedIncident | null {
  const item = asRecord(raw);
  if (!item) return null;
  const start = parseVendorTime(item.start);
  const url = safeHttpUrl(item.url, context.statusPageUrl);
  const sourceId = sourceIdOf(item, url, start);
  if (start === null) {
    warnings.add(`maintenance ${sourceId}: no usable start time; skipped`);
    return null;
  }
  const minutes = asNumber(item.duration);
  const usable = minutes !== null && minutes >= 0 && minutes <= maxDurationMinutes;
  if (minutes !== null && !usable)
    warnings.add(`maintenance ${sourceId}: duration ${minutes} minutes is not usable; end unknown`);
  const end = usable ? addSeconds(start, minutes * 60) : null;
  const stated = maintenancePhaseOf(item.status);
  const phase =
    stated ??
    maintenancePhaseAt('open', { startsAt: start, endsAt: end }, context.observedAt ?? null);
  if (stated === null)
    warnings.add(`maintenance ${sourceId}: unknown status; read from its window as ${phase}`);
  return finishIncident(
    {
      sourceId,
      title: asText(item.name) ?? '',
      kind: 'maintenance',
      impact: 'maintenance',
      phase,
      startedAt: start,
      resolvedAt:
        phase === 'completed' ? latest(end ?? parseVendorTime(item.updatedAt), start) : null,
      sourceUrl: url,
      components: [],
      updates: [],
      scheduledFor: start,
      scheduledUntil: end,
    },
    warnings,
  );
}

function latest(candidate: string | null, floor: string): string {
  return candidate !== null && candidate > floor ? candidate : floor;
}
