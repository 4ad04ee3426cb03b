// `npm run bench`: the simulator in its own process (one loopback address per vendor), a bare
// fetch-and-parse baseline, vendorwatch's poller at saturation and a latency run, `serve` as users
// run it, the latency groups, and 1, 2 and 3 workers + 1 web on PostgreSQL, each in fresh child
// processes. Prints a table against docs/contract.md#quality-targets, writes bench/results/.
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema } from '../dist/config/schema.js';
import { parseBenchArgs } from './args.mjs';
import {
  killAllChildrenNow,
  nextMessage,
  planFileLimit,
  startChild,
  stopAllChildren,
} from './children.mjs';
import { runBaseline, runLatency, runSaturation } from './phases.mjs';
import { runServe } from './serve-phase.mjs';
import { runLatencyGroups } from './latency-groups.mjs';
import { dropAllBenchDatabases } from './pg-databases.mjs';
import { defaultBin, runWorkers } from './workers-phase.mjs';
import { formatTop, topFrames } from './profile-top.mjs';
import { formatAllocations, topAllocations } from './alloc-top.mjs';
import {
  buildRows,
  formatTable,
  formatWorkersTable,
  groupRows,
  resultsDir,
  row,
  workerRows,
  writeResults,
} from './report.mjs';
import { loadAverage, round } from './stats.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
/** Phases that bring their own simulator: groups (a timeline fleet that pushes), workers. */
const ownSimulator = new Set(['groups', 'workers']);
/** Removed at the end, on errors and on SIGINT/SIGTERM. */
let tempDir = null;
/** Descriptors a process needs beyond its sockets: listeners' reserve, files, stdio. */
const descriptorReserve = 2048;

