// An incident's affected components (docs/platforms.md#statuspage-timeline): the union of its
// `components[]` and every update's affected_components, keyed by id, in the vendor's order. The
// page's current name wins over an old update's, so a renamed component is listed once, as now.
import type { PageComponents } from './components.js';
import type { TimelineUpdate } from './updates.js';
import { asLabel, asLabelId, asRecord, type JsonObject } from '../parse-kit/lenient.js';

interface Seen {
  id: string | null;
  /** Name from the incident's own components[] (current at poll time). */
  currentName: string | null;
  /** Name from the newest update that mentioned it (the name at that time). */
  updateName: string | null;
}

export function affectedComponents(
  incident: JsonObject,
  timeline: readonly TimelineUpdate[],
  page: PageComponents,
): string[] {
  const seen = new Map<string, Seen>();
  const note = (id: string | null, name: string | null, fromUpdate: boolean): void => {
    if (id !== null && page.groupIds.has(id)) return;
    const key = id ?? `name:${name ?? ''}`;
    if (id === null && name === null) return;
    const entry = seen.get(key) ?? {
      id,
      currentName: null,
      updateName: null,
    };
    if (fromUpdate) entry.updateName = name ?? entry.updateName;
    else entry.currentName ??= name;
    seen.set(key, entry);
  };
  const own = incident.components;
  for (const item of Array.isArray(own) ? own : []) {
    const object = asRecord(item);
    if (!object || object.group === true) continue;
    note(asLabelId(object.id), asLabel(object.name), false);
  }
  for (const update of timeline) for (const ref of update.refs) note(ref.id, ref.name, true);

  // The vendor's own order (the incident's list, then updates oldest first) is how its incident
  // page lists them, and the order the summary sentence names them in.
  const names = new Set<string>();
  for (const entry of seen.values()) {
    const pageName = entry.id === null ? undefined : page.nameById.get(entry.id);
    const name = pageName ?? entry.currentName ?? entry.updateName;
    if (name !== null) names.add(name);
  }
  return [...names];
}
