// The measured phases, each in fresh child processes against the one running simulator:
// the bare loop (plain or conditional), vendorwatch at saturation, and the latency run.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { ask, nextMessage, startChild, stopChild } from './children.mjs';
import { measureLatency } from './latency.mjs';
import { cpuMeter, mainThreadShares, round } from './stats.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const startupTimeoutMs = 120_000;

export async function runBaseline(sim, settings, { conditional, concurrency }) {
  const child = startChild(
    conditional ? 'bare loop (If-None-Match)' : 'bare loop',
    join(here, 'bare-child.mjs'),
    {
      raiseTo: settings.fileLimit.raiseTo,
    },
  );
  try {
    await nextMessage(child, 'ready', startupTimeoutMs);
    const simCpu = cpuMeter(sim.pid);
    const durationMs = settings.baselineSeconds * 1000;
    const primingLimitMs = settings.warmupLimitSeconds * 1000;
    const primed = nextMessage(child, 'primed', primingLimitMs + 60_000);
    const finished = ask(
      child,
      {
        type: 'run',
        baseUrls: sim.vendors.map((v) => v.baseUrl),
        concurrency,
        durationMs,
        conditional,
        primingLimitMs,
      },
      durationMs + primingLimitMs + 60_000,
    );
    finished.catch(() => undefined); // observed below; this keeps an early exit from crashing us
    // The simulator's CPU is measured over the measured part only, as the loop's own.
    await primed;
    simCpu.start();
    const { result } = await finished;
    return { ...result, concurrency, simulatorCores: simCpu.stop() };
  } finally {
    await stopChild(child);
  }
}

/**
 * Resolves once every vendor was polled (`counter`: 'distinct' since start, the backfilling first
 * round; 'sinceMark' since the last mark), or at the limit.
 */
function fullRound(child, vendors, limitMs, counter) {
  const startedAt = Date.now();
  return new Promise((resolve) => {
    const done = (complete) => {
      clearTimeout(timer);
      child.child.off('message', onProgress);
      resolve({ complete, seconds: round((Date.now() - startedAt) / 1000, 1) });
    };
    const onProgress = (message) => {
      if (message?.type === 'progress' && message[counter] >= vendors) done(true);
    };
    const timer = setTimeout(() => done(false), limitMs);
    child.child.on('message', onProgress);
  });
}

function since(from, to) {
  const seconds = (to.at - from.at) / 1000;
  const polls = (c) => c.changed + c.unchanged + c.failed + c.crashed;
  const pollDelta = polls(to.counters) - polls(from.counters);
  const pollCount = Math.max(1, pollDelta);
  const perPoll = (value) => (Number.isFinite(value) ? round(value / pollCount, 2) : null);
  const outcomes = {};
  const keys = ['changed', 'unchanged', 'failed', 'crashed', 'events', 'schedulerErrors'];
  for (const key of keys) {
    outcomes[key] = to.counters[key] - from.counters[key];
  }
  return {
    seconds: round(seconds, 2),
    polls: pollDelta,
    pollsPerSecond: round(pollDelta / seconds, 1),
    outcomes,
    coresUsed: round((to.cpuSeconds - from.cpuSeconds) / seconds, 3),
    eventLoopUtilization: round(to.eventLoopUtilization, 3),
    mainThread: mainThreadShares(from.thread, to.thread, seconds),
    writeSyscallsPerPoll: perPoll(to.thread.writeSyscalls - from.thread.writeSyscalls),
    diskWriteKbPerPoll: perPoll((to.thread.diskWriteBytes - from.thread.diskWriteBytes) / 1024),
    connectionsPerPoll: round((to.counters.connections - from.counters.connections) / pollCount, 2),
    // Sampled over the window with --alloc (bytes allocated, collected or not).
    allocatedKbPerPoll:
      to.allocatedBytes === undefined ? null : round(to.allocatedBytes / 1024 / pollCount, 1),
    eventLoopMs: to.eventLoopMs,
    pollMs: to.pollMs,
    failures: to.failures,
  };
}

