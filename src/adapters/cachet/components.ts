// Cachet components with their group names; disabled components are not on the page.
import type { ObservedComponent } from '../../domain/snapshot.js';
import { cleanLabel } from '../../domain/text.js';
import { uniqueComponents } from '../parse-kit/incident-parts.js';
import { asId, asNumber, asText } from '../parse-kit/lenient.js';
import { capList, type Warnings } from '../parse-kit/warnings.js';
import { componentStatusOf } from './enums.js';
import type { CachetList } from './wire.js';

export function readGroupNames(groups: CachetList | null): Map<string, string> {
  const names = new Map<string, string>();
  for (const row of groups?.rows ?? []) {
    const id = asId(row.id);
    const name = cleanLabel(asText(row.name) ?? '');
    if (id !== null && name !== '') names.set(id, name);
  }
  return names;
}

export function readComponents(
  list: CachetList,
  groupNames: Map<string, string>,
  warnings: Warnings,
): ObservedComponent[] {
  const rows = capList(list.rows, 'components', warnings).flatMap((row, index) => {
    const id = asId(row.id);
    const name = cleanLabel(asText(row.name) ?? '');
    if (id === null || name === '') {
      warnings.add(`component #${index}: no id or name; skipped`);
      return [];
    }
    if (row.enabled === false || row.enabled === 0) return [];
    let status = componentStatusOf(row.status);
    if (status === null) {
      warnings.add(`component ${id}: unknown status; read as unknown`);
      status = 'unknown';
    }
    const groupId = asId(row.group_id ?? row.component_group_id);
    const group = groupId === null ? null : (groupNames.get(groupId) ?? null);
    return [{ id, name, group, status, order: asNumber(row.order) ?? 0, index }];
  });
  rows.sort((a, b) => a.order - b.order || a.index - b.index);
  const components = rows.map(({ id, name, group, status }, position) => ({
    id,
    name,
    group,
    status,
    position,
  }));
  return uniqueComponents(components, warnings);
}
