// AWS Health (docs/platforms.md#aws): the current `currentevents` array, or the legacy dashboard's
// `{archive, current}` object; told apart by shape. Services named by events are the components.
import type { ObservedComponent, ObservedIncident, VendorSnapshot } from '../../domain/snapshot.js';
import { worstStatus } from '../../domain/status.js';
import { cleanLabel } from '../../domain/text.js';
import type { ComponentStatus } from '../../domain/vocabulary.js';
import { uniqueComponents } from '../parse-kit/incident-parts.js';
import { parseJsonBody } from '../parse-kit/json-body.js';
import { asList, asRecord } from '../parse-kit/lenient.js';
import { capList, maxItemsPerList, Warnings } from '../parse-kit/warnings.js';
import type { ParseResult } from '../types.js';
import { repairUtf16Body } from './body.js';
import { readCurrentEvent } from './current-events.js';
import { serviceStatusOfCode } from './enums.js';
import { readLegacyItem, type LegacyItem } from './legacy.js';

export function normalizeAws(body: string | null): ParseResult {
  const warnings = new Warnings();
  const repaired = body === null ? null : repairUtf16Body(body);
  if (repaired?.repaired)
    warnings.add('body looked like UTF-16 read as 8-bit text; removed the NULs');
  const parsed = parseJsonBody(repaired?.text ?? null, 'events');
  if (!parsed.ok) return parsed;

  let listsAllOpen = true;
  const items: LegacyItem[] = [];
  const take = (
    raws: unknown[],
    read: (raw: unknown) => LegacyItem[] | LegacyItem | null,
    open: boolean,
  ) => {
    if (open && raws.length > maxItemsPerList) listsAllOpen = false;
    for (const raw of capList(raws, 'events', warnings)) {
      const result = read(raw);
      if (result === null) {
        if (open) listsAllOpen = false;
      } else items.push(...(Array.isArray(result) ? result : [result]));
    }
  };
  const legacy = asRecord(parsed.value);
  if (Array.isArray(parsed.value)) {
    take(parsed.value, (raw) => readCurrentEvent(raw, warnings), true);
  } else if (legacy && (Array.isArray(legacy.current) || Array.isArray(legacy.archive))) {
    take(asList(legacy.current), (raw) => readLegacyItem(raw, false, warnings), true);
    take(asList(legacy.archive), (raw) => readLegacyItem(raw, true, warnings), false);
  } else {
    return {
      ok: false,
      error: 'events: neither a currentevents array nor a legacy {archive, current} object',
    };
  }

  const incidents = new Map<string, ObservedIncident>();
  for (const { incident } of items)
    if (!incidents.has(incident.sourceId)) incidents.set(incident.sourceId, incident);
  const snapshot: VendorSnapshot = {
    platform: 'aws',
    pageName: null,
    components: servicesOf(items, warnings),
    incidents: [...incidents.values()],
    listsAllOpen,
    warnings: warnings.list(),
  };
  return { ok: true, snapshot };
}

/** Every service an event names, sorted by name; status is the worst an open event gives it. */
function servicesOf(items: LegacyItem[], warnings: Warnings): ObservedComponent[] {
  const services = new Map<string, { name: string; statuses: ComponentStatus[] }>();
  for (const { service } of items) {
    if (service === null) continue;
    const entry = services.get(service.id) ?? { name: cleanLabel(service.name), statuses: [] };
    entry.statuses.push(serviceStatusOfCode(service.code) ?? 'unknown');
    services.set(service.id, entry);
  }
  const sorted = [...services.entries()].sort(([, a], [, b]) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  return uniqueComponents(
    sorted.map(([id, { name, statuses }], position) => ({
      id,
      name,
      group: null,
      status: worstStatus(statuses),
      position,
    })),
    warnings,
  );
}
