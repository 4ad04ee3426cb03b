// Better Stack status pages (docs/platforms.md#betterstack): one JSON:API document with 90 days of
// reports, so every open report is in it.
import type { VendorSnapshot } from '../../domain/snapshot.js';
import { cleanLabel } from '../../domain/text.js';
import { parseVendorTime } from '../parse-kit/dates.js';
import { parseJsonBody } from '../parse-kit/json-body.js';
import { asText } from '../parse-kit/lenient.js';
import { maxItemsPerList, Warnings } from '../parse-kit/warnings.js';
import type { ParseResult } from '../types.js';
import { readComponents } from './components.js';
import { readReports } from './reports.js';
import { readIndex } from './wire.js';

export function normalizeBetterstack(body: string | null, observedAt: string | null): ParseResult {
  const parsed = parseJsonBody(body, 'index.json');
  if (!parsed.ok) return parsed;
  const index = readIndex(parsed.value);
  if (!index)
    return { ok: false, error: 'index.json: data.type is not "status_page" (not Better Stack)' };
  const warnings = new Warnings();
  const components = readComponents(index, warnings);
  const reportCount = index.byType('status_report').length;
  const incidents = readReports(index, {
    resourceNames: new Map(components.map((c) => [c.id, c.name])),
    asOf: observedAt ?? parseVendorTime(index.page.updated_at),
    warnings,
  });
  const seen = new Set<string>();
  const unique = incidents.filter((incident) => {
    if (!seen.has(incident.sourceId)) {
      seen.add(incident.sourceId);
      return true;
    }
    warnings.add(`report ${incident.sourceId} appears twice; kept the first`);
    return false;
  });
  const snapshot: VendorSnapshot = {
    platform: 'betterstack',
    pageName: cleanLabel(asText(index.page.company_name) ?? '') || null,
    components,
    incidents: unique,
    listsAllOpen: reportCount <= maxItemsPerList && unique.length === reportCount,
    warnings: warnings.list(),
  };
  return { ok: true, snapshot };
}