/** Starts a poller child on a fresh SQLite file; `measure` runs between warm-up and stop. */
async function withPoller(sim, settings, { name, intervalSeconds }, measure) {
  const dbPath = join(settings.tempDir, `${name}.db`);
  const child = startChild(`poller (${name})`, join(here, 'poller-child.mjs'), {
    nodeArgs: ['--expose-gc'],
    raiseTo: settings.fileLimit.raiseTo,
  });
  try {
    await nextMessage(child, 'ready', startupTimeoutMs);
    const vendors = sim.vendors;
    const started = await ask(
      child,
      { type: 'start', dbPath, vendors, intervalSeconds },
      startupTimeoutMs,
    );
    const limitMs = settings.warmupLimitSeconds * 1000;
    const warmup = await fullRound(child, vendors.length, limitMs, 'distinct');
    // With --profile, the CPU profile covers the measured window only (window-start → window-end).
    const profilePath =
      settings.profile && settings.profileDir
        ? join(settings.profileDir, `${name}.cpuprofile`)
        : null;
    // With --alloc, the window's allocations are sampled into a .heapprofile.
    const allocationProfilePath =
      settings.alloc && settings.profileDir
        ? join(settings.profileDir, `${name}.heapprofile`)
        : null;
    const mark = async (markName) =>
      ask(child, { type: 'mark', name: markName, profilePath, allocationProfilePath }, 60_000);
    const roundSinceMark = () => fullRound(child, vendors.length, limitMs, 'sinceMark');
    const measured = await measure({ mark, roundSinceMark });
    const stopped = await ask(child, { type: 'stop' }, 60_000);
    child.child.disconnect();
    await Promise.race([child.exited, delay(30_000)]);
    return { ...measured, warmup, dbPath, concurrency: started.concurrency, stopped };
  } finally {
    await stopChild(child);
  }
}

export async function runSaturation(sim, settings) {
  const simCpu = cpuMeter(sim.pid);
  const options = { name: 'saturation', intervalSeconds: 1 };
  const result = await withPoller(sim, settings, options, async ({ mark }) => {
    const from = await mark('window-start');
    simCpu.start();
    await delay(settings.saturationSeconds * 1000);
    const to = await mark('window-end');
    return { window: since(from, to), simulatorCores: simCpu.stop(), memory: to.memory };
  });
  return {
    ...result.window,
    warmupSeconds: result.warmup.seconds,
    warmupComplete: result.warmup.complete,
    simulatorCores: result.simulatorCores,
    peakRssMb: result.stopped.memory?.peakRssMb ?? result.memory.peakRssMb,
    memoryAtWindowEnd: result.memory,
    allocatedKbPerPoll: result.window.allocatedKbPerPoll,
    concurrency: result.concurrency,
  };
}

export async function runLatency(sim, settings) {
  const simCpu = cpuMeter(sim.pid);
  const graceMs = (settings.intervalSeconds + 3) * 1000;
  const options = {
    name: 'latency',
    intervalSeconds: settings.intervalSeconds,
  };
  const result = await withPoller(sim, settings, options, async ({ mark, roundSinceMark }) => {
    const from = await mark('window-start');
    simCpu.start();
    await delay(settings.durationSeconds * 1000);
    const to = await mark('window-end');
    const simulatorCores = simCpu.stop();
    // Changes visible near the end still get an interval, and a whole round if polling lags.
    const graceStartedAt = Date.now();
    const [, lastRound] = await Promise.all([delay(graceMs), roundSinceMark()]);
    const grace = { seconds: (Date.now() - graceStartedAt) / 1000, fullRound: lastRound.complete };
    return { from, to, simulatorCores, grace };
  });
  const window = since(result.from, result.to);
  const latency = await measureLatency({
    controlUrl: sim.controlUrl,
    dbPath: result.dbPath,
    fromMs: result.from.at,
    toMs: result.to.at,
    commitTimes: result.stopped.commitTimes,
  });
  return {
    ...latency,
    windowSeconds: window.seconds,
    pollsPerSecond: window.pollsPerSecond,
    outcomes: window.outcomes,
    coresUsed: window.coresUsed,
    eventLoopUtilization: window.eventLoopUtilization,
    mainThread: window.mainThread,
    writeSyscallsPerPoll: window.writeSyscallsPerPoll,
    diskWriteKbPerPoll: window.diskWriteKbPerPoll,
    connectionsPerPoll: window.connectionsPerPoll,
    eventLoopP99Ms: round(window.eventLoopMs.p99, 1),
    eventLoopMaxMs: round(window.eventLoopMs.max, 1),
    pollMs: window.pollMs,
    failures: window.failures,
    peakRssMb: result.stopped.memory?.peakRssMb ?? result.to.memory.peakRssMb,
    memoryAtWindowStart: result.from.memory,
    memoryAtWindowEnd: result.to.memory,
    graceAfterWindow: result.grace,
    warmupSeconds: result.warmup.seconds,
    warmupComplete: result.warmup.complete,
    simulatorCores: result.simulatorCores,
    concurrency: result.concurrency,
  };
}
