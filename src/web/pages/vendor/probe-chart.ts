// The vendor page's probe chart, computed: the last 24 h of raw probe results in half-hour buckets
// (requests, failures, median and slowest latency) and the sentence that says the same for
// people who cannot see the chart. Pure: results and the clock in, figures out.
import type { ProbePoint } from '../../../store/index.js';

export const chartHours = 24;
const bucketMinutes = 30;
export const chartBuckets = (chartHours * 60) / bucketMinutes;

export interface ProbeBucket {
  /** The bucket's start. */
  from: string;
  count: number;
  failures: number;
  /** Median latency of the bucket's requests; null when it has none. */
  p50Ms: number | null;
  maxMs: number | null;
}

export interface ProbeChart {
  since: string;
  buckets: ProbeBucket[];
  count: number;
  failures: number;
  p50Ms: number | null;
  maxMs: number | null;
  /** The highest bucket median: the chart's scale. */
  scaleMs: number;
  summary: string;
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.ceil(sorted.length / 2) - 1]!;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

function hhmm(iso: string): string {
  return iso.slice(11, 16);
}

export function probeChart(points: readonly ProbePoint[], now: string): ProbeChart {
  const bucketMs = bucketMinutes * 60_000;
  const nowMs = Date.parse(now);
  // Buckets end at the next half hour, so they stay put between page loads.
  const endMs = Math.ceil(nowMs / bucketMs) * bucketMs;
  const startMs = endMs - chartBuckets * bucketMs;
  const samples = Array.from({ length: chartBuckets }, () => ({ ms: [] as number[], failures: 0 }));
  for (const point of points) {
    const index = Math.floor((Date.parse(point.at) - startMs) / bucketMs);
    const sample = samples[index];
    if (!sample) continue;
    sample.ms.push(point.durationMs);
    if (!point.ok) sample.failures += 1;
  }
  const buckets = samples.map((sample, index): ProbeBucket => {
    const sorted = sample.ms.sort((a, b) => a - b);
    return {
      from: new Date(startMs + index * bucketMs).toISOString(),
      count: sorted.length,
      failures: sample.failures,
      p50Ms: median(sorted),
      maxMs: sorted.at(-1) ?? null,
    };
  });
  const all = buckets.flatMap((bucket, index) => samples[index]!.ms).sort((a, b) => a - b);
  const count = all.length;
  const failures = buckets.reduce((sum, bucket) => sum + bucket.failures, 0);
  const p50Ms = median(all);
  const maxMs = all.at(-1) ?? null;
  const scaleMs = Math.max(1, ...buckets.map((bucket) => bucket.p50Ms ?? 0));
  return {
    since: new Date(startMs).toISOString(),
    buckets,
    count,
    failures,
    p50Ms,
    maxMs,
    scaleMs,
    summary: summarize(buckets, count, failures, p50Ms, maxMs),
  };
}

function summarize(
  buckets: readonly ProbeBucket[],
  count: number,
  failures: number,
  p50Ms: number | null,
  maxMs: number | null,
): string {
  if (count === 0) return 'No probe results in the last 24 hours.';
  const share = ((failures / count) * 100).toFixed(failures === 0 ? 0 : 1);
  const latency =
    p50Ms === null || maxMs === null
      ? ''
      : ` Median latency ${formatMs(p50Ms)}, slowest ${formatMs(maxMs)}.`;
  const head = `Last 24 hours: ${count.toLocaleString('en-US')} requests, ${failures.toLocaleString('en-US')} failed (${share} %).${latency}`;
  const failing = buckets.filter((bucket) => bucket.failures > 0);
  if (failing.length === 0) return head;
  const first = failing[0]!;
  const last = failing.at(-1)!;
  const end = new Date(Date.parse(last.from) + bucketMinutes * 60_000).toISOString();
  return `${head} Failures between ${hhmm(first.from)} and ${hhmm(end)} UTC.`;
}
