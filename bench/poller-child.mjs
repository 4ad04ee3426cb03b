// vendorwatch's poller in its own process, wired as src/app/poller.ts wires it: the config's defaults,
// createConfiguredFetcher, a SQLite file store, startScheduler + pollVendor. The bench drives it
// over IPC: start, mark (counters since the last mark), stop (commit times of every event).
import { subscribe } from 'node:diagnostics_channel';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { hostname } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setInterval, clearInterval } from 'node:timers';
import { getAdapter } from '../dist/adapters/registry.js';
import { configSchema } from '../dist/config/schema.js';
import { limitHeapGrowth } from '../dist/app/heap.js';
import { createConfiguredFetcher } from '../dist/app/fetcher.js';
import { startScheduler } from '../dist/poll/scheduler.js';
import { startHotTableVacuum } from '../dist/app/postgres-vacuum.js';
import { createLogger } from '../dist/logger.js';
import { migrateToLatest, openStore, syncVendors } from '../dist/store/index.js';
import { memoryOf, summarize, threadAndIoOf } from './stats.mjs';

const eventLoop = monitorEventLoopDelay({ resolution: 10 });
const counters = {
  changed: 0,
  unchanged: 0,
  failed: 0,
  crashed: 0,
  events: 0,
  schedulerErrors: 0,
  connections: 0,
};
// New TCP connections opened by undici (the fetcher's agent): keep-alive reuse, or not.
subscribe('undici:client:connected', () => {
  counters.connections += 1;
});
let loopUtilization = performance.eventLoopUtilization();
const polled = new Set();
/** Vendors polled since the last mark: a full round after the window closes bounds the grace. */
let polledSinceMark = new Set();
/** When each poll that recorded events committed, keyed by vendor and the poll's time (event.at). */
const commitTimes = {};
let durations = [];
let failures = new Map();
let running = null;
let profiler = null;
let allocationSampler = null;

/** CPU profile of the measured window only: started at window-start, written at window-end. */
async function profileAt(name, path) {
  if (!path) return;
  if (name === 'window-start' && !profiler) {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  } else if (name === 'window-end' && profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    profiler.disconnect();
    profiler = null;
    await writeFile(path, JSON.stringify(profile));
  }
}

/**
 * Every allocation of the measured window, sampled (V8 scales each sample to the bytes it stands
 * for) including objects already collected again: bytes allocated, not bytes still live.
 */
