// The bench's output: one table of metric, value, target (docs/contract.md#quality-targets) and
// verdict, and the whole result as JSON in bench/results/<ISO timestamp>.json (gitignored).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { round } from './stats.mjs';

export const resultsDir = join(dirname(fileURLToPath(import.meta.url)), 'results');

/** A row: `check` returns true/false against the target, or is absent for information only. */
export function row(metric, value, target = '', check = null) {
  let verdict = '';
  if (check)
    verdict = value === null || value === undefined ? 'n/a' : check(value) ? 'PASS' : 'FAIL';
  return { metric, value, target, verdict };
}

function show(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return String(round(value, value < 10 ? 3 : 1));
  return String(value);
}

export function formatTable(rows) {
  const header = { metric: 'metric', value: 'value', target: 'target', verdict: 'result' };
  const cells = [header, ...rows].map((r) => [r.metric, show(r.value), r.target, r.verdict]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...cells.map((c) => c[i].length)));
  const line = (c) =>
    c
      .map((text, i) => text.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}

export async function writeResults(result) {
  await mkdir(resultsDir, { recursive: true });
  const stamp = new Date(result.startedAt).toISOString().replace(/:/g, '-');
  const path = join(resultsDir, `${stamp}.json`);
  await writeFile(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}

/** The table rows from the collected measurements. */
export function buildRows(result) {
  const { settings, baseline, conditionalBaseline, saturation, latency } = result;
  const bound = settings.intervalSeconds + 2;
  const minimumChanges = settings.quick ? 1 : 100;
  const vwCpuPerPoll = cpuMsPerPoll(saturation);
  const cpuRatio =
    vwCpuPerPoll && cpuMsPerPoll(conditionalBaseline)
      ? round(cpuMsPerPoll(conditionalBaseline) / vwCpuPerPoll, 3)
      : null;
  const rows = [
    row('load average at start (1/5/15 min)', result.loadAverageAtStart.join(' / ')),
    row('bare loop: vendor-polls/s (full GET + gunzip + JSON.parse)', baseline?.pollsPerSecond),
    row(
      'bare loop: vendor-polls/s (If-None-Match, parse 200s only)',
      conditionalBaseline?.pollsPerSecond,
    ),
    row(
      'vendorwatch: polls/s at saturation (interval 1 s)',
      saturation?.pollsPerSecond,
      `< ${round(0.9 * settings.vendors, 0)}/s (else not saturated)`,
      (v) => v < 0.9 * settings.vendors,
    ),
    row(
      'vendorwatch saturation outcomes changed/unchanged/failed/crashed',
      saturation
        ? `${saturation.outcomes.changed}/${saturation.outcomes.unchanged}/${saturation.outcomes.failed}/${saturation.outcomes.crashed}`
        : null,
    ),
    row(
      'ratio vendorwatch ÷ bare full-parse loop',
      saturation?.ratioToBare,
      '≥ 70 %',
      (v) => v >= 0.7,
    ),
    row(
      'ratio vendorwatch ÷ bare If-None-Match loop (like for like)',
      saturation?.ratioToConditionalBare,
      '≥ 70 %',
      (v) => v >= 0.7,
    ),
    row('vendorwatch CPU at saturation (cores)', saturation?.coresUsed),
    row(
      'event-loop utilization: bare If-None-Match / vendorwatch saturation',
      pair(conditionalBaseline?.eventLoopUtilization, saturation?.eventLoopUtilization),
    ),
    row(
      'main thread on-CPU / waiting for a CPU / blocked, bare If-None-Match',
      shares(conditionalBaseline?.mainThread),
    ),
    row(
      'main thread on-CPU / waiting for a CPU / blocked, vendorwatch',
      shares(saturation?.mainThread),
    ),
    row(
      'vendorwatch per poll: write syscalls / KB written to disk',
      pair(saturation?.writeSyscallsPerPoll, saturation?.diskWriteKbPerPoll),
    ),
    row(
      'new TCP connections per poll: bare If-None-Match / vendorwatch',
      pair(conditionalBaseline?.connectionsPerPoll, saturation?.connectionsPerPoll),
    ),
    row('CPU ms per vendor-poll: bare full-parse loop', cpuMsPerPoll(baseline)),
    row('CPU ms per vendor-poll: bare If-None-Match loop', cpuMsPerPoll(conditionalBaseline)),
    row('CPU ms per vendor-poll: vendorwatch at saturation', vwCpuPerPoll),
    row('CPU ms per vendor-poll: vendorwatch, latency run', cpuMsPerPoll(latency)),
    row(
      'vendorwatch KB allocated per poll at saturation (--alloc, sampled)',
      saturation?.allocatedKbPerPoll,
    ),
    row(
      'CPU-cost ratio bare If-None-Match ÷ vendorwatch (contention-proof)',
      cpuRatio,
      '(≥ 70 %)',
      (v) => v >= 0.7,
    ),
    row(
      `latency run: changes visible / detected (${settings.vendors} vendors, ${settings.intervalSeconds} s)`,
      latency ? `${latency.visible} / ${latency.detected}` : null,
      `≥ ${minimumChanges} visible, all detected`,
      () => latency.visible >= minimumChanges && latency.detected === latency.visible,
    ),
    row('detection latency p50 (store detected_at − visibleAt), s', latency?.storedDetectedAt.p50),
    row(
      'detection latency p99 (store detected_at), s',
      latency?.storedDetectedAt.p99,
      `≤ ${bound} s`,
      (v) => v <= bound,
    ),
    row('detection latency max (store detected_at), s', latency?.storedDetectedAt.max),
    row('commit latency p50 (event committed − visibleAt), s', latency?.committed.p50),
    row(
      'commit latency p99 (event committed), s',
      latency?.committed.p99,
      `≤ ${bound} s`,
      (v) => v <= bound,
    ),
    row('commit latency max (event committed), s', latency?.committed.max),
    row('poller CPU, latency run (cores)', latency?.coresUsed, '≤ 0.6 core', (v) => v <= 0.6),
    row('poller peak RSS (VmHWM), MB', latency?.peakRssMb, '≤ 400 MB', (v) => v <= 400),
    row(
      'poller memory, window start → end: RSS / live heap after GC, MB',
      latency?.memoryAtWindowEnd ? startToEnd(latency, 'rssMb', 'liveHeapMb') : null,
    ),
    row('poller event-loop delay p99, latency run, ms', latency?.eventLoopP99Ms),
    row(
      'main thread on-CPU / waiting for a CPU / blocked, latency run',
      shares(latency?.mainThread),
    ),
    row(
      'latency run: vendorwatch polls/s (needed: vendors ÷ interval)',
      latency?.pollsPerSecond,
      `${round(settings.vendors / settings.intervalSeconds, 0)}/s`,
      (v) => v >= (0.95 * settings.vendors) / settings.intervalSeconds,
    ),
    row('poller warm-up: first full round, s', latency?.warmupSeconds),
    row('simulator CPU during latency run (cores)', latency?.simulatorCores),
    ...serveRows(result.serve, settings, bound),
    ...groupRows(result.latencyGroups),
    ...workerRows(result.workers),
  ];
  return rows;
}

/** `serve` as one process with a webhook target: what users run, beside the poller-only rows. */
function serveRows(serve, settings, bound) {
  if (!serve) return [];
  const webhook = serve.webhook;
  return [
    row('serve: first full round, s', serve.warmupSeconds),
    row(
      'serve CPU (cores), poller + web + notifier',
      serve.coresUsed,
      '≤ 0.6 core',
      (v) => v <= 0.6,
    ),
    row('serve RSS, max in window, MB', serve.rssMbMaxInWindow, '≤ 400 MB', (v) => v <= 400),
    row('serve peak RSS (VmHWM), MB', serve.peakRssMb, '≤ 400 MB', (v) => v <= 400),
    row(
      'serve: incidents visible / alerted by webhook',
      `${webhook.visible} / ${webhook.alerted}`,
      'all',
      () => webhook.visible > 0 && webhook.missed === 0,
    ),
    row('serve: visible → webhook received p50, s', webhook.p50),
    row('serve: visible → webhook received p99, s', webhook.p99, `≤ ${bound} s`, (v) => v <= bound),
    row(
      'serve: webhook deliveries (duplicate keys, unsigned)',
      `${serve.deliveries} (${serve.duplicateKeys}, ${serve.unsignedDeliveries})`,
      'no duplicates',
      () => serve.duplicateKeys === 0 && serve.unsignedDeliveries === 0,
    ),
    row('simulator CPU during serve run (cores)', serve.simulatorCores),
  ];
}

function startToEnd(run, ...keys) {
  const mb = (memory, key) => round(memory[key], 0);
  return keys
    .map((key) => `${mb(run.memoryAtWindowStart, key)} → ${mb(run.memoryAtWindowEnd, key)}`)
    .join(' / ');
}

function shares(mainThread) {
  if (!mainThread) return null;
  return [mainThread.onCpu, mainThread.waitingForCpu, mainThread.blockedOrIdle]
    .map((v) => round(v, 2))
    .join(' / ');
}

function pair(a, b) {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  return `${round(a, 2)} / ${round(b, 2)}`;
}

/** CPU time per vendor-poll: fairer than polls/s when other work competes for the cores. */
function cpuMsPerPoll(measured) {
  if (!measured?.pollsPerSecond || measured.coresUsed === null || measured.coresUsed === undefined)
    return null;
  return round((measured.coresUsed * 1000) / measured.pollsPerSecond, 2);
}

/** The three detection paths of one serve run: polled at the interval, fast polling, push. */
export function groupRows(groups) {
  if (!groups) return [];
  const { interval, fast, push } = groups.groups;
  const fastBound = groups.activeIntervalSeconds + 2;
  const counts = (g) => `${g.alerted}/${g.visible}`;
  const stored = (g) => (g.stored.p50 === null ? null : `${g.stored.p50} / ${g.stored.p99}`);
  return [
    row(
      `groups: ${groups.vendors} vendors in one serve, first round s / load at window`,
      `${groups.warmupSeconds} / ${groups.loadAverageAtWindowStart.join(' ')}`,
    ),
    row('groups: serve CPU (cores) in the window', groups.coresUsed),
    row(
      `interval (${groups.intervalSeconds} s): visible → webhook p50 / p99, s (alerted/visible ${counts(interval)})`,
      interval.p50 === null ? null : `${interval.p50} / ${interval.p99}`,
      `p99 ≤ ${groups.intervalSeconds + 2} s`,
      () => interval.p99 !== null && interval.p99 <= groups.intervalSeconds + 2,
    ),
    row(
      `fast (open incident, ${groups.activeIntervalSeconds} s): update visible → webhook p50 / p99, s (${counts(fast)})`,
      fast.p50 === null ? null : `${fast.p50} / ${fast.p99}`,
      `p99 ≤ ${fastBound} s`,
      () => fast.p99 !== null && fast.p99 <= fastBound,
    ),
    row('interval: visible → stored (poll start) p50 / p99, s', stored(interval)),
    row('fast: update visible → stored (poll start) p50 / p99, s', stored(fast)),
    row('push: visible → stored (poll start) p50 / p99, s', stored(push)),
    row(
      `push: visible → webhook p50 / p99, s (${counts(push)}; pushes ${JSON.stringify(groups.pushStatuses)})`,
      push.p50 === null ? null : `${push.p50} / ${push.p99}`,
      'p50 ≤ 2 s, p99 ≤ 5 s',
      () => push.p50 !== null && push.p50 <= 2 && push.p99 <= 5,
    ),
  ];
}

/** The multi-worker phase in the main table: one row per metric, the worker counts side by side. */
export function workerRows(phase) {
  if (!phase || phase.runs.length === 0) return [];
  const { runs } = phase;
  const first = runs[0];
  const last = runs[runs.length - 1];
  const counts = runs.map((r) => r.workers).join(' / ');
  const each = (pick) => runs.map((r) => show(pick(r))).join(' / ');
  const bound = phase.intervalSeconds + 2;
  const label = `workers (${counts} + 1 web, ${phase.vendors} vendors every ${phase.intervalSeconds} s)`;
  const rssOf = (run, prefix) =>
    Math.max(
      ...Object.entries(run.rssMbMax)
        .filter(([name]) => name.startsWith(prefix))
        .map(([, mb]) => mb ?? 0),
    );
  const rows = [
    row(
      `${label}: polls/s`,
      each((r) => r.pollsPerSecond),
      runs.length > 1 ? `${last.workers} workers ≥ ${first.workers}` : '',
      runs.length > 1 ? () => last.pollsPerSecond >= first.pollsPerSecond : null,
    ),
    row(
      'workers: PostgreSQL CPU ms per poll',
      each((r) => r.pgCpuMsPerPoll),
      runs.length > 1 ? `${last.workers} workers ≤ ${first.workers}` : '',
      runs.length > 1 ? () => last.pgCpuMsPerPoll <= first.pgCpuMsPerPoll : null,
    ),
    row(
      'workers: workers’ CPU ms per poll (all workers)',
      each((r) => r.workersCpuMsPerPoll),
    ),
    row(
      'workers: database round trips per poll',
      each((r) => r.roundTripsPerPoll),
    ),
    row(
      'workers: claim round trip p50 / p99, ms (at the relay)',
      runs
        .map((r) => `${show(r.claimRoundTripMs.p50)}/${show(r.claimRoundTripMs.p99)}`)
        .join(' · '),
    ),
    row(
      'workers: mean claim ms as each worker sees it',
      runs.map((r) => r.claimMsMeanByWorker.map(show).join('/')).join(' · '),
    ),
    row('workers: shares of polls, %', runs.map((r) => r.sharesPercent.join('/')).join(' · ')),
    row(
      'workers: detection p50 / p99, s (detected/visible)',
      runs
        .map(
          (r) =>
            `${show(r.detection.p50)}/${show(r.detection.p99)} (${r.detection.detected}/${r.detection.visible})`,
        )
        .join(' · '),
      `p99 ≤ ${bound} s, all`,
      () =>
        runs.every(
          (r) =>
            r.detection.p99 !== null &&
            r.detection.p99 <= bound &&
            r.detection.detected === r.detection.visible,
        ),
    ),
    row(
      'workers: RSS max, each worker / web, MB',
      runs.map((r) => `${show(rssOf(r, 'worker'))}/${show(rssOf(r, 'web'))}`).join(' · '),
      '≤ 400 MB',
      () => runs.every((r) => Object.values(r.rssMbMax).every((mb) => mb !== null && mb <= 400)),
    ),
  ];
  return rows;
}

/** The multi-worker table: one line per worker count. */
export function formatWorkersTable(phase) {
  if (!phase || phase.runs.length === 0) return '';
  const pair = (a, b) => `${show(a)} / ${show(b)}`;
  const header = [
    'workers',
    'polls/s',
    'PG ms/poll',
    'workers ms/poll',
    'round trips/poll',
    'claim RT p50/p99 ms',
    'claim ms (workers)',
    'detect p50/p99 s',
    'shares %',
    'RSS MB workers | web',
    'cores PG/workers/web/relay/sim/machine',
    'load 1 min',
  ];
  const lines = phase.runs.map((r) => [
    String(r.workers),
    show(r.pollsPerSecond),
    show(r.pgCpuMsPerPoll),
    show(r.workersCpuMsPerPoll),
    show(r.roundTripsPerPoll),
    pair(r.claimRoundTripMs.p50, r.claimRoundTripMs.p99),
    r.claimMsMeanByWorker.map(show).join('/'),
    pair(r.detection.p50, r.detection.p99),
    r.sharesPercent.join('/'),
    `${Object.entries(r.rssMbMax)
      .filter(([name]) => name !== 'web')
      .map(([, mb]) => show(round(mb, 0)))
      .join('/')} | ${show(round(r.rssMbMax.web, 0))}`,
    [r.pgCores, r.workersCores, r.webCores, r.relayCores, r.simulatorCores, r.machineBusyCores]
      .map((v) => show(round(v, 2)))
      .join('/'),
    show(r.loadAverageAtWindowStart[0]),
  ]);
  const cells = [header, ...lines];
  const widths = header.map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  const line = (c) =>
    c
      .map((text, i) => text.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const title = `multi-worker table: ${phase.vendors} vendors every ${phase.intervalSeconds} s, ${phase.windowSeconds} s window per count, one PostgreSQL database${phase.analyzed ? ' (analyzed after the first round)' : ''}`;
  return [
    title,
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...lines.map(line),
  ].join('\n');
}
