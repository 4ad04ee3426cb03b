// Gathers incidents and maintenances from every list they appear in. One id may sit in the
// summary and in the history list, or twice in one list (docs/reliability.md#a7): the copy with the
// later updated_at wins, then the one with more updates, then the first listed.
import { parseInstant } from '../../domain/time.js';
import { asLabelId, asRecord, type JsonObject } from '../parse-kit/lenient.js';
import { maxItemsPerList, type Warnings } from '../parse-kit/warnings.js';
import { closedStatuses } from './enums.js';

/** More items than this in one poll is hostile or broken: the toolkit's one cap per list. */
const maxItems = maxItemsPerList;

export interface ItemList {
  /** Where the list came from, for warnings: e.g. `incidents.json`. */
  source: string;
  /** True for scheduled-maintenance lists: everything in them is a maintenance. */
  maintenance: boolean;
  items: readonly unknown[];
}

export interface RawItem {
  id: string;
  object: JsonObject;
  /** Listed as a scheduled maintenance somewhere. Sticky, so a copy elsewhere cannot flip it. */
  listedAsMaintenance: boolean;
}

interface CollectedItems {
  items: RawItem[];
  /** Items dropped for lack of an id or over the cap. */
  dropped: number;
}

export function collectItems(lists: readonly ItemList[], warnings: Warnings): CollectedItems {
  const byId = new Map<string, RawItem>();
  let dropped = 0;
  for (const list of lists) {
    const seenHere = new Set<string>();
    list.items.forEach((entry, index) => {
      const object = asRecord(entry);
      const id = object ? asLabelId(object.id) : null;
      if (!object || id === null) {
        warnings.add(
          `${list.source} item #${index}: skipped (${object ? 'no id' : 'not an object'})`,
        );
        dropped += 1;
        return;
      }
      if (seenHere.has(id))
        warnings.add(`${list.source}: id ${id} listed twice, kept the newer copy`);
      seenHere.add(id);
      const known = byId.get(id);
      const listedAsMaintenance = list.maintenance || (known?.listedAsMaintenance ?? false);
      const winner = known && !isNewer(object, known.object) ? known.object : object;
      byId.set(id, { id, object: winner, listedAsMaintenance });
    });
  }
  const items = [...byId.values()];
  if (items.length <= maxItems) return { items, dropped };
  warnings.add(
    `${items.length} incidents and maintenances listed; kept ${maxItems}, open ones first`,
  );
  items.sort(compareForCap);
  return { items: items.slice(0, maxItems), dropped: dropped + items.length - maxItems };
}

function isNewer(candidate: JsonObject, known: JsonObject): boolean {
  const byTime = updatedAtMs(candidate) - updatedAtMs(known);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime > 0;
  return updateCount(candidate) > updateCount(known);
}

/** Open first, then most recently updated, then by id: what a reader needs most survives. */
function compareForCap(a: RawItem, b: RawItem): number {
  const open = Number(isOpen(b.object)) - Number(isOpen(a.object));
  if (open !== 0) return open;
  const byTime = updatedAtMs(b.object) - updatedAtMs(a.object);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function isOpen(object: JsonObject): boolean {
  const status = object.status;
  const closed = typeof status === 'string' && closedStatuses.includes(status);
  return !closed && parseInstant(object.resolved_at) === null;
}

function updatedAtMs(object: JsonObject): number {
  const instant = parseInstant(object.updated_at);
  return instant === null ? Number.NEGATIVE_INFINITY : Date.parse(instant);
}

function updateCount(object: JsonObject): number {
  const updates = object.incident_updates;
  return Array.isArray(updates) ? updates.length : 0;
}