async function startAllocationSampling() {
  allocationSampler = new Session();
  allocationSampler.connect();
  await allocationSampler.post('HeapProfiler.enable');
  await allocationSampler.post('HeapProfiler.startSampling', {
    samplingInterval: 16 * 1024,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
}

/** The window's allocation profile and the bytes it allocated in all. */
async function stopAllocationSampling() {
  const { profile } = await allocationSampler.post('HeapProfiler.stopSampling');
  allocationSampler.disconnect();
  allocationSampler = null;
  let bytes = 0;
  const stack = [profile.head];
  while (stack.length > 0) {
    const node = stack.pop();
    bytes += node.selfSize;
    stack.push(...node.children);
  }
  return { profile, bytes };
}

function recordEvents(events) {
  const at = Date.now();
  counters.events += events.length;
  for (const event of events) commitTimes[`${event.vendorSlug}|${Date.parse(event.at)}`] ??= at;
}

function recordOutcome(outcome) {
  counters[outcome.kind] += 1;
  polled.add(outcome.vendorSlug);
  polledSinceMark.add(outcome.vendorSlug);
  durations.push(outcome.durationMs);
  if (outcome.kind === 'failed' || outcome.kind === 'crashed') {
    const key = outcome.error.slice(0, 160);
    failures.set(key, (failures.get(key) ?? 0) + 1);
  }
}

async function start({ dbPath, vendors, intervalSeconds }) {
  // As startService does for a poller.
  limitHeapGrowth();
  const config = configSchema.parse({ network: { allowedPrivateRanges: ['127.0.0.0/8'] } });
  const store = await openStore(dbPath);
  await migrateToLatest(store);
  const fetcher = createConfiguredFetcher(config);
  const now = () => new Date();
  await syncVendors(
    store.db,
    vendors.map((v) => ({
      slug: v.slug,
      name: v.name,
      statusPageUrl: v.baseUrl,
      platform: 'statuspage',
      category: 'other',
      intervalSeconds,
    })),
    'config',
    now().toISOString(),
  );
  const owner = `${hostname()}:${process.pid}`;
  eventLoop.enable();
  const scheduler = startScheduler({
    db: store.db,
    owner,
    concurrency: config.poller.concurrency,
    leaseSeconds: Math.max(60, config.network.timeout * 3),
    pollDeps: {
      db: store.db,
      fetcher,
      adapterFor: getAdapter,
      routeEvent: () => [],
      now,
      random: Math.random,
      leaseOwner: owner,
      onEvents: recordEvents,
    },
    onOutcome: recordOutcome,
    onError: () => {
      counters.schedulerErrors += 1;
    },
  });
  const progress = setInterval(() => {
    const polls = counters.changed + counters.unchanged + counters.failed + counters.crashed;
    const distinct = polled.size;
    process.send?.({ type: 'progress', polls, distinct, sinceMark: polledSinceMark.size });
  }, 1000);
  // As startService does on PostgreSQL: the bookkeeping tables are vacuumed every minute.
  const vacuum =
    store.dialect === 'postgres'
      ? startHotTableVacuum({ db: store.db, logger: createLogger('silent') })
      : null;
  running = { store, fetcher, scheduler, progress, vacuum };
  return { concurrency: config.poller.concurrency, perHost: config.network.perHostConcurrency };
}

/** Counters are cumulative; durations, failures and event-loop delay cover the time since the last mark. */
async function mark(name, profilePath, allocationProfilePath) {
  // Stopped before the snapshot's own work is sampled, started after it: the window holds polls.
  const sampled =
    name === 'window-end' && allocationSampler ? await stopAllocationSampling() : null;
  const cpu = process.cpuUsage();
  const snapshot = {
    name,
    at: Date.now(),
    counters: { ...counters },
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    thread: threadAndIoOf(process.pid),
    memory: { ...memoryOf(process.pid), ...megabytes(process.memoryUsage()) },
    eventLoopMs: {
      p50: eventLoop.percentile(50) / 1e6,
      p99: eventLoop.percentile(99) / 1e6,
      max: eventLoop.max / 1e6,
    },
    pollMs: summarize(durations),
    eventLoopUtilization: performance.eventLoopUtilization(loopUtilization).utilization,
    failures: Object.fromEntries([...failures].sort((a, b) => b[1] - a[1]).slice(0, 5)),
  };
  // Heap still in use after a full GC (the child runs with --expose-gc): live data, not GC slack.
  globalThis.gc?.();
  snapshot.memory.liveHeapMb = megabytes(process.memoryUsage()).heapUsedMb;
  eventLoop.reset();
  loopUtilization = performance.eventLoopUtilization();
  polledSinceMark = new Set();
  durations = [];
  failures = new Map();
  await profileAt(name, profilePath);
  if (sampled) {
    await writeFile(allocationProfilePath, JSON.stringify(sampled.profile));
    return { ...snapshot, allocatedBytes: sampled.bytes };
  }
  if (name === 'window-start' && allocationProfilePath && !allocationSampler) {
    await startAllocationSampling();
  }
  return snapshot;
}

async function stop() {
  if (!running) return { commitTimes };
  clearInterval(running.progress);
  await running.vacuum?.stop();
  await running.scheduler.stop(10_000);
  await running.fetcher.close();
  await running.store.close();
  running = null;
  return { commitTimes, memory: memoryOf(process.pid) };
}

function megabytes(usage) {
  const mb = (bytes) => Math.round(bytes / 1024 / 102.4) / 10;
  return {
    heapUsedMb: mb(usage.heapUsed),
    heapTotalMb: mb(usage.heapTotal),
    externalMb: mb(usage.external),
    arrayBuffersMb: mb(usage.arrayBuffers),
  };
}

function reply(type, work) {
  Promise.resolve()
    .then(work)
    .then(
      (result) => process.send?.({ type, ...result }),
      (error) => process.send?.({ type: 'error', message: String(error?.stack ?? error) }),
    );
}

process.on('disconnect', () => process.exit(0));
process.on('message', (message) => {
  if (message?.type === 'start') reply('start', () => start(message));
  else if (message?.type === 'mark')
    reply('mark', () => mark(message.name, message.profilePath, message.allocationProfilePath));
  else if (message?.type === 'stop') reply('stop', stop);
});
process.send?.({ type: 'ready' });
