// The plan a diff makes and the store applies: what to write, and which events happened. Also
// what the diff starts from (the store's previous state of a vendor).
import type { Incident, IncidentUpdate, VendorEvent } from './model.js';
import type { ObservedComponent } from './snapshot.js';

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

/** The incident fields a cycle may change. */
export type IncidentFields = Pick<
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
  | 'regions'
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
