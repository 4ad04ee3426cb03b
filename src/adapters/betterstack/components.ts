// Resources become components, grouped by their section and ordered by (section, own position).
import type { ObservedComponent } from '../../domain/snapshot.js';
import { cleanLabel } from '../../domain/text.js';
import { uniqueComponents } from '../parse-kit/incident-parts.js';
import { asId, asNumber, asText, quote } from '../parse-kit/lenient.js';
import { capList, type Warnings } from '../parse-kit/warnings.js';
import { isNotMonitored, resourceStatusOf } from './enums.js';
import type { IndexDocument } from './wire.js';

export function readComponents(index: IndexDocument, warnings: Warnings): ObservedComponent[] {
  const sections = new Map(
    index.byType('status_page_section').map((section) => [
      section.id,
      {
        name: cleanLabel(asText(section.attributes.name) ?? ''),
        position: asNumber(section.attributes.position) ?? 0,
      },
    ]),
  );
  const rows = capList(index.byType('status_page_resource'), 'resources', warnings).flatMap(
    (resource, order) => {
      const { attributes } = resource;
      if (isNotMonitored(attributes.status)) return [];
      const name = cleanLabel(asText(attributes.public_name) ?? '');
      if (name === '') {
        warnings.add(`resource ${resource.id}: no public name; skipped`);
        return [];
      }
      let status = resourceStatusOf(attributes.status);
      if (status === null) {
        warnings.add(
          `resource ${resource.id}: unknown status ${quote(attributes.status)}; read as unknown`,
        );
        status = 'unknown';
      }
      // Section ids arrive as numbers or strings; both name the same section.
      const section = sections.get(asId(attributes.status_page_section_id) ?? '');
      return [
        {
          component: { id: resource.id, name, group: section?.name || null, status, position: 0 },
          sectionPosition: section?.position ?? Number.MAX_SAFE_INTEGER,
          position: asNumber(attributes.position) ?? 0,
          order,
        },
      ];
    },
  );
  rows.sort(
    (a, b) => a.sectionPosition - b.sectionPosition || a.position - b.position || a.order - b.order,
  );
  return uniqueComponents(
    rows.map((row) => row.component),
    warnings,
  );
}
