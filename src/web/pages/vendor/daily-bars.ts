// The 90-day bar of each component, from what the store recorded: the component's status over
// time (its status-change events, walked back from its current status) and the incidents that
// named it. Days before vendorwatch watched the vendor have no data unless an incident says so.
import type { Component, Incident } from '../../../domain/model.js';
import { vendorStatus, worstStatus, compareStatus } from '../../../domain/status.js';
import type { ComponentStatus, Impact } from '../../../domain/vocabulary.js';

export type DayLevel = ComponentStatus | 'nodata';

interface DayIncident {
  id: string;
  title: string;
  impact: Impact;
}

export interface DayCell {
  /** UTC date, YYYY-MM-DD. */
  date: string;
  level: DayLevel;
  incidents: DayIncident[];
}

export interface StatusChange {
  id: string;
  from: ComponentStatus | null;
  to: ComponentStatus;
  at: string;
}

interface DailyBarsInput {
  components: readonly Component[];
  /** Incidents that may overlap the window (any order). */
  incidents: readonly Incident[];
  /** Status changes recorded in the window, oldest first. */
  changes: readonly StatusChange[];
  watchedSince: string;
  now: string;
  days: number;
}

const dayMs = 86_400_000;

/** Midnight UTC of the first day of a `days`-day window that ends today. */
export function windowStart(now: string, days: number): string {
  const today = Math.floor(Date.parse(now) / dayMs) * dayMs;
  return new Date(today - (days - 1) * dayMs).toISOString();
}

interface Span {
  start: number;
  end: number;
  status: ComponentStatus | null;
}

/** The component's status spans across the window, from its changes and its current status. */
function statusSpans(
  component: Component,
  changes: readonly StatusChange[],
  from: number,
  to: number,
): Span[] {
  const own = changes.filter((change) => change.id === component.id);
  const spans: Span[] = [];
  let start = from;
  let status: ComponentStatus | null = own[0] ? own[0].from : component.status;
  for (const change of own) {
    const at = Date.parse(change.at);
    spans.push({ start, end: at, status });
    start = at;
    status = change.to;
  }
  spans.push({ start, end: to, status });
  return spans;
}

export function dailyBars(input: DailyBarsInput): Map<string, DayCell[]> {
  const first = Date.parse(windowStart(input.now, input.days));
  const nowMs = Date.parse(input.now);
  const watchedMs = Date.parse(input.watchedSince);
  const bars = new Map<string, DayCell[]>();
  for (const component of input.components) {
    const spans = statusSpans(component, input.changes, Math.min(first, watchedMs), nowMs);
    const touching = input.incidents.filter((incident) =>
      incident.components.includes(component.name),
    );
    const cells: DayCell[] = [];
    for (let day = 0; day < input.days; day++) {
      const dayStart = first + day * dayMs;
      const dayEnd = Math.min(dayStart + dayMs, nowMs);
      const seenFrom = Math.max(dayStart, watchedMs);
      const statuses = spans
        .filter((span) => span.start < dayEnd && span.end > seenFrom && seenFrom < dayEnd)
        .map((span) => span.status);
      const known = statuses.filter((status): status is ComponentStatus => status !== null);
      const incidents = touching.filter((incident) => {
        const start = Date.parse(incident.startedAt);
        const end = incident.resolvedAt ? Date.parse(incident.resolvedAt) : nowMs;
        return start < dayStart + dayMs && end >= dayStart;
      });
      const implied = vendorStatus(
        [],
        incidents.map((incident) => incident.impact),
      );
      let level: DayLevel;
      if (known.length === 0) {
        level = compareStatus(implied, 'operational') > 0 ? implied : 'nodata';
      } else {
        level = worstStatus([...known, implied]);
      }
      cells.push({
        date: new Date(dayStart).toISOString().slice(0, 10),
        level,
        incidents: incidents.map(({ id, title, impact }) => ({ id, title, impact })),
      });
    }
    bars.set(component.id, cells);
  }
  return bars;
}
