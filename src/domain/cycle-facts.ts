// What routing needs of a cycle's incidents, derived in memory from the state the diff started
// from and the plan it made: the same values the store holds once the plan is applied.
import type { CyclePlan, PreviousState } from './plan.js';
import type { CycleFacts, IncidentFacts } from './routing.js';

function factsOf(incident: IncidentFacts): IncidentFacts {
  const { kind, impact, phase, components, scheduledFor } = incident;
  return { kind, impact, phase, components, scheduledFor };
}

function updateKey(incidentId: string, updateId: string): string {
  return `${incidentId}\n${updateId}`;
}

export function cycleFacts(
  previous: PreviousState | null,
  plan: Pick<CyclePlan, 'incidents'>,
): CycleFacts {
  const incidents = new Map<string, IncidentFacts>();
  const updates = new Map<string, string[] | null>();
  for (const known of previous?.incidents ?? []) {
    incidents.set(known.id, factsOf(known));
    for (const update of known.updates) {
      updates.set(updateKey(known.id, update.id), update.components);
    }
  }
  for (const write of plan.incidents) {
    if (write.action === 'insert') {
      incidents.set(write.incident.id, factsOf(write.incident));
      for (const update of write.updates) {
        updates.set(updateKey(write.incident.id, update.id), update.components);
      }
      continue;
    }
    const before = incidents.get(write.incidentId);
    if (before) incidents.set(write.incidentId, factsOf({ ...before, ...write.fields }));
    for (const update of [...write.newUpdates, ...write.editedUpdates]) {
      updates.set(updateKey(write.incidentId, update.id), update.components);
    }
  }
  return {
    incident: (id) => incidents.get(id) ?? null,
    updateComponents: (incidentId, updateId) =>
      updates.get(updateKey(incidentId, updateId)) ?? null,
  };
}
