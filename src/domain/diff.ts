// diff(previous, next, now): what to write and which events happened, decided purely.
// The store applies the plan in one transaction; the same snapshot twice plans nothing.
import { incidentId } from './ids.js';
import type { ComponentChange, Incident, IncidentUpdate, VendorEvent } from './model.js';
import type {
  ObservedComponent,
  ObservedIncident,
  ObservedUpdate,
  VendorSnapshot,
} from './snapshot.js';
import { closedPhases, type EventType, type Phase } from './vocabulary.js';

/** What the store knows of an incident, enough to diff against. */
export interface KnownIncident extends Omit<Incident, 'vendorSlug' | 'detectedAt' | 'backfilled'> {
  updates: Array<Omit<IncidentUpdate, 'detectedAt'>>;
}

export interface PreviousState {
  components: ObservedComponent[];
  /** Stored incidents whose source ids appear in the next snapshot, plus every open one. */
  incidents: KnownIncident[];
}

export interface Revision {
  incidentId: string;
  /** The vendor's update id when the edit is to an update; null for incident fields. */
  updateId: string | null;
  field: string;
  from: string | null;
  to: string | null;
  seenAt: string;
}

type IncidentFields = Pick<
  Incident,
  | 'title'
  | 'kind'
  | 'impact'
  | 'phase'
  | 'startedAt'
  | 'resolvedAt'
  | 'sourceUrl'
  | 'components'
  | 'scheduledFor'
  | 'scheduledUntil'
>;

export type IncidentWrite =
  | { action: 'insert'; incident: Incident; updates: IncidentUpdate[] }
  | {
      action: 'update';
      incidentId: string;
      fields: Partial<IncidentFields>;
      newUpdates: IncidentUpdate[];
      editedUpdates: Array<Omit<IncidentUpdate, 'detectedAt'>>;
      revisions: Revision[];
    };

export type PlannedEvent = Omit<VendorEvent, 'id'>;

export interface CyclePlan {
  /** The vendor's full component list when it changed; null when unchanged. */
  components: ObservedComponent[] | null;
  incidents: IncidentWrite[];
  events: PlannedEvent[];
}

/** Incident fields whose later edits by the vendor are kept as revisions. */
const revisedFields = ['title', 'impact', 'startedAt', 'kind'] as const;

export function isClosed(phase: Phase): boolean {
  return closedPhases.includes(phase);
}

export function diffSnapshot(
  vendorSlug: string,
  previous: PreviousState | null,
  next: VendorSnapshot,
  now: string,
): CyclePlan {
  const firstPoll = previous === null;
  const plan: CyclePlan = { components: null, incidents: [], events: [] };

  const componentEvents = firstPoll
    ? []
    : diffComponents(vendorSlug, previous.components, next.components, now);
  if (
    firstPoll ||
    componentEvents.length > 0 ||
    componentsDiffer(previous.components, next.components)
  ) {
    plan.components = next.components;
  }
  plan.events.push(...componentEvents);

  const known = new Map(
    (previous?.incidents ?? []).map((incident) => [incident.sourceId, incident]),
  );
  const seen = new Set<string>();
  for (const observed of next.incidents) {
    seen.add(observed.sourceId);
    const before = known.get(observed.sourceId);
    if (!before) {
      plan.incidents.push(insertIncident(vendorSlug, observed, now, firstPoll));
      if (!firstPoll) plan.events.push(...openingEvents(vendorSlug, observed, now));
      continue;
    }
    const change = updateIncident(vendorSlug, before, observed, now);
    if (change) {
      plan.incidents.push(change.write);
      plan.events.push(...change.events);
    }
  }

  for (const before of previous?.incidents ?? []) {
    if (seen.has(before.sourceId) || isClosed(before.phase) || !next.listsAllOpen) continue;
    const withdrawn = withdrawIncident(vendorSlug, before, now);
    plan.incidents.push(withdrawn.write);
    plan.events.push(withdrawn.event);
  }
  return plan;
}

function componentsDiffer(before: ObservedComponent[], after: ObservedComponent[]): boolean {
  if (before.length !== after.length) return true;
  return before.some((component, index) => {
    const other = after[index]!;
    return (
      component.id !== other.id ||
      component.name !== other.name ||
      component.group !== other.group ||
      component.status !== other.status ||
      component.position !== other.position
    );
  });
}

