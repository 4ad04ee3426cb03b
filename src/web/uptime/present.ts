// The SLA evidence as the API answers it (JSON) and as a spreadsheet reads it (CSV): the totals,
// how they were computed, and each incident behind them with a link to its page.
import type { VendorEvidence } from './load-evidence.js';
import { csvText } from './csv.js';

export const uptimeMethod =
  'Each incident counts from its start to its resolution (still-open ones until now), clipped to ' +
  'the range. Overlapping incidents count once: at each instant the worst impact weight then open ' +
  'applies. Weighted downtime is the sum of time × weight; uptime % is 100 × (1 − weighted ' +
  'downtime / range). Maintenance is never downtime and is reported apart. With a component, only ' +
  'incidents naming it count. Durations are floored to whole seconds; the percentage uses ' +
  'milliseconds.';

export function presentUptime(evidence: VendorEvidence) {
  return {
    vendor: evidence.vendor,
    component: evidence.component,
    from: evidence.from,
    to: evidence.to,
    rangeSeconds: evidence.rangeSeconds,
    incidentSeconds: evidence.incidentSeconds,
    weightedDowntimeSeconds: evidence.weightedDowntimeSeconds,
    uptimePercent: evidence.uptimePercent,
    maintenanceSeconds: evidence.maintenanceSeconds,
    weights: evidence.weights,
    method: uptimeMethod,
    truncated: evidence.truncated,
    incidents: evidence.incidents.map((item) => ({
      ...item,
      url: `/incidents/${encodeURIComponent(item.id)}`,
    })),
  };
}

export const uptimeCsvHeader = [
  'vendor',
  'component',
  'incident_id',
  'title',
  'kind',
  'impact',
  'weight',
  'started_at',
  'resolved_at',
  'counted_from',
  'counted_to',
  'counted_seconds',
  'link',
] as const;

/** One row per incident in the range; the totals are in the JSON and on the printable page. */
export function uptimeCsv(evidence: VendorEvidence, baseUrl: string): string {
  const rows = evidence.incidents.map((item) => [
    evidence.vendor.slug,
    evidence.component ?? '',
    item.id,
    item.title,
    item.kind,
    item.impact,
    item.weight,
    item.startedAt,
    item.resolvedAt,
    item.from,
    item.to,
    item.seconds,
    `${baseUrl}/incidents/${encodeURIComponent(item.id)}`,
  ]);
  return csvText([uptimeCsvHeader, ...rows]);
}
