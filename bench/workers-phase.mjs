// Several `vendorwatch worker`s and one `web` on one PostgreSQL database over one simulator fleet
// (every vendor on its own loopback address), for each worker count in turn: each count gets a
// fresh database and fresh processes started from the built CLI, the same simulator. Measured over
// a window after the first full round: polls/s (counted by the simulator), CPU per poll of
// PostgreSQL (its backends' /proc times) and of the workers, database round trips per poll and
// claim round trips (counted and timed by a relay between the workers and PostgreSQL,
// pg-proxy-child.mjs), the workers' own mean claim time and shares (/api/v1/workers), every
// process's RSS, and detection latency (change visible → detected_at stored, latency.mjs).
// Used by `node bench/run.mjs --only workers` and `node bench/workers.mjs`.
/* global fetch -- Node 20 has it */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ask, nextMessage, startChild, stopChild } from './children.mjs';
import { measureLatency } from './latency.mjs';
import { createBenchDatabase, dropBenchDatabase } from './pg-databases.mjs';
import { freePort } from './serve-phase.mjs';
import { cpuSecondsOf, loadAverage, memoryOf, round } from './stats.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
export const defaultBin = join(here, '..', 'dist', 'cli', 'bin.js');
const startupTimeoutMs = 60_000;
/** After the first full round, before the window: every worker registered and claiming. */
const settleMs = 3_000;

/**
 * settings: { postgresUrl, vendors, intervalSeconds, windowSeconds, workerCounts, incidentRate,
 * seed, warmupLimitSeconds, tempDir, raiseTo, bin, analyze }; `log` prints progress.
 */
export async function runWorkers(settings, log = () => {}) {
  const sim = startChild('simulator (workers phase)', join(here, 'counting-simulator-child.mjs'), {
    args: [
      JSON.stringify({
        vendors: settings.vendors,
        seed: settings.seed,
        incidentRate: settings.incidentRate,
      }),
    ],
    raiseTo: settings.raiseTo,
  });
  try {
    const ready = await nextMessage(sim, 'ready', 300_000);
    const fleet = { entry: sim, controlUrl: ready.controlUrl, vendors: ready.vendors };
    const runs = [];
    // A count that fails (a process died, a warm-up too long) is reported; the others still run.
    const failed = [];
    for (const count of settings.workerCounts) {
      log(`workers phase: ${count} worker(s) + 1 web, ${settings.vendors} vendors…`);
      try {
        const run = await runCount(fleet, settings, count);
        log(`workers phase: ${count} worker(s): ${JSON.stringify(summaryLine(run))}`);
        runs.push(run);
      } catch (error) {
        const message = String(error?.message ?? error);
        log(`workers phase: ${count} worker(s) FAILED: ${message}`);
        failed.push({ workers: count, message });
        if (fleet.entry.child.exitCode !== null || fleet.entry.child.signalCode !== null) break;
      }
    }
    if (runs.length === 0) throw new Error(failed.map((f) => f.message).join('; '));
    return {
      vendors: settings.vendors,
      intervalSeconds: settings.intervalSeconds,
      windowSeconds: settings.windowSeconds,
      incidentRate: settings.incidentRate,
      analyzed: Boolean(settings.analyze),
      runs,
      failed,
    };
  } finally {
    await stopChild(sim);
  }
}

function summaryLine(run) {
  return {
    pollsPerSecond: run.pollsPerSecond,
    pgCpuMsPerPoll: run.pgCpuMsPerPoll,
    roundTripsPerPoll: run.roundTripsPerPoll,
    detectionP99: run.detection.p99,
  };
}

/** The config a user would write for the fleet; the database comes from --db. */
function fleetConfig(vendors, intervalSeconds, port) {
  return {
    pollInterval: intervalSeconds,
    network: { allowedPrivateRanges: ['127.0.0.0/8'] },
    server: { host: '127.0.0.1', port },
    vendors: vendors.map((v) => ({
      slug: v.slug,
      name: v.name,
      url: v.baseUrl,
      platform: 'statuspage',
    })),
  };
}

/** The database URL with an application_name, so pg_stat_activity tells whose backend is whose. */
function labelled(url, name) {
  const parsed = new URL(url);
  parsed.searchParams.set('application_name', name);
  return parsed.toString();
}

/**
 * Rejects as soon as one of `entries` exits (until disarmed), naming it and how it ended, so a
 * wait on the phase's processes fails at once instead of timing out.
 */
