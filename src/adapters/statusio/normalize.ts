// status.io public status API (docs/platforms.md#statusio): `{result: {status_overall, status,
// incidents, maintenance: {active, upcoming}}}`. It lists only what is open, so the list is
// complete.
import type { ObservedIncident, VendorSnapshot } from '../../domain/snapshot.js';
import { parseJsonBody } from '../parse-kit/json-body.js';
import { asRecord, type JsonObject } from '../parse-kit/lenient.js';
import { capList, maxItemsPerList, Warnings } from '../parse-kit/warnings.js';
import type { ParseResult } from '../types.js';
import { readComponents } from './components.js';
import { readIncident, readMaintenance, type ItemContext } from './incidents.js';

export function normalizeStatusio(
  body: string | null,
  linkFor: ItemContext['linkFor'],
): ParseResult {
  const parsed = parseJsonBody(body, 'status');
  if (!parsed.ok) return parsed;
  const result = asRecord(asRecord(parsed.value)?.result);
  if (!result || !Array.isArray(result.status)) {
    return {
      ok: false,
      error:
        'status: no result.status list (not status.io; configure https://api.status.io/1.0/status/<page id>)',
    };
  }
  const warnings = new Warnings();
  const context: ItemContext = { linkFor, warnings };
  const maintenance = asRecord(result.maintenance);
  let listsAllOpen = true;
  const list = (owner: JsonObject | null, key: string): unknown[] => {
    const value = owner?.[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      warnings.add(`${key} is not a list`);
      listsAllOpen = false;
      return [];
    }
    if (value.length > maxItemsPerList) listsAllOpen = false;
    return capList(value, key, warnings);
  };
  const items: Array<ObservedIncident | null> = [
    ...list(result, 'incidents').map((raw) => readIncident(raw, context)),
    ...list(maintenance, 'active').map((raw) => readMaintenance(raw, true, context)),
    ...list(maintenance, 'upcoming').map((raw) => readMaintenance(raw, false, context)),
  ];
  const seen = new Set<string>();
  const incidents: ObservedIncident[] = [];
  for (const item of items) {
    if (item === null) listsAllOpen = false;
    else if (seen.has(item.sourceId))
      warnings.add(`item ${item.sourceId} appears twice; kept the first`);
    else {
      seen.add(item.sourceId);
      incidents.push(item);
    }
  }
  const snapshot: VendorSnapshot = {
    platform: 'statusio',
    pageName: null,
    components: readComponents(result.status, warnings),
    incidents,
    listsAllOpen,
    warnings: warnings.list(),
  };
  return { ok: true, snapshot };
}
