// The page's components (docs/platforms.md#statuspage-components): group rows are containers, not
// components; children carry their group's name and sort by (group position, own position) because
// positions restart.
import type { ObservedComponent } from '../../domain/snapshot.js';
import { asLabel, asLabelId, asNumber, asRecord, quote } from '../parse-kit/lenient.js';
import type { Warnings } from '../parse-kit/warnings.js';
import { mapComponentStatus } from './enums.js';

/** A page with more rows than this is hostile or broken; the rest are dropped with a warning. */
const maxComponents = 2000;

export interface PageComponents {
  components: ObservedComponent[];
  /** Current names of real (non-group) components, by id. */
  nameById: ReadonlyMap<string, string>;
  /** Ids of group rows, which never count as affected components. */
  groupIds: ReadonlySet<string>;
}

interface Row {
  id: string;
  name: string;
  rawStatus: unknown;
  position: number;
  groupId: string | null;
  isGroup: boolean;
  childIds: string[];
  index: number;
}

export function normalizeComponents(list: readonly unknown[], warnings: Warnings): PageComponents {
  const rows = readRows(list, warnings);
  const groupIds = findGroupIds(rows);
  const parentOf = new Map<string, Row>();
  for (const row of rows.values()) {
    if (!groupIds.has(row.id)) continue;
    for (const childId of row.childIds) if (!parentOf.has(childId)) parentOf.set(childId, row);
  }
  const members = [...rows.values()].filter((row) => !groupIds.has(row.id));
  const keyed = members.map((row) => {
    const declared = row.groupId === null ? undefined : rows.get(row.groupId);
    const parent = declared && groupIds.has(declared.id) ? declared : parentOf.get(row.id);
    const key = parent ? [parent.position, 1, row.position] : [row.position, 0, 0];
    return { row, parent, key: [...key, row.index] };
  });
  keyed.sort((a, b) => compareKeys(a.key, b.key));
  if (keyed.length > maxComponents) {
    warnings.add(`${keyed.length} components listed; kept the first ${maxComponents}`);
    keyed.length = maxComponents;
  }
  const components = keyed.map(({ row, parent }, position): ObservedComponent => {
    const status = mapComponentStatus(row.rawStatus);
    if (!status) {
      warnings.add(`component ${row.id}: unknown status ${quote(row.rawStatus)}, shown as unknown`);
    }
    return {
      id: row.id,
      name: row.name,
      group: parent?.name ?? null,
      status: status ?? 'unknown',
      position,
    };
  });
  return {
    components,
    nameById: new Map(components.map((c) => [c.id, c.name])),
    groupIds,
  };
}

function readRows(list: readonly unknown[], warnings: Warnings): Map<string, Row> {
  const rows = new Map<string, Row>();
  list.forEach((item, index) => {
    const object = asRecord(item);
    const id = object ? asLabelId(object.id) : null;
    const name = object ? asLabel(object.name) : null;
    if (!object || id === null || name === null) {
      warnings.add(
        `component #${index}: skipped (${!object ? 'not an object' : id === null ? 'no id' : 'no name'})`,
      );
      return;
    }
    if (rows.has(id)) {
      warnings.add(`component ${id}: listed twice, kept the first`);
      return;
    }
    const children = object.components;
    rows.set(id, {
      id,
      name,
      rawStatus: object.status,
      position: asNumber(object.position) ?? Number.MAX_SAFE_INTEGER,
      groupId: asLabelId(object.group_id),
      isGroup: object.group === true,
      childIds: Array.isArray(children) ? children.flatMap((c) => asLabelId(c) ?? []) : [],
      index,
    });
  });
  return rows;
}

/** Group rows say `group: true`; legacy rows that others point at through group_id are groups too. */
function findGroupIds(rows: ReadonlyMap<string, Row>): Set<string> {
  const ids = new Set<string>();
  for (const row of rows.values()) {
    if (row.isGroup) ids.add(row.id);
    if (row.groupId !== null && row.groupId !== row.id && rows.has(row.groupId))
      ids.add(row.groupId);
  }
  return ids;
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}