function exitWatch(entries) {
  let armed = true;
  const failure = new Promise((_, reject) => {
    for (const entry of entries) {
      void entry.exited.then(({ code, signal }) => {
        if (armed) {
          reject(
            new Error(
              `${entry.label} (pid ${entry.child.pid}) exited with code ${code}, signal ${signal}`,
            ),
          );
        }
      });
    }
  });
  failure.catch(() => {});
  return {
    failure,
    /** `work`, or the first exit if one comes first. */
    race: (work) => Promise.race([work, failure]),
    disarm() {
      armed = false;
    },
  };
}

async function waitForWeb(url, limitMs, watch) {
  const startedAt = Date.now();
  while (Date.now() - startedAt < limitMs) {
    const ok = await watch.race(
      fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      ),
    );
    if (ok) return;
    await watch.race(delay(250));
  }
  throw new Error(`web did not answer /readyz at ${url} within ${limitMs} ms`);
}

async function waitForFirstRound(db, vendors, limitMs, watch) {
  const startedAt = Date.now();
  for (;;) {
    const { rows } = await watch.race(
      db
        .query('select count(*)::int as n from vendor_state where last_polled_at is not null')
        .catch(() => ({ rows: [{ n: 0 }] })),
    );
    if (rows[0].n >= vendors) return round((Date.now() - startedAt) / 1000, 1);
    if (Date.now() - startedAt > limitMs) {
      throw new Error(`first full round not done within ${limitMs / 1000} s (${rows[0].n} polled)`);
    }
    await watch.race(delay(500));
  }
}

/** Whether every vendor was polled (a poll started) after `sinceMs`, waiting up to `limitMs`. */
async function roundSince(db, sinceMs, limitMs, watch) {
  const since = new Date(sinceMs).toISOString();
  const startedAt = Date.now();
  for (;;) {
    const { rows } = await watch.race(
      db.query(
        'select count(*)::int as n from vendor_state where last_polled_at is null or last_polled_at < $1',
        [since],
      ),
    );
    if (rows[0].n === 0) return true;
    if (Date.now() - startedAt > limitMs) return false;
    await watch.race(delay(500));
  }
}

/** CPU seconds of every backend of this database but the bench's own connection, by pid. */
async function backendCpu(db) {
  const { rows } = await db.query(
    `select pid, application_name as name, backend_start as started from pg_stat_activity
     where datname = current_database() and pid <> pg_backend_pid()`,
  );
  return rows.map((row) => ({
    pid: row.pid,
    name: row.name,
    startedAt: new Date(row.started).getTime(),
    cpu: cpuSecondsOf(row.pid),
  }));
}

async function workersView(webUrl) {
  try {
    const response = await fetch(`${webUrl}/api/v1/workers`);
    return response.ok ? (await response.json()).workers : null;
  } catch {
    return null;
  }
}

