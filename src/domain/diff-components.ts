// The component half of a diff: which component statuses changed, and whether the stored
// component list needs rewriting at all.
import type { ComponentChange } from './model.js';
import type { PlannedEvent } from './plan.js';
import type { ObservedComponent } from './snapshot.js';

export function componentsDiffer(before: ObservedComponent[], after: ObservedComponent[]): boolean {
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

export function diffComponents(
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
