// A vendor's report card (docs/contract.md#vendor-report-card): how it ran its status page over a
// window — incidents by impact, time to resolve, postmortems, update cadence — and where each
// figure stands among every watched vendor's. Pure: the window's incidents are given.
import { flagKinds, type FlagKind } from './hygiene-flags.js';
import type { IncidentWithUpdates } from './model.js';

export const reportImpacts = ['critical', 'major', 'minor', 'notice'] as const;
type ReportImpact = (typeof reportImpacts)[number];

export interface VendorFigures {
  /** Incidents (maintenance aside) that started in the window. */
  incidents: number;
  byImpact: Record<ReportImpact, number>;
  /** startedAt → resolvedAt of the resolved ones, in seconds. */
  resolve: { median: number | null; p90: number | null; resolved: number };
  /** Resolved incidents with a postmortem update; days from resolution to the first one. */
  postmortem: { share: number | null; count: number; medianDays: number | null };
  /** Gaps between consecutive updates up to the resolution, pooled over incidents, in seconds. */
  cadence: { medianGapSeconds: number | null; gaps: number };
  /** Incidents of the window that carried each hygiene flag at some point (cleared ones count). */
  flags: Record<FlagKind, number>;
  /** The incidents behind the figures, newest first. */
  incidentIds: string[];
}

/** `flagsOf`: the hygiene flag kinds an incident ever carried; none when not given. */
export function vendorFigures(
  incidents: readonly IncidentWithUpdates[],
  flagsOf: (incidentId: string) => readonly FlagKind[] = () => [],
): VendorFigures {
  const counted = incidents.filter((item) => item.kind === 'incident');
  const flags = Object.fromEntries(flagKinds.map((kind) => [kind, 0])) as Record<FlagKind, number>;
  for (const incident of counted)
    for (const kind of new Set(flagsOf(incident.id))) flags[kind] += 1;
  const byImpact: Record<ReportImpact, number> = { critical: 0, major: 0, minor: 0, notice: 0 };
  const resolveSeconds: number[] = [];
  const postmortemDays: number[] = [];
  const gaps: number[] = [];
  for (const incident of counted) {
    if (incident.impact !== 'maintenance') byImpact[incident.impact] += 1;
    const posted = incident.updates
      .filter((update) => update.phase !== 'postmortem')
      .map((update) => Date.parse(update.postedAt))
      .filter((ms) => incident.resolvedAt === null || ms <= Date.parse(incident.resolvedAt))
      .sort((a, b) => a - b);
    for (let k = 1; k < posted.length; k += 1) gaps.push((posted[k]! - posted[k - 1]!) / 1000);
    if (incident.resolvedAt === null) continue;
    const resolvedMs = Date.parse(incident.resolvedAt);
    resolveSeconds.push(Math.max(0, (resolvedMs - Date.parse(incident.startedAt)) / 1000));
    const postmortems = incident.updates
      .filter((update) => update.phase === 'postmortem')
      .map((update) => Date.parse(update.postedAt));
    if (postmortems.length > 0) {
      postmortemDays.push(Math.max(0, (Math.min(...postmortems) - resolvedMs) / 86_400_000));
    }
  }
  const resolved = resolveSeconds.length;
  return {
    incidents: counted.length,
    byImpact,
    resolve: {
      median: floorOrNull(median(resolveSeconds)),
      p90: floorOrNull(percentile(resolveSeconds, 0.9)),
      resolved,
    },
    postmortem: {
      share: resolved === 0 ? null : round(postmortemDays.length / resolved, 4),
      count: postmortemDays.length,
      medianDays: roundOrNull(median(postmortemDays), 1),
    },
    cadence: { medianGapSeconds: floorOrNull(median(gaps)), gaps: gaps.length },
    flags,
    incidentIds: [...counted]
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id))
      .map((item) => item.id),
  };
}

/** The figures compared among vendors; for each, whether a lower value is the better one. */
export const comparedFigures = {
  resolveMedian: { lowerIsBetter: true, read: (f: VendorFigures) => f.resolve.median },
  resolveP90: { lowerIsBetter: true, read: (f: VendorFigures) => f.resolve.p90 },
  postmortemShare: { lowerIsBetter: false, read: (f: VendorFigures) => f.postmortem.share },
  postmortemDays: { lowerIsBetter: true, read: (f: VendorFigures) => f.postmortem.medianDays },
  cadence: { lowerIsBetter: true, read: (f: VendorFigures) => f.cadence.medianGapSeconds },
} as const;
export type ComparedFigure = keyof typeof comparedFigures;

export type Standing = 'better than most' | 'worse than most' | 'about the median' | 'no peers';

export interface Comparison {
  value: number | null;
  /** Median over every watched vendor with a value, this one included. */
  peerMedian: number | null;
  /** Vendors with a value, this one included. */
  peers: number;
  /** Other vendors doing strictly better / strictly worse. */
  better: number;
  worse: number;
  standing: Standing;
}

export function compareWithPeers(
  slug: string,
  figures: ReadonlyMap<string, VendorFigures>,
): Record<ComparedFigure, Comparison> {
  const result = {} as Record<ComparedFigure, Comparison>;
  for (const name of Object.keys(comparedFigures) as ComparedFigure[]) {
    const { read, lowerIsBetter } = comparedFigures[name];
    result[name] = compareFigure(slug, figures, read, lowerIsBetter);
  }
  return result;
}

/** Each hygiene flag's count set against every watched vendor's: fewer is better. */
export function compareFlagsWithPeers(
  slug: string,
  figures: ReadonlyMap<string, VendorFigures>,
): Record<FlagKind, Comparison> {
  const result = {} as Record<FlagKind, Comparison>;
  for (const kind of flagKinds) {
    result[kind] = compareFigure(slug, figures, (f) => f.flags[kind], true);
  }
  return result;
}

function compareFigure(
  slug: string,
  figures: ReadonlyMap<string, VendorFigures>,
  read: (figures: VendorFigures) => number | null,
  lowerIsBetter: boolean,
): Comparison {
  const own = figures.get(slug);
  const value = own ? read(own) : null;
  const values = [...figures.values()].map(read).filter((v): v is number => v !== null);
  const others = [...figures.entries()]
    .filter(([other]) => other !== slug)
    .map(([, f]) => read(f))
    .filter((v): v is number => v !== null);
  const better =
    value === null ? 0 : others.filter((v) => (lowerIsBetter ? v < value : v > value)).length;
  const worse =
    value === null ? 0 : others.filter((v) => (lowerIsBetter ? v > value : v < value)).length;
  return {
    value,
    peerMedian: median(values),
    peers: values.length,
    better,
    worse,
    standing: standing(value, others.length, better, worse),
  };
}

/** "Worse than most" is a fact: more than half of the other vendors with a value did better. */
function standing(value: number | null, others: number, better: number, worse: number): Standing {
  if (value === null || others === 0) return 'no peers';
  if (better * 2 > others) return 'worse than most';
  if (worse * 2 > others) return 'better than most';
  return 'about the median';
}

/** The middle value; for an even count, the mean of the two middle ones. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest rank: the smallest value with at least `share` of the values at or below it. */
export function percentile(values: readonly number[], share: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)]!;
}

function floorOrNull(value: number | null): number | null {
  return value === null ? null : Math.floor(value);
}

function roundOrNull(value: number | null, decimals: number): number | null {
  return value === null ? null : round(value, decimals);
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
