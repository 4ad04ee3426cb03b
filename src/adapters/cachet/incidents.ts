// Cachet incidents: a name, a status code and one Markdown message (later updates live at a
// per-incident URL we do not poll). Cachet has no impact field: incidents read as `minor`.
import type { ObservedIncident, ObservedUpdate } from '../../domain/snapshot.js';
import type { IncidentKind, Phase } from '../../domain/vocabulary.js';
import { buildUpdate, finishIncident, safeHttpUrl } from '../parse-kit/incident-parts.js';
import { asId, asList, asRecord, asText, type JsonObject } from '../parse-kit/lenient.js';
import { capList, type Warnings } from '../parse-kit/warnings.js';
import { enumValue, incidentPhaseOf } from './enums.js';
import { cachetTime } from './wire.js';

export interface IncidentContext {
  generation: 2 | 3;
  componentNames: Map<string, string>;
  siteBase: string;
  warnings: Warnings;
  /** Set when any time had no zone, so the snapshot warns once. */
  sawZonelessTime: boolean;
}

export function readIncident(row: JsonObject, context: IncidentContext): ObservedIncident | null {
  const { warnings } = context;
  const id = asId(row.id);
  if (id === null) {
    warnings.add('incident without an id; skipped');
    return null;
  }
  if (row.visible === 0 || row.visible === false) return null;
  const code = enumValue(row.status);
  // Cachet 2 posts scheduled maintenance as incident status 0.
  const kind: IncidentKind = context.generation === 2 && code === 0 ? 'maintenance' : 'incident';
  let phase: Phase | null = kind === 'maintenance' ? 'scheduled' : incidentPhaseOf(code);
  if (phase === null) {
    warnings.add(`incident ${id}: unknown status; read as investigating`);
    phase = 'investigating';
  }
  const time = (value: unknown) => {
    const { instant, zoneless } = cachetTime(value);
    if (zoneless) context.sawZonelessTime = true;
    return instant;
  };
  const scheduledFor = kind === 'maintenance' ? time(row.scheduled_at) : null;
  const createdAt = time(row.created_at ?? row.created);
  const startedAt = scheduledFor ?? time(row.occurred_at ?? row.occurred) ?? createdAt;
  if (startedAt === null) {
    warnings.add(`incident ${id}: no usable time; skipped`);
    return null;
  }
  const updatedAt = time(row.updated_at ?? row.updated);
  const updates = readUpdates(row, id, kind, phase, createdAt ?? startedAt, time, warnings);
  const componentId = asId(row.component_id);
  const component = componentId === null ? undefined : context.componentNames.get(componentId);
  return finishIncident(
    {
      sourceId: id,
      title: asText(row.name) ?? '',
      kind,
      impact: kind === 'maintenance' ? 'maintenance' : 'minor',
      phase,
      startedAt,
      resolvedAt: phase === 'resolved' ? laterOf(updatedAt, startedAt) : null,
      sourceUrl:
        safeHttpUrl(row.permalink) ?? `${context.siteBase}/incidents/${encodeURIComponent(id)}`,
      components: component === undefined ? [] : [component],
      updates,
      scheduledFor,
      scheduledUntil: null,
    },
    warnings,
  );
}

/** The incident's own message first, then any `updates` the API embedded (Cachet 2.4+). */
function readUpdates(
  row: JsonObject,
  id: string,
  kind: IncidentKind,
  phase: Phase,
  postedAt: string,
  time: (value: unknown) => string | null,
  warnings: Warnings,
): ObservedUpdate[] {
  const updates: ObservedUpdate[] = [];
  const message = asText(row.message);
  if (message !== null) {
    updates.push(
      buildUpdate({ sourceId: `${id}-message`, phase, raw: message, postedAt, components: null }),
    );
  }
  for (const raw of capList(asList(row.updates), `incident ${id} updates`, warnings)) {
    const update = asRecord(raw);
    const updateId = asId(update?.id);
    const at = time(update?.created_at ?? update?.created);
    const text = asText(update?.message);
    if (!update || updateId === null || at === null || text === null) continue;
    const stated = kind === 'incident' ? incidentPhaseOf(enumValue(update.status)) : null;
    updates.push(
      buildUpdate({
        sourceId: updateId,
        phase: stated ?? phase,
        raw: text,
        postedAt: at,
        components: null,
      }),
    );
  }
  return updates;
}

function laterOf(candidate: string | null, floor: string): string {
  return candidate !== null && candidate > floor ? candidate : floor;
}
