// An incident's timeline (docs/platforms.md#statuspage-timeline): Statuspage lists updates newest
// first and may backdate them through display_at; we sort oldest first by (postedAt, id).
import type { ObservedUpdate } from '../../domain/snapshot.js';
import { bodyToText, sanitizeBody } from '../../domain/sanitize.js';
import { parseInstant } from '../../domain/time.js';
import type { IncidentKind } from '../../domain/vocabulary.js';
import { mapPhase } from './enums.js';
import {
  asLabel,
  asLabelId,
  asRecord,
  kindOf,
  listField,
  quote,
  type JsonObject,
} from '../parse-kit/lenient.js';
import type { Warnings } from '../parse-kit/warnings.js';

/** A component an update names: `code` is the component id. */
interface ComponentRef {
  id: string | null;
  name: string | null;
}

export interface TimelineUpdate extends ObservedUpdate {
  /** Every component the update referenced, group rows included, for the incident's union. */
  refs: ComponentRef[];
}

interface Scope {
  incidentId: string;
  kind: IncidentKind;
  groupIds: ReadonlySet<string>;
  /** Current component names, for refs that carry only a code. */
  nameById: ReadonlyMap<string, string>;
  warnings: Warnings;
}

/** All usable updates of one incident, oldest first; unusable ones are skipped with a warning. */
export function readTimeline(list: readonly unknown[], scope: Scope): TimelineUpdate[] {
  const byId = new Map<string, { update: TimelineUpdate; updatedAt: string }>();
  list.forEach((entry, index) => {
    const object = asRecord(entry);
    const id = object ? asLabelId(object.id) : null;
    if (!object || id === null) {
      scope.warnings.add(`incident ${scope.incidentId}: update #${index} skipped (no id)`);
      return;
    }
    const update = readUpdate(object, id, scope);
    if (!update) return;
    const updatedAt = parseInstant(object.updated_at) ?? '';
    const known = byId.get(id);
    if (known) scope.warnings.add(`incident ${scope.incidentId}: update ${id} listed twice`);
    if (!known || updatedAt > known.updatedAt) byId.set(id, { update, updatedAt });
  });
  return [...byId.values()].map((entry) => entry.update).sort(compareUpdates);
}

/** A legacy `postmortem_body` becomes a timeline entry, as the reference page shows it. */
export function readLegacyPostmortem(incident: JsonObject, scope: Scope): TimelineUpdate | null {
  const body = incident.postmortem_body;
  if (typeof body !== 'string' || body.trim() === '') return null;
  const postedAt =
    parseInstant(incident.postmortem_published_at) ?? parseInstant(incident.updated_at);
  if (postedAt === null) {
    scope.warnings.add(`incident ${scope.incidentId}: postmortem skipped (no usable time)`);
    return null;
  }
  const phase = mapPhase(scope.kind, 'postmortem') ?? 'postmortem';
  return { sourceId: 'postmortem', phase, postedAt, ...bodies(body), components: null, refs: [] };
}

/**
 * True when a timeline update already publishes the postmortem that `postmortem_body` holds:
 * pages post it both ways, and one postmortem is one timeline entry. Same text, or one text
 * containing the other (a page may add a heading), compared without case or spacing.
 */
export function samePostmortem(update: ObservedUpdate, postmortem: ObservedUpdate): boolean {
  if (update.phase !== postmortem.phase) return false;
  const a = comparable(update.bodyText);
  const b = comparable(postmortem.bodyText);
  if (a === b) return true;
  const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
  return shorter.length >= minContainedLength && longer.includes(shorter);
}

/** Shorter texts ("Postmortem published.") say too little to be the same postmortem. */
const minContainedLength = 80;

function comparable(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

export function compareUpdates(a: ObservedUpdate, b: ObservedUpdate): number {
  if (a.postedAt !== b.postedAt) return a.postedAt < b.postedAt ? -1 : 1;
  return a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0;
}

function readUpdate(object: JsonObject, id: string, scope: Scope): TimelineUpdate | null {
  const where = `incident ${scope.incidentId}: update ${id}`;
  const postedAt = parseInstant(object.display_at) ?? parseInstant(object.created_at);
  if (postedAt === null) {
    scope.warnings.add(`${where} skipped (no usable time)`);
    return null;
  }
  const rawStatus = object.status;
  let phase = mapPhase(scope.kind, rawStatus);
  if (phase === null) {
    phase = scope.kind === 'maintenance' ? 'scheduled' : 'investigating';
    scope.warnings.add(`${where}: unknown status ${quote(rawStatus)}, read as ${phase}`);
  }
  const rawBody = object.body;
  if (typeof rawBody !== 'string' && rawBody !== null && rawBody !== undefined) {
    scope.warnings.add(`${where}: body is ${kindOf(rawBody)}, shown empty`);
  }
  const refs = readRefs(object, where, scope.warnings);
  const names = refs === null ? null : namesOf(refs, scope);
  const text = typeof rawBody === 'string' ? rawBody : '';
  return { sourceId: id, phase, postedAt, ...bodies(text), components: names, refs: refs ?? [] };
}

function readRefs(update: JsonObject, where: string, warnings: Warnings): ComponentRef[] | null {
  const list = listField(update.affected_components);
  if (list.kind === 'absent') return null;
  if (list.kind === 'wrong_type') {
    warnings.add(`${where}: affected_components is ${list.got}, ignored`);
    return null;
  }
  return list.items.flatMap((item) => {
    const object = asRecord(item);
    if (!object) return [];
    const ref = { id: asLabelId(object.code), name: asLabel(object.name) };
    return ref.id === null && ref.name === null ? [] : [ref];
  });
}

/** The names as the update gave them (the name at that time), without group rows. */
function namesOf(refs: readonly ComponentRef[], scope: Scope): string[] {
  const names = new Set<string>();
  for (const ref of refs) {
    if (ref.id !== null && scope.groupIds.has(ref.id)) continue;
    const name = ref.name ?? (ref.id === null ? undefined : scope.nameById.get(ref.id));
    if (name !== undefined) names.add(name);
  }
  return [...names];
}

function bodies(raw: string): Pick<ObservedUpdate, 'body' | 'bodyText'> {
  return { body: sanitizeBody(raw), bodyText: bodyToText(raw) };
}
