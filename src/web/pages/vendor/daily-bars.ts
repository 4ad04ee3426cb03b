// The 90-day bar of each component, from what the store recorded: the component's status over
// time (its status-change events, walked back from its current status) and the incidents that
// named it. The vendor's own history reaches back before vendorwatch watched it (its incident
// list spans weeks), so, as on the vendor's page, a day inside that history with no incident is
// operational; only days before it and before the first successful read (or every day, for a
// vendor never read) have no data. Days it was watched but failing before that read know nothing.
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
  /**
   * The vendor's first successful read: component statuses are known from here on. Null when no
   * poll has succeeded: nothing is known then, however long it was watched.
   */
  firstSuccessAt: string | null;
  /** The oldest stored incident's start (the vendor's own history's reach); null when none. */
  oldestIncidentAt: string | null;
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

/** The earliest instant the vendor's history covers; Infinity when it covers nothing. */
function historyStart(input: DailyBarsInput): number {
  const firstRead = input.firstSuccessAt ? Date.parse(input.firstSuccessAt) : Infinity;
  const oldest = input.oldestIncidentAt ? Date.parse(input.oldestIncidentAt) : Infinity;
  return Math.min(firstRead, oldest);
}

export function dailyBars(input: DailyBarsInput): Map<string, DayCell[]> {
  const first = Date.parse(windowStart(input.now, input.days));
  const nowMs = Date.parse(input.now);
  const readMs = input.firstSuccessAt ? Date.parse(input.firstSuccessAt) : Infinity;
  const historyMs = historyStart(input);
  const bars = new Map<string, DayCell[]>();
  for (const component of input.components) {
    const spans =
      readMs < Infinity
        ? statusSpans(component, input.changes, Math.min(first, readMs), nowMs)
        : [];
    const touching = input.incidents.filter((incident) =>
      incident.components.includes(component.name),
    );
    const cells: DayCell[] = [];
    for (let day = 0; day < input.days; day++) {
      const dayStart = first + day * dayMs;
      const dayEnd = Math.min(dayStart + dayMs, nowMs);
      const seenFrom = Math.max(dayStart, readMs);
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
      if (known.length > 0) level = worstStatus([...known, implied]);
      else if (dayStart + dayMs > historyMs) level = implied;
      else level = compareStatus(implied, 'operational') > 0 ? implied : 'nodata';
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
