// Explicit mapping between incident rows and the domain model, in both directions.
import type { Insertable, Selectable } from 'kysely';
import type { Revision } from '../domain/diff.js';
import type { Incident, IncidentUpdate } from '../domain/model.js';
import type { Impact, IncidentKind, Phase } from '../domain/vocabulary.js';
import { closedPhases } from '../domain/vocabulary.js';
import {
  flag,
  fromJson,
  fromJsonOrNull,
  storableText,
  storableTextOrNull,
  storedInstant,
  storedInstantOrNull,
  toJson,
} from './codec.js';
import type { IncidentTable, IncidentUpdateTable, RevisionTable } from './schema.js';

export type IncidentRow = Selectable<IncidentTable>;
type IncidentUpdateRow = Selectable<IncidentUpdateTable>;

/** Open while its phase is not one that ends an incident or maintenance. */
export function isActivePhase(phase: Phase): boolean {
  return !closedPhases.includes(phase);
}

export function incidentFromRow(row: IncidentRow): Incident {
  return {
    id: row.id,
    vendorSlug: row.vendor_slug,
    sourceId: row.source_id,
    title: row.title,
    // Written only from typed domain values.
    kind: row.kind as IncidentKind,
    impact: row.impact as Impact,
    phase: row.phase as Phase,
    startedAt: row.started_at,
    resolvedAt: row.resolved_at,
    detectedAt: row.detected_at,
    backfilled: row.backfilled === 1,
    sourceUrl: row.source_url,
    components: fromJson<string[]>(row.components),
    scheduledFor: row.scheduled_for,
    scheduledUntil: row.scheduled_until,
    regions: fromJson<string[]>(row.regions),
    // Only on incidents linked to a suspected outage: the rest keep their shape.
    ...(row.first_signal_at === null ? {} : { firstSignalAt: row.first_signal_at }),
  };
}

export function incidentToRow(incident: Incident, now: string): Insertable<IncidentTable> {
  return {
    id: incident.id,
    vendor_slug: incident.vendorSlug,
    source_id: storableText(incident.sourceId),
    title: storableText(incident.title),
    kind: incident.kind,
    impact: incident.impact,
    phase: incident.phase,
    started_at: storedInstant(incident.startedAt),
    resolved_at: storedInstantOrNull(incident.resolvedAt),
    detected_at: storedInstant(incident.detectedAt),
    backfilled: flag(incident.backfilled),
    source_url: storableTextOrNull(incident.sourceUrl),
    components: toJson(incident.components),
    scheduled_for: storedInstantOrNull(incident.scheduledFor),
    scheduled_until: storedInstantOrNull(incident.scheduledUntil),
    regions: toJson(incident.regions),
    active: flag(isActivePhase(incident.phase)),
    updated_at: storedInstant(now),
  };
}

export function updateFromRow(row: IncidentUpdateRow): IncidentUpdate {
  return {
    id: row.id,
    phase: row.phase as Phase,
    body: row.body,
    bodyText: row.body_text,
    postedAt: row.posted_at,
    detectedAt: row.detected_at,
    components: fromJsonOrNull<string[]>(row.components),
  };
}

export function updateToRow(
  incidentId: string,
  update: IncidentUpdate,
): Insertable<IncidentUpdateTable> {
  return {
    incident_id: incidentId,
    id: storableText(update.id),
    phase: update.phase,
    body: storableText(update.body),
    body_text: storableText(update.bodyText),
    posted_at: storedInstant(update.postedAt),
    detected_at: storedInstant(update.detectedAt),
    components: update.components === null ? null : toJson(update.components),
  };
}

export function revisionToRow(revision: Revision): Insertable<RevisionTable> {
  return {
    incident_id: revision.incidentId,
    update_id: storableTextOrNull(revision.updateId),
    field: revision.field,
    old_value: storableTextOrNull(revision.from),
    new_value: storableTextOrNull(revision.to),
    seen_at: storedInstant(revision.seenAt),
  };
}

export function revisionFromRow(row: Selectable<RevisionTable>): Revision {
  return {
    incidentId: row.incident_id,
    updateId: row.update_id,
    field: row.field,
    from: row.old_value,
    to: row.new_value,
    seenAt: row.seen_at,
  };
}
