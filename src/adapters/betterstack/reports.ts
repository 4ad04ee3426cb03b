// Status reports become incidents or maintenances, their status updates the timeline, with
// affected resources per update. `ends_at` can be null on resolved reports: the aggregate
// state decides (docs/platforms.md#betterstack).
import type { ObservedIncident, ObservedUpdate } from '../../domain/snapshot.js';
import { maintenancePhaseAt } from '../../domain/maintenance-window.js';
import { compareImpact } from '../../domain/status.js';
import type { Impact, IncidentKind, Phase } from '../../domain/vocabulary.js';
import { parseVendorTime } from '../parse-kit/dates.js';
import { buildUpdate, finishIncident } from '../parse-kit/incident-parts.js';
import { asId, asList, asRecord, asText } from '../parse-kit/lenient.js';
import { capList, type Warnings } from '../parse-kit/warnings.js';
import { impactOfState, stateOf } from './enums.js';
import type { IndexDocument, Resource } from './wire.js';

interface ReportContext {
  resourceNames: Map<string, string>;
  /** When the page was observed (the poll's time, else the page's own `updated_at`). */
  asOf: string | null;
  warnings: Warnings;
}

export function readReports(index: IndexDocument, context: ReportContext): ObservedIncident[] {
  const updates = index.byType('status_update');
  return capList(index.byType('status_report'), 'status reports', context.warnings).flatMap(
    (report) => readReport(report, updatesOf(report, updates), context) ?? [],
  );
}

function updatesOf(report: Resource, all: Resource[]): Resource[] {
  const linked = new Set(report.related('status_updates'));
  return all.filter(
    (update) => linked.has(update.id) || asId(update.attributes.status_report_id) === report.id,
  );
}

function readReport(
  report: Resource,
  rawUpdates: Resource[],
  context: ReportContext,
): ObservedIncident | null {
  const { attributes } = report;
  const kind: IncidentKind =
    stateOf(attributes.report_type) === 'maintenance' ? 'maintenance' : 'incident';
  const startsAt = parseVendorTime(attributes.starts_at);
  const endsAt = parseVendorTime(attributes.ends_at);
  const timeline = capList(rawUpdates, `report ${report.id} updates`, context.warnings).flatMap(
    (update) => {
      const postedAt = parseVendorTime(update.attributes.published_at);
      return postedAt === null ? [] : [{ update, postedAt }];
    },
  );
  timeline.sort((a, b) => (a.postedAt < b.postedAt ? -1 : a.postedAt > b.postedAt ? 1 : 0));
  const startedAt = startsAt ?? timeline[0]?.postedAt ?? null;
  if (startedAt === null) {
    context.warnings.add(`report ${report.id}: no usable start time; skipped`);
    return null;
  }
  const phase = reportPhase(
    kind,
    stateOf(attributes.aggregate_state),
    startsAt,
    endsAt,
    context.asOf,
  );
  const closed = phase === 'resolved' || phase === 'completed';
  const lastAt = timeline.at(-1)?.postedAt ?? null;
  const updates: ObservedUpdate[] = timeline.map(({ update, postedAt }, index) =>
    buildUpdate({
      sourceId: update.id,
      phase: updatePhase(kind, phase, index === timeline.length - 1, postedAt, startsAt),
      raw: asText(update.attributes.message) ?? '',
      postedAt,
      components: namesOf(update.attributes.affected_resources, context.resourceNames),
    }),
  );
  const resolvedAt = closed ? (endsAt ?? lastAt ?? startedAt) : null;
  return finishIncident(
    {
      sourceId: report.id,
      title: asText(attributes.title) ?? '',
      kind,
      impact:
        kind === 'maintenance'
          ? 'maintenance'
          : worstImpact([attributes, ...rawUpdates.map((u) => u.attributes)]),
      phase,
      startedAt,
      resolvedAt: resolvedAt !== null && resolvedAt < startedAt ? startedAt : resolvedAt,
      sourceUrl: null,
      components: [
        ...namesOf(attributes.affected_resources, context.resourceNames),
        ...updates.flatMap((update) => update.components ?? []),
      ],
      updates,
      scheduledFor: kind === 'maintenance' ? startsAt : null,
      scheduledUntil: kind === 'maintenance' ? endsAt : null,
    },
    context.warnings,
  );
}

function reportPhase(
  kind: IncidentKind,
  state: string | null,
  startsAt: string | null,
  endsAt: string | null,
  asOf: string | null,
): Phase {
  if (kind === 'incident')
    return state === 'resolved' || (endsAt !== null && state !== 'downtime' && state !== 'degraded')
      ? 'resolved'
      : 'investigating';
  if (state === 'resolved') return 'completed';
  // aggregate_state "maintenance" says only that the report is a live maintenance, also three
  // days before its window: the window decides the phase.
  if (asOf === null && state !== 'maintenance') return 'scheduled';
  return maintenancePhaseAt('open', { startsAt, endsAt }, asOf);
}

/** The last update carries the report's phase; maintenance updates before the window announce it. */
function updatePhase(
  kind: IncidentKind,
  phase: Phase,
  last: boolean,
  postedAt: string,
  startsAt: string | null,
): Phase {
  if (kind === 'incident') return last ? phase : 'investigating';
  if (last && phase === 'completed') return phase;
  return startsAt !== null && postedAt >= startsAt ? 'in_progress' : 'scheduled';
}

function namesOf(value: unknown, names: Map<string, string>): string[] {
  return asList(value).flatMap(
    (ref) => names.get(asId(asRecord(ref)?.status_page_resource_id) ?? '') ?? [],
  );
}

/** The worst state any affected resource reached; none known reads as minor. */
function worstImpact(sources: Array<Record<string, unknown>>): Impact {
  const impacts = sources
    .flatMap((source) => [
      impactOfState(source.aggregate_state),
      ...asList(source.affected_resources).map((ref) => impactOfState(asRecord(ref)?.status)),
    ])
    .flatMap((impact) => impact ?? []);
  return impacts.reduce<Impact>(
    (worst, impact) => (compareImpact(impact, worst) > 0 ? impact : worst),
    'minor',
  );
}
