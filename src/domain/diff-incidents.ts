// The incident half of a diff: a new incident to insert, a known one's changed fields, new and
// edited updates (edits kept as revisions), and an open one the vendor stopped listing.
import { incidentEvent, timelineEvents } from './diff-timeline.js';
import { incidentId } from './ids.js';
import type { Incident, IncidentUpdate } from './model.js';
import type {
  IncidentFields,
  IncidentWrite,
  KnownIncident,
  PlannedEvent,
  Revision,
} from './plan.js';
import type { ObservedIncident, ObservedUpdate } from './snapshot.js';
import type { Phase } from './vocabulary.js';

/**
 * Incident fields whose later edits by the vendor are kept as revisions. A maintenance's window
 * is among them: a reschedule is an edit, and the calendar's SEQUENCE counts revisions.
 */
const revisedFields = [
  'title',
  'impact',
  'startedAt',
  'kind',
  'scheduledFor',
  'scheduledUntil',
] as const;

/** An observed update as the store keeps it, first seen `now`. */
export function toUpdate(update: ObservedUpdate, now: string): IncidentUpdate {
  return {
    id: update.sourceId,
    phase: update.phase,
    body: update.body,
    bodyText: update.bodyText,
    postedAt: update.postedAt,
    detectedAt: now,
    components: update.components,
  };
}

/** An observed incident as the store keeps it, first seen `now`. */
export function toIncident(
  vendorSlug: string,
  observed: ObservedIncident,
  now: string,
  backfilled: boolean,
): Incident {
  return {
    id: incidentId(vendorSlug, observed.sourceId),
    vendorSlug,
    sourceId: observed.sourceId,
    title: observed.title,
    kind: observed.kind,
    impact: observed.impact,
    phase: observed.phase,
    startedAt: observed.startedAt,
    resolvedAt: observed.resolvedAt,
    detectedAt: now,
    backfilled,
    sourceUrl: observed.sourceUrl,
    components: observed.components,
    scheduledFor: observed.scheduledFor,
    scheduledUntil: observed.scheduledUntil,
    regions: observed.regions ?? [],
  };
}

export function insertIncident(
  vendorSlug: string,
  observed: ObservedIncident,
  now: string,
  backfilled: boolean,
): IncidentWrite {
  const incident = toIncident(vendorSlug, observed, now, backfilled);
  return { action: 'insert', incident, updates: observed.updates.map((u) => toUpdate(u, now)) };
}

function sameList(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((value) => left.has(value));
}

export function updateIncident(
  vendorSlug: string,
  before: KnownIncident,
  observed: ObservedIncident,
  now: string,
): { write: IncidentWrite; events: PlannedEvent[] } | null {
  const fields: Partial<IncidentFields> = {};
  const changes: PlannedEvent['changes'] = {};
  const revisions: Revision[] = [];

  const scalarFields = [
    'title',
    'kind',
    'impact',
    'phase',
    'startedAt',
    'resolvedAt',
    'sourceUrl',
    'scheduledFor',
    'scheduledUntil',
  ] as const;
  for (const field of scalarFields) {
    if (before[field] === observed[field]) continue;
    Object.assign(fields, { [field]: observed[field] });
    changes[field] = { from: before[field], to: observed[field] };
    if ((revisedFields as readonly string[]).includes(field)) {
      revisions.push({
        incidentId: before.id,
        updateId: null,
        field,
        from: before[field],
        to: observed[field],
        seenAt: now,
      });
    }
  }
  if (!sameSet(before.components, observed.components)) {
    fields.components = observed.components;
    changes.components = { from: before.components, to: observed.components };
  }
  if (observed.regions !== undefined && !sameSet(before.regions, observed.regions)) {
    fields.regions = observed.regions;
    changes.regions = { from: before.regions, to: observed.regions };
  }

  const knownUpdates = new Map(before.updates.map((update) => [update.id, update]));
  const newUpdates: IncidentUpdate[] = [];
  const editedUpdates: Array<Omit<IncidentUpdate, 'detectedAt'>> = [];
  for (const update of observed.updates) {
    const old = knownUpdates.get(update.sourceId);
    if (!old) {
      newUpdates.push(toUpdate(update, now));
      continue;
    }
    const edited = toUpdate(update, now);
    const editedFields = (['body', 'phase', 'postedAt'] as const).filter(
      (field) => old[field] !== edited[field],
    );
    const componentsChanged = !sameList(old.components, edited.components);
    if (editedFields.length === 0 && !componentsChanged) continue;
    const { detectedAt: _detectedAt, ...rest } = edited;
    editedUpdates.push(rest);
    for (const field of editedFields) {
      revisions.push({
        incidentId: before.id,
        updateId: update.sourceId,
        field: `update.${field}`,
        from: old[field],
        to: edited[field],
        seenAt: now,
      });
    }
  }

  if (Object.keys(fields).length === 0 && newUpdates.length === 0 && editedUpdates.length === 0)
    return null;

  const announce = newUpdates.length > 0 || Object.keys(changes).length > 0;
  const events = announce
    ? timelineEvents(
        vendorSlug,
        observed,
        before.phase,
        newUpdates.map((u) => u.id),
        now,
        changes,
      )
    : [];

  return {
    write: {
      action: 'update',
      incidentId: before.id,
      fields,
      newUpdates,
      editedUpdates,
      revisions,
    },
    events,
  };
}

/** An open incident the vendor no longer lists: kept in history, closed as withdrawn. */
export function withdrawIncident(
  vendorSlug: string,
  before: KnownIncident,
  now: string,
): { write: IncidentWrite; event: PlannedEvent } {
  const phase: Phase = before.kind === 'maintenance' ? 'completed' : 'resolved';
  const changes = {
    phase: { from: before.phase, to: phase },
    resolvedAt: { from: before.resolvedAt, to: now },
    withdrawn: { from: false, to: true },
  };
  return {
    write: {
      action: 'update',
      incidentId: before.id,
      fields: { phase, resolvedAt: now },
      newUpdates: [],
      editedUpdates: [],
      revisions: [
        {
          incidentId: before.id,
          updateId: null,
          field: 'withdrawn',
          from: null,
          to: now,
          seenAt: now,
        },
      ],
    },
    event: incidentEvent(
      before.kind === 'maintenance' ? 'maintenance.completed' : 'incident.resolved',
      vendorSlug,
      before,
      null,
      changes,
      now,
    ),
  };
}
