// status.io splits each component by container (region or provider). A component's status is
// the worst of its own code and its containers' codes, so no regional outage is hidden.
import type { ObservedComponent } from '../../domain/snapshot.js';
import type { ComponentStatus } from '../../domain/vocabulary.js';
import { worstStatus } from '../../domain/status.js';
import { cleanLabel } from '../../domain/text.js';
import { uniqueComponents } from '../parse-kit/incident-parts.js';
import { asId, asList, asNumber, asRecord, asText } from '../parse-kit/lenient.js';
import { capList, type Warnings } from '../parse-kit/warnings.js';
import { componentStatusOf, securityCode } from './enums.js';

export function readComponents(value: unknown, warnings: Warnings): ObservedComponent[] {
  let securityFlags = 0;
  const components = capList(asList(value), 'components', warnings).flatMap((raw, index) => {
    const row = asRecord(raw);
    const id = asId(row?.id);
    const name = cleanLabel(asText(row?.name) ?? '');
    if (!row || id === null || name === '') {
      warnings.add(`component #${index}: no id or name; skipped`);
      return [];
    }
    const codes = [row.status_code, ...asList(row.containers).map((c) => asRecord(c)?.status_code)];
    const statuses: ComponentStatus[] = [];
    for (const code of codes) {
      if (code === undefined) continue;
      if (asNumber(code) === securityCode) securityFlags += 1;
      const status = componentStatusOf(code);
      if (status === null) warnings.add(`component ${id}: unknown status code; read as unknown`);
      statuses.push(status ?? 'unknown');
    }
    const status = statuses.length === 0 ? 'unknown' : worstStatus(statuses);
    return [{ id, name, group: null, status, position: index }];
  });
  if (securityFlags > 0) {
    warnings.add('status 600 (security event) says nothing about availability; read as unknown');
  }
  return uniqueComponents(components, warnings);
}