async function runCount(fleet, settings, workerCount) {
  const name = `vw_bench_workers_${process.pid}_${workerCount}`;
  const dbUrl = await createBenchDatabase(settings.postgresUrl, name);
  const entries = [];
  let proxy = null;
  const db = new pg.Client({ connectionString: dbUrl });
  db.on('error', () => {}); // a dropped connection fails the next query, which is reported
  try {
    const upstream = new URL(settings.postgresUrl);
    proxy = startChild('postgres relay', join(here, 'pg-proxy-child.mjs'), {
      args: [
        JSON.stringify({
          upstreamHost: upstream.hostname,
          upstreamPort: Number(upstream.port || 5432),
        }),
      ],
    });
    const { port: proxyPort } = await nextMessage(proxy, 'ready', startupTimeoutMs);
    const viaProxy = new URL(dbUrl);
    viaProxy.host = `127.0.0.1:${proxyPort}`;
    const webPort = await freePort();
    const configPath = join(settings.tempDir, `workers-${workerCount}.json`);
    await writeFile(
      configPath,
      JSON.stringify(fleetConfig(fleet.vendors, settings.intervalSeconds, webPort)),
    );
    const env = { ...process.env, LOG_LEVEL: 'warn' };
    const cli = (label, args, url) =>
      startChild(label, settings.bin, {
        args: [...args, '--config', configPath, '--db', url],
        raiseTo: settings.raiseTo,
        env,
      });
    // web first: it migrates the fresh database before any worker starts.
    const web = cli('web', ['web', '--port', String(webPort)], labelled(dbUrl, 'vw-bench-web'));
    entries.push(web);
    const watch = exitWatch([...entries, proxy, fleet.entry]);
    const webUrl = `http://127.0.0.1:${webPort}`;
    await waitForWeb(webUrl, startupTimeoutMs, watch);
    const workers = [];
    for (let i = 1; i <= workerCount; i++) {
      const id = `bench-${i}`;
      const url = labelled(viaProxy.toString(), `vw-bench-worker-${i}`);
      workers.push(cli(`worker ${id}`, ['worker', '--worker-id', id], url));
    }
    entries.push(...workers);
    const allWatch = exitWatch([...entries, proxy, fleet.entry]);
    watch.disarm();
    try {
      await db.connect();
      const warmupSeconds = await waitForFirstRound(
        db,
        fleet.vendors.length,
        settings.warmupLimitSeconds * 1000,
        allWatch,
      );
      // A server with autovacuum (the default) analyzes the tables once the first round has
      // filled them; without statistics the claim's plan reads every vendor (see README).
      if (settings.analyze) await allWatch.race(db.query('analyze'));
      await allWatch.race(delay(settleMs));
      const measured = await measureWindow(
        { fleet, settings, db, webUrl, web, workers, proxy },
        allWatch,
      );
      // Changes that became visible near the window's end still get an interval to be seen, and
      // a whole round if polling lags behind.
      const graceStartedAt = Date.now();
      await allWatch.race(delay((settings.intervalSeconds + 3) * 1000));
      const roundAfterWindow = await roundSince(
        db,
        measured.toMs,
        (settings.intervalSeconds + 30) * 1000,
        allWatch,
      );
      const graceSeconds = round((Date.now() - graceStartedAt) / 1000, 1);
      allWatch.disarm();
      const latency = await measureLatency({
        controlUrl: fleet.controlUrl,
        dbPath: dbUrl,
        fromMs: measured.fromMs,
        toMs: measured.toMs,
        commitTimes: {},
      });
      return {
        workers: workerCount,
        warmupSeconds,
        fromMs: measured.fromMs,
        toMs: measured.toMs,
        graceAfterWindow: { seconds: graceSeconds, everyVendorPolledAgain: roundAfterWindow },
        ...measured.row,
        detection: {
          visible: latency.visible,
          detected: latency.detected,
          ...latency.storedDetectedAt,
        },
        missedSamples: latency.missedSamples,
      };
    } finally {
      allWatch.disarm();
    }
  } finally {
    await db.end().catch(() => {});
    await Promise.all(entries.map((entry) => stopChild(entry)));
    if (proxy) await stopChild(proxy);
    // Said, not thrown: the error that ended the count (if any) is the one to report.
    await dropBenchDatabase(name).catch((error) =>
      console.error(`[bench] could not drop database ${name}: ${error.message}`),
    );
  }
}

