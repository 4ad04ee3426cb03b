// Sorry™'s components: a component other components point at through `parent_id` is their group
// (its name labels them) and is not listed itself, as on the page.
import type { ObservedComponent } from '../../domain/snapshot.js';
import { uniqueComponents } from '../parse-kit/incident-parts.js';
import { asId, asLabel, asList, asRecord } from '../parse-kit/lenient.js';
import { capList, type Warnings } from '../parse-kit/warnings.js';
import { componentStatusOf } from './enums.js';

interface PageComponents {
  components: ObservedComponent[];
  /** Every row's name by id, groups included, for the notices that name them. */
  nameById: ReadonlyMap<string, string>;
}

interface Row {
  id: string;
  name: string;
  state: unknown;
  parentId: string | null;
}

export function readComponents(list: unknown, warnings: Warnings): PageComponents {
  const rows = capList(asList(list), 'components', warnings).flatMap((raw, index): Row[] => {
    const row = asRecord(raw);
    const id = asId(row?.id);
    const name = asLabel(row?.name);
    if (!row || id === null || name === null) {
      warnings.add(`component #${index}: no id or name; skipped`);
      return [];
    }
    return [{ id, name, state: row.state, parentId: asId(row.parent_id) }];
  });
  const nameById = new Map(rows.map((row) => [row.id, row.name]));
  const parents = new Set(rows.flatMap((row) => (row.parentId === null ? [] : [row.parentId])));
  const members = rows.filter((row) => !parents.has(row.id));
  const components = members.map((row, position): ObservedComponent => {
    let status = componentStatusOf(row.state);
    if (status === undefined) {
      warnings.add(`component ${row.id}: unknown state; read as unknown`);
      status = 'unknown';
    }
    const group = row.parentId === null ? null : (nameById.get(row.parentId) ?? null);
    return { id: row.id, name: row.name, group, status, position };
  });
  return { components: uniqueComponents(components, warnings), nameById };
}
