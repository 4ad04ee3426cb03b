// incident.io's Statuspage-compatible JSON (docs/platforms.md#incidentio-compat-json): flat
// components, ULID ids, Markdown bodies, and incidents without components, started_at, resolved_at
// or shortlink.
import { maintenancePhaseAt } from '../../domain/maintenance-window.js';
import type { ObservedComponent, ObservedIncident, ObservedUpdate } from '../../domain/snapshot.js';
import { closedPhases, type IncidentKind, type Phase } from '../../domain/vocabulary.js';
import { cleanLabel } from '../../domain/text.js';
import { parseVendorTime } from '../parse-kit/dates.js';
import { hashId } from '../parse-kit/ids.js';
import {
  buildUpdate,
  closedSince,
  finishIncident,
  uniqueComponents,
} from '../parse-kit/incident-parts.js';
import { asId, asList, asNumber, asRecord, asText, type JsonObject } from '../parse-kit/lenient.js';
import { capList, type Warnings } from '../parse-kit/warnings.js';
import { componentStatusOf, impactOf, phaseOf } from './enums.js';

export function readCompatComponents(summary: JsonObject, warnings: Warnings): ObservedComponent[] {
  const rows = capList(asList(summary.components), 'components', warnings).flatMap((raw, index) => {
    const row = asRecord(raw);
    const id = asId(row?.id);
    const name = cleanLabel(asText(row?.name) ?? '');
    if (!row || id === null || name === '') {
      warnings.add(`component #${index}: no id or name; skipped`);
      return [];
    }
    if (row.group === true) return [];
    let status = componentStatusOf(row.status);
    if (status === null) {
      warnings.add(`component ${id}: unknown status; read as unknown`);
      status = 'unknown';
    }
    return [{ id, name, status, order: asNumber(row.position) ?? index, index }];
  });
  rows.sort((a, b) => a.order - b.order || a.index - b.index);
  const components = rows.map(({ id, name, status }, position) => ({
    id,
    name,
    group: null,
    status,
    position,
  }));
  return uniqueComponents(components, warnings);
}

/** One compat incident or maintenance; null (with a warning) when it has no id or no time. */
export function readCompatItem(
  raw: unknown,
  listedAsMaintenance: boolean,
  linkBase: string | null,
  warnings: Warnings,
  observedAt: string | null,
): ObservedIncident | null {
  const item = asRecord(raw);
  const id = asId(item?.id);
  if (!item || id === null) {
    warnings.add('incident without an id; skipped');
    return null;
  }
  const stated = phaseOf(item.status);
  const kind: IncidentKind =
    listedAsMaintenance || stated?.maintenance === true || item.impact === 'maintenance'
      ? 'maintenance'
      : 'incident';
  if (stated === null) warnings.add(`incident ${id}: unknown status; read as open`);
  const scheduledFor = kind === 'maintenance' ? parseVendorTime(item.scheduled_for) : null;
  const scheduledUntil = kind === 'maintenance' ? parseVendorTime(item.scheduled_until) : null;
  const phase =
    kind === 'maintenance' && stated === null
      ? maintenancePhaseAt('open', { startsAt: scheduledFor, endsAt: scheduledUntil }, observedAt)
      : fitPhase(stated?.phase ?? null, kind);
  const updates = readUpdates(item, id, kind, phase, warnings);
  const startedAt =
    (kind === 'maintenance' ? scheduledFor : null) ??
    parseVendorTime(item.started_at) ??
    parseVendorTime(item.created_at) ??
    updates[0]?.postedAt ??
    null;
  if (startedAt === null) {
    warnings.add(`incident ${id}: no usable start time; skipped`);
    return null;
  }
  return finishIncident(
    {
      sourceId: id,
      title: asText(item.name) ?? '',
      kind,
      impact: kind === 'maintenance' ? 'maintenance' : readImpact(item, id, warnings),
      phase,
      startedAt,
      resolvedAt: closedPhases.includes(phase)
        ? (parseVendorTime(item.resolved_at) ??
          closedSince(updates) ??
          parseVendorTime(item.updated_at) ??
          startedAt)
        : null,
      sourceUrl: linkBase === null ? null : `${linkBase}/incidents/${encodeURIComponent(id)}`,
      components: [],
      updates,
      scheduledFor,
      scheduledUntil,
    },
    warnings,
  );
}

function readImpact(item: JsonObject, id: string, warnings: Warnings): ObservedIncident['impact'] {
  const impact = impactOf(item.impact);
  if (impact !== null && impact !== 'maintenance') return impact;
  warnings.add(`incident ${id}: unknown impact; read as minor`);
  return 'minor';
}

/** Fits a stated phase to the kind; unknown phases read as open (never as "all clear"). */
export function fitPhase(phase: Phase | null, kind: IncidentKind): Phase {
  if (kind === 'incident') {
    if (phase === null) return 'investigating';
    if (phase === 'completed') return 'resolved';
    return ['scheduled', 'in_progress', 'verifying'].includes(phase) ? 'investigating' : phase;
  }
  if (phase === null) return 'scheduled';
  if (phase === 'resolved' || phase === 'postmortem') return 'completed';
  return ['investigating', 'identified', 'monitoring'].includes(phase) ? 'in_progress' : phase;
}

function readUpdates(
  item: JsonObject,
  incidentId: string,
  kind: IncidentKind,
  incidentPhase: Phase,
  warnings: Warnings,
): ObservedUpdate[] {
  const label = `incident ${incidentId} updates`;
  return capList(asList(item.incident_updates), label, warnings).flatMap((raw) => {
    const update = asRecord(raw);
    const postedAt = parseVendorTime(update?.display_at) ?? parseVendorTime(update?.created_at);
    if (!update || postedAt === null) {
      warnings.add(`incident ${incidentId}: update without a usable time; skipped`);
      return [];
    }
    const body = asText(update.body) ?? '';
    const stated = phaseOf(update.status);
    return [
      buildUpdate({
        sourceId: asId(update.id) ?? hashId(incidentId, postedAt, body),
        phase: stated === null ? incidentPhase : fitPhase(stated.phase, kind),
        raw: body,
        postedAt,
        components: null,
        format: 'markdown',
      }),
    ];
  });
}