async function measureWindow({ fleet, settings, db, webUrl, web, workers, proxy }, watch) {
  const processes = [web, ...workers];
  const rssMax = new Map(processes.map((p) => [p.label, 0]));
  /**
   * CPU seconds per backend pid at its first and last sample: one that ends mid-window keeps what
   * it had used by its last sample (a second at most is lost), one started in it counts from zero.
   */
  const backendSeen = new Map();
  let windowStartAt = Date.now();
  const sampleBackends = async () => {
    for (const b of await backendCpu(db)) {
      if (b.cpu === null) continue;
      const seen = backendSeen.get(b.pid);
      const first = seen?.first ?? (b.startedAt > windowStartAt ? 0 : b.cpu);
      backendSeen.set(b.pid, { name: b.name, first, last: b.cpu });
    }
  };
  const sampleProcesses = async () => {
    for (const p of processes) {
      const { rssMb } = memoryOf(p.child.pid);
      if (rssMb !== null) rssMax.set(p.label, Math.max(rssMax.get(p.label), rssMb));
    }
    await sampleBackends();
  };
  const snapshot = async () => {
    const polls = (await ask(fleet.entry, { type: 'count' }, 10_000)).polls;
    const relay = await ask(proxy, { type: 'mark' }, 10_000);
    return {
      at: Date.now(),
      polls,
      relay,
      cpu: new Map(processes.map((p) => [p.label, cpuSecondsOf(p.child.pid) ?? 0])),
      relayCpu: cpuSecondsOf(proxy.child.pid) ?? 0,
      simulatorCpu: cpuSecondsOf(fleet.entry.child.pid) ?? 0,
      machine: machineCpu(),
      view: await workersView(webUrl),
    };
  };
  const loadAtStart = loadAverage();
  windowStartAt = Date.now();
  await sampleBackends();
  const from = await snapshot();
  const windowEnd = from.at + settings.windowSeconds * 1000;
  while (Date.now() < windowEnd) {
    await watch.race(sampleProcesses());
    await watch.race(delay(Math.min(1000, Math.max(0, windowEnd - Date.now()))));
  }
  await sampleProcesses();
  const to = await snapshot();
  const seconds = (to.at - from.at) / 1000;
  const polls = to.polls - from.polls;
  const perPoll = (value) => (polls > 0 ? value / polls : null);
  let pgSeconds = 0;
  let pgWebSeconds = 0;
  for (const b of backendSeen.values()) {
    const used = b.last - b.first;
    pgSeconds += used;
    if (b.name === 'vw-bench-web') pgWebSeconds += used;
  }
  const cpuOf = (label) => to.cpu.get(label) - from.cpu.get(label);
  const workerSeconds = workers.reduce((sum, w) => sum + cpuOf(w.label), 0);
  const relayTotals = (key) => to.relay.totals[key] - from.relay.totals[key];
  const roundTrips = relayTotals('syncs') + relayTotals('queries');
  const shares = sharesOf(from.view, to.view);
  return {
    fromMs: from.at,
    toMs: to.at,
    row: {
      loadAverageAtWindowStart: loadAtStart,
      loadAverageAtWindowEnd: loadAverage(),
      windowSeconds: round(seconds, 1),
      polls,
      pollsPerSecond: round(polls / seconds, 1),
      pgCores: round(pgSeconds / seconds, 3),
      pgCpuMsPerPoll: round(perPoll(pgSeconds * 1000), 3),
      pgWebCpuSeconds: round(pgWebSeconds, 2),
      workersCores: round(workerSeconds / seconds, 3),
      workersCpuMsPerPoll: round(perPoll(workerSeconds * 1000), 3),
      webCores: round(cpuOf(web.label) / seconds, 3),
      relayCores: round((to.relayCpu - from.relayCpu) / seconds, 3),
      simulatorCores: round((to.simulatorCpu - from.simulatorCpu) / seconds, 3),
      machineBusyCores: machineBusyCores(from.machine, to.machine),
      roundTrips,
      roundTripsPerPoll: round(perPoll(roundTrips), 2),
      connectionsOpened: relayTotals('connections'),
      roundTripMs: roundedSummary(to.relay.roundTripMs),
      claims: relayTotals('claims'),
      claimRoundTripMs: roundedSummary(to.relay.claimMs),
      claimMsMeanByWorker: shares.map((s) => s.claimMsMean),
      sharesPercent: shares.map((s) => s.percent),
      workerPolls: shares.map((s) => s.polls),
      rssMbMax: Object.fromEntries([...rssMax].map(([label, mb]) => [label, round(mb, 1)])),
      peakRssMb: Object.fromEntries(
        processes.map((p) => [p.label, round(memoryOf(p.child.pid).peakRssMb, 1)]),
      ),
    },
  };
}

/** The whole machine's busy and total CPU ticks (/proc/stat), or null off Linux. */
function machineCpu() {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const ticks = fields.map(Number);
    const idle = ticks[3] + (ticks[4] ?? 0); // idle + iowait
    const total = ticks.slice(0, 8).reduce((sum, t) => sum + t, 0); // guest time is in user
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** Cores busy on the whole machine between two readings: everything, the bench's and others'. */
function machineBusyCores(from, to) {
  if (!from || !to || to.total <= from.total) return null;
  return round(((to.busy - from.busy) / (to.total - from.total)) * cpus().length, 2);
}

function roundedSummary(s) {
  return {
    count: s.count,
    mean: round(s.mean, 2),
    p50: round(s.p50, 2),
    p99: round(s.p99, 2),
    max: round(s.max, 2),
  };
}

/** Each live worker's polls in the window (its own count) and share of them, by id. */
function sharesOf(fromView, toView) {
  if (!fromView || !toView) return [];
  const deltas = toView
    .filter((w) => w.state === 'live')
    .map((w) => {
      const before = fromView.find((b) => b.id === w.id);
      return {
        id: w.id,
        polls: w.polls - (before?.polls ?? 0),
        claimMsMean: w.claimMsMean === null ? null : round(w.claimMsMean, 1),
      };
    });
  const total = deltas.reduce((sum, d) => sum + d.polls, 0);
  return deltas.map((d) => ({
    ...d,
    percent: total > 0 ? Math.round((d.polls / total) * 100) : 0,
  }));
}
