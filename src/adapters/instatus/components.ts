// Instatus components (docs/platforms.md#instatus): the public `{components:[…]}` with `group`
// objects, or the documented bare array of parents with `children`. Both become one flat list.
import type { ObservedComponent } from '../../domain/snapshot.js';
import { cleanLabel } from '../../domain/text.js';
import { uniqueComponents } from '../parse-kit/incident-parts.js';
import { asId, asList, asRecord, asText } from '../parse-kit/lenient.js';
import { capList, type Warnings } from '../parse-kit/warnings.js';
import { componentStatusOf } from './enums.js';

export function readComponents(root: unknown, warnings: Warnings): ObservedComponent[] {
  const list = Array.isArray(root) ? root : asList(asRecord(root)?.components);
  const components: ObservedComponent[] = [];
  const add = (raw: unknown, group: string | null) => {
    const row = asRecord(raw);
    const id = asId(row?.id);
    const name = cleanLabel(asText(row?.name) ?? '');
    if (!row || id === null || name === '') {
      warnings.add('component without an id or name; skipped');
      return;
    }
    const children = asList(row.children);
    if (row.isParent === true || children.length > 0) {
      for (const child of children) add(child, name);
      return;
    }
    let status = componentStatusOf(row.status);
    if (status === null) {
      warnings.add(`component ${id}: unknown status; read as unknown`);
      status = 'unknown';
    }
    const groupName = cleanLabel(asText(asRecord(row.group)?.name) ?? '');
    components.push({
      id,
      name,
      group: group ?? (groupName === '' ? null : groupName),
      status,
      position: components.length,
    });
  };
  for (const raw of capList(list, 'components', warnings)) add(raw, null);
  return uniqueComponents(capList(components, 'components', warnings), warnings);
}
