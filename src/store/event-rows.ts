// Explicit mapping between event rows and VendorEvent.
import type { Selectable } from 'kysely';
import type { ComponentChange, VendorEvent } from '../domain/model.js';
import type { EventType } from '../domain/vocabulary.js';
import { fromJson, fromJsonOrNull, storableTextOrNull, storedInstant, toJson } from './codec.js';
import type { EventTable } from './schema.js';

type EventRow = Selectable<EventTable>;

export function eventToRow(event: VendorEvent): Omit<EventRow, 'seq'> {
  return {
    id: event.id,
    type: event.type,
    vendor_slug: event.vendorSlug,
    incident_id: event.incidentId,
    update_id: storableTextOrNull(event.updateId),
    component: event.component === null ? null : toJson(event.component),
    changes: toJson(event.changes),
    at: storedInstant(event.at),
  };
}

export function eventFromRow(row: Omit<EventRow, 'seq'>): VendorEvent {
  return {
    id: row.id,
    // Written only from typed domain values.
    type: row.type as EventType,
    vendorSlug: row.vendor_slug,
    incidentId: row.incident_id,
    updateId: row.update_id,
    component: fromJsonOrNull<ComponentChange>(row.component),
    changes: fromJson<VendorEvent['changes']>(row.changes),
    at: row.at,
  };
}