function log(text) {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}`);
}

async function startSimulatorProcess(settings) {
  const options = {
    vendors: settings.vendors,
    seed: settings.seed,
    incidentRate: settings.incidentRate,
  };
  const child = startChild('simulator', join(here, 'simulator-child.mjs'), {
    args: [JSON.stringify(options)],
    raiseTo: settings.fileLimit.raiseTo,
  });
  const ready = await nextMessage(child, 'ready', 300_000);
  return { pid: child.child.pid, controlUrl: ready.controlUrl, vendors: ready.vendors };
}

/** Runs one phase; a failure is recorded in the result and the other phases still run. */
async function phase(result, key, label, work) {
  if (interrupted) return;
  log(`${label}…`);
  try {
    result[key] = await work();
    log(`${label}: done`);
  } catch (error) {
    result.errors.push({ phase: key, message: String(error?.message ?? error) });
    log(`${label} FAILED: ${error?.message ?? error}`);
  }
}

async function main() {
  const parsed = parseBenchArgs(process.argv.slice(2));
  if (!parsed) return;
  const startedAt = Date.now();
  const profileDir = join(
    resultsDir,
    `profiles-${new Date(startedAt).toISOString().replace(/:/g, '-')}`,
  );
  const settings = {
    ...parsed,
    // Simulator: a listener per vendor plus up to 3 keep-alive connections per vendor.
    fileLimit: planFileLimit(
      Math.max(
        parsed.phases.some((name) => !ownSimulator.has(name)) ? parsed.vendors : 0,
        parsed.phases.includes('groups') ? parsed.groupVendors : 0,
        parsed.phases.includes('workers') ? parsed.workers.vendors : 0,
      ) *
        4 +
        descriptorReserve,
    ),
    tempDir: await mkdtemp(join(tmpdir(), 'vendorwatch-bench-')),
    profileDir: parsed.profile || parsed.alloc ? profileDir : null,
  };
  if (settings.profileDir) await mkdir(settings.profileDir, { recursive: true });
  tempDir = settings.tempDir;
  const concurrency = configSchema.parse({}).poller.concurrency;
  const result = {
    startedAt: new Date(startedAt).toISOString(),
    loadAverageAtStart: loadAverage(),
    settings: { ...settings, pollerConcurrency: concurrency },
    notes: [
      'vendorwatch sends conditional GETs (If-None-Match/If-Modified-Since) and skips parsing when ' +
        'all three endpoints answer 304; the plain bare loop downloads and parses every body. The ' +
        'If-None-Match bare loop is the like-for-like comparison.',
      'Everything (simulator, client under test, other work on the machine) shares the same cores.',
      'Store detected_at is the poll start time; commit latency is measured when the events were committed.',
    ],
    errors: [],
  };
  log(`load average ${result.loadAverageAtStart.join(' ')}; ${settings.fileLimit.note}`);
  try {
    const runs = (name) => settings.phases.includes(name);
    const sharedSimulator = settings.phases.some((name) => !ownSimulator.has(name));
    let sim = null;
    if (sharedSimulator) {
      log(`starting the simulator with ${settings.vendors} vendors…`);
      sim = await startSimulatorProcess(settings);
      result.simulator = { pid: sim.pid, controlUrl: sim.controlUrl, vendors: sim.vendors.length };
      log(`simulator ready at ${sim.controlUrl} (first vendor ${sim.vendors[0]?.baseUrl})`);
    }
    const bare = { concurrency };
    if (runs('baseline')) {
      await phase(result, 'baseline', 'bare loop, full GET + parse', () =>
        runBaseline(sim, settings, { ...bare, conditional: false }),
      );
      await phase(result, 'conditionalBaseline', 'bare loop, If-None-Match', () =>
        runBaseline(sim, settings, { ...bare, conditional: true }),
      );
    }
    if (runs('saturation')) {
      await phase(result, 'saturation', 'vendorwatch at saturation', () =>
        runSaturation(sim, settings),
      );
    }
    if (result.saturation) {
      const ratio = (base) =>
        base?.pollsPerSecond
          ? round(result.saturation.pollsPerSecond / base.pollsPerSecond, 3)
          : null;
      result.saturation.ratioToBare = ratio(result.baseline);
      result.saturation.ratioToConditionalBare = ratio(result.conditionalBaseline);
    }
    if (runs('latency')) {
      await phase(
        result,
        'latency',
        `latency run (${settings.intervalSeconds} s interval, ${settings.durationSeconds} s)`,
        () => runLatency(sim, settings),
      );
    }
    if (runs('serve')) {
      await phase(
        result,
        'serve',
        `serve as users run it (${settings.intervalSeconds} s interval, ${settings.durationSeconds} s, webhook target)`,
        () => runServe(sim, settings),
      );
    }
    if (runs('groups')) {
      await phase(
        result,
        'latencyGroups',
        `latency groups: interval / fast polling / push, ${settings.groupVendors} vendors in one serve`,
        () => runLatencyGroups(settings, log),
      );
    }
    if (runs('workers')) {
      const { workers } = settings;
      await phase(
        result,
        'workers',
        `workers: ${workers.workerCounts.join(', ')} worker(s) + 1 web on PostgreSQL, ${workers.vendors} vendors every ${workers.intervalSeconds} s`,
        () =>
          runWorkers(
            {
              ...workers,
              incidentRate: settings.incidentRate,
              seed: settings.seed,
              warmupLimitSeconds: Math.max(settings.warmupLimitSeconds, 120),
              tempDir: settings.tempDir,
              raiseTo: settings.fileLimit.raiseTo,
              bin: defaultBin,
            },
            log,
          ),
      );
      for (const failure of result.workers?.failed ?? []) {
        result.errors.push({ phase: `workers (${failure.workers})`, message: failure.message });
      }
    }
  } finally {
    await stopAllChildren();
    await dropAllBenchDatabases();
    await removeTempDir();
  }
  if (settings.profile) result.profiles = await summarizeProfiles(profileDir);
  if (settings.alloc) result.allocations = await summarizeAllocations(profileDir, result);
  // Run alone, the phases with their own simulator print only their own rows (and no notes on
  // the poller's).
  const ownPhasesOnly = settings.phases.every((name) => ownSimulator.has(name));
  result.rows = ownPhasesOnly
    ? [
        row('load average at start (1/5/15 min)', result.loadAverageAtStart.join(' / ')),
        ...groupRows(result.latencyGroups),
        ...workerRows(result.workers),
      ]
    : buildRows(result);
  console.log(`\n${formatTable(result.rows)}\n`);
  if (result.workers) console.log(`${formatWorkersTable(result.workers)}\n`);
  if (!ownPhasesOnly) for (const note of result.notes) console.log(`note: ${note}`);
  for (const error of result.errors) console.log(`ERROR in ${error.phase}: ${error.message}`);
  for (const [name, top] of Object.entries(result.profiles ?? {}))
    console.log(`\nprofile ${name}:\n${formatTop(top)}`);
  for (const [name, top] of Object.entries(result.allocations ?? {}))
    console.log(`\nallocations ${name}:\n${formatAllocations(top)}`);
  const path = await writeResults(result);
  console.log(`\nresults: ${path}`);
  if (result.errors.length > 0) process.exitCode = 1;
}

async function summarizeProfiles(dir) {
  const summaries = {};
  const names = await readdir(dir).catch(() => []);
  for (const name of names.filter((n) => n.endsWith('.cpuprofile'))) {
    summaries[name] = await topFrames(join(dir, name), 15);
  }
  return summaries;
}

/** Each phase's .heapprofile read per poll of its window. */
async function summarizeAllocations(dir, result) {
  const summaries = {};
  const names = await readdir(dir).catch(() => []);
  for (const name of names.filter((n) => n.endsWith('.heapprofile'))) {
    const polls = result[name.replace(/\.heapprofile$/, '')]?.polls;
    if (polls > 0) summaries[name] = await topAllocations(join(dir, name), polls, 15);
  }
  return summaries;
}

async function removeTempDir() {
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
  tempDir = null;
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: stopping every child`);
    void stopAllChildren()
      .then(dropAllBenchDatabases)
      .then(removeTempDir)
      .finally(() => process.exit(130));
  });
}
process.on('exit', killAllChildrenNow);

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