function diffComponents(
  vendorSlug: string,
  before: ObservedComponent[],
  after: ObservedComponent[],
  now: string,
): PlannedEvent[] {
  const previousById = new Map(before.map((component) => [component.id, component]));
  const events: PlannedEvent[] = [];
  for (const component of after) {
    const old = previousById.get(component.id);
    if (old?.status === component.status) continue;
    if (!old && component.status === 'operational') continue;
    const change: ComponentChange = {
      id: component.id,
      name: component.name,
      from: old?.status ?? null,
      to: component.status,
    };
    events.push({
      type: 'component.status_changed',
      vendorSlug,
      incidentId: null,
      updateId: null,
      component: change,
      changes: { status: { from: change.from, to: change.to } },
      at: now,
    });
  }
  return events;
}

function toUpdate(update: ObservedUpdate, now: string): IncidentUpdate {
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

function insertIncident(
  vendorSlug: string,
  observed: ObservedIncident,
  now: string,
  backfilled: boolean,
): IncidentWrite {
  const incident: Incident = {
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
  };
  return { action: 'insert', incident, updates: observed.updates.map((u) => toUpdate(u, now)) };
}

function incidentEvent(
  type: EventType,
  vendorSlug: string,
  observed: { sourceId: string },
  updateId: string | null,
  changes: PlannedEvent['changes'],
  now: string,
): PlannedEvent {
  return {
    type,
    vendorSlug,
    incidentId: incidentId(vendorSlug, observed.sourceId),
    updateId,
    component: null,
    changes,
    at: now,
  };
}

function openingEvents(
  vendorSlug: string,
  observed: ObservedIncident,
  now: string,
): PlannedEvent[] {
  return timelineEvents(
    vendorSlug,
    observed,
    null,
    observed.updates.map((u) => u.sourceId),
    now,
    {
      phase: { from: null, to: observed.phase },
    },
  );
}

/**
 * One event per new update, typed by the phase change that update made (the first update of a new
 * incident opens it). When the incident's own phase moved further than its updates say, the last
 * event carries that transition. Field changes ride on the last event.
 */
function timelineEvents(
  vendorSlug: string,
  observed: ObservedIncident,
  previousPhase: Phase | null,
  newUpdateIds: readonly string[],
  now: string,
  changes: PlannedEvent['changes'],
): PlannedEvent[] {
  const phaseOf = new Map(observed.updates.map((update) => [update.sourceId, update.phase]));
  const events: PlannedEvent[] = [];
  let phase = previousPhase;
  for (const updateId of newUpdateIds) {
    const next = phaseOf.get(updateId) ?? phase ?? observed.phase;
    const type = eventTypeFor(observed.kind, phase, next);
    events.push(incidentEvent(type, vendorSlug, observed, updateId, {}, now));
    phase = next;
  }
  const finalType = eventTypeFor(observed.kind, phase, observed.phase);
  const last = events.at(-1);
  if (last && finalType !== 'incident.updated' && last.type === 'incident.updated') {
    last.type = finalType;
  } else if (!last || (finalType !== 'incident.updated' && finalType !== last.type)) {
    events.push(incidentEvent(finalType, vendorSlug, observed, null, {}, now));
  }
  Object.assign(events.at(-1)!.changes, changes);
  return events;
}

/** The event a move from one phase to the next makes; null is "not seen before". */
function eventTypeFor(kind: ObservedIncident['kind'], from: Phase | null, to: Phase): EventType {
  if (from === null) {
    if (kind === 'incident') return 'incident.opened';
    return to === 'scheduled' ? 'maintenance.scheduled' : 'maintenance.started';
  }
  return transitionType(kind, from, to);
}

function transitionType(kind: ObservedIncident['kind'], from: Phase, to: Phase): EventType {
  if (!isClosed(from) && isClosed(to))
    return kind === 'maintenance' ? 'maintenance.completed' : 'incident.resolved';
  if (isClosed(from) && !isClosed(to))
    return kind === 'maintenance' ? 'maintenance.started' : 'incident.reopened';
  if (kind === 'maintenance' && from === 'scheduled' && to !== 'scheduled')
    return 'maintenance.started';
  return 'incident.updated';
}

function sameList(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((value) => left.has(value));
}

function updateIncident(
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
function withdrawIncident(
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
