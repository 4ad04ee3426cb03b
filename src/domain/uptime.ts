// SLA evidence (docs/contract.md#sla-evidence): how long a vendor, or one of its components, was
// down within a date range, weighted by impact. Overlapping incidents count once: at every instant
// the worst weight among the incidents then open is what counts. Maintenance is never downtime; its
// time is reported apart. Pure: the clock (`now`, the end of still-open incidents) is a parameter.
import type { Incident } from './model.js';
import type { Impact } from './vocabulary.js';

/** How much of an incident's time counts as downtime, by impact (0 = none, 1 = all of it). */
export type ImpactWeights = Record<Exclude<Impact, 'maintenance'>, number>;

/**
 * critical is a major outage and counts whole; major is a partial outage and counts half; minor is
 * degraded performance, a tenth; notice (Statuspage's "none") tells, but is not downtime.
 */
export const defaultImpactWeights: Readonly<ImpactWeights> = Object.freeze({
  critical: 1,
  major: 0.5,
  minor: 0.1,
  notice: 0,
});

export interface UptimeQuery {
  from: string;
  to: string;
  /** A component's name; null for the whole vendor (every incident counts). */
  component: string | null;
  weights: Readonly<ImpactWeights>;
  now: string;
}

export interface UptimeIncident {
  id: string;
  title: string;
  kind: Incident['kind'];
  impact: Impact;
  startedAt: string;
  resolvedAt: string | null;
  /** The part of the incident inside the range (open incidents end at `now`). */
  from: string;
  to: string;
  seconds: number;
  /** 0 for maintenance. */
  weight: number;
}

export interface UptimeEvidence {
  from: string;
  to: string;
  component: string | null;
  rangeSeconds: number;
  /** Time with at least one incident open (maintenance aside), each instant counted once. */
  incidentSeconds: number;
  /** Each instant weighted by the worst impact then open. */
  weightedDowntimeSeconds: number;
  /** 100 × (1 − weighted downtime / range), from milliseconds, to four decimals. */
  uptimePercent: number;
  /** Time under maintenance, each instant counted once; not downtime. */
  maintenanceSeconds: number;
  weights: Readonly<ImpactWeights>;
  /** Incidents and maintenances that reach into the range, oldest first. */
  incidents: UptimeIncident[];
}

interface Interval {
  start: number;
  end: number;
  weight: number;
}

export function uptimeEvidence(incidents: readonly Incident[], query: UptimeQuery): UptimeEvidence {
  const rangeStart = Date.parse(query.from);
  const rangeEnd = Date.parse(query.to);
  const nowMs = Date.parse(query.now);
  const listed: UptimeIncident[] = [];
  const downs: Interval[] = [];
  const maintenances: Interval[] = [];
  for (const incident of incidents) {
    if (query.component !== null && !incident.components.includes(query.component)) continue;
    const end = incident.resolvedAt === null ? nowMs : Date.parse(incident.resolvedAt);
    const start = Math.max(Date.parse(incident.startedAt), rangeStart);
    const clippedEnd = Math.min(end, rangeEnd);
    if (!(clippedEnd > start)) continue;
    const isMaintenance = incident.kind === 'maintenance' || incident.impact === 'maintenance';
    const weight = isMaintenance ? 0 : query.weights[incident.impact as keyof ImpactWeights];
    (isMaintenance ? maintenances : downs).push({ start, end: clippedEnd, weight });
    listed.push({
      id: incident.id,
      title: incident.title,
      kind: incident.kind,
      impact: incident.impact,
      startedAt: incident.startedAt,
      resolvedAt: incident.resolvedAt,
      from: new Date(start).toISOString(),
      to: new Date(clippedEnd).toISOString(),
      seconds: wholeSeconds(clippedEnd - start),
      weight,
    });
  }
  listed.sort((a, b) => a.from.localeCompare(b.from) || a.id.localeCompare(b.id));
  const rangeMs = Math.max(0, rangeEnd - rangeStart);
  const down = sweep(downs);
  return {
    from: query.from,
    to: query.to,
    component: query.component,
    rangeSeconds: wholeSeconds(rangeMs),
    incidentSeconds: wholeSeconds(down.covered),
    weightedDowntimeSeconds: wholeSeconds(down.weighted),
    uptimePercent: rangeMs === 0 ? 100 : roundTo(100 * (1 - down.weighted / rangeMs), 4),
    maintenanceSeconds: wholeSeconds(sweep(maintenances).covered),
    weights: query.weights,
    incidents: listed,
  };
}

/** Walks the intervals' edges: time covered by any, and time weighted by the worst one open. */
function sweep(intervals: readonly Interval[]): { covered: number; weighted: number } {
  const edges = [...new Set(intervals.flatMap((i) => [i.start, i.end]))].sort((a, b) => a - b);
  let covered = 0;
  let weighted = 0;
  for (let k = 0; k + 1 < edges.length; k += 1) {
    const left = edges[k]!;
    const right = edges[k + 1]!;
    let worst = -1;
    for (const interval of intervals) {
      if (interval.start <= left && interval.end >= right) worst = Math.max(worst, interval.weight);
    }
    if (worst < 0) continue;
    covered += right - left;
    weighted += (right - left) * worst;
  }
  return { covered, weighted };
}

/** Durations are whole seconds in JSON (docs/contract.md#domain-model), floored like the text. */
function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000 + 1e-9);
}

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
