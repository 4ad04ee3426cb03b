// The measured phases, each in fresh child processes against the one running simulator:
// the bare loop (plain or conditional), vendorwatch at saturation, and the latency run.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { ask, nextMessage, startChild, stopChild } from './children.mjs';
import { measureLatency } from './latency.mjs';
import { cpuMeter, round } from './stats.mjs';

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
    simCpu.start();
    const durationMs = settings.baselineSeconds * 1000;
    const { result } = await ask(
      child,
      {
        type: 'run',
        baseUrls: sim.vendors.map((v) => v.baseUrl),
        concurrency,
        durationMs,
        conditional,
      },
      durationMs + 60_000,
    );
    return { ...result, concurrency, simulatorCores: simCpu.stop() };
  } finally {
    await stopChild(child);
  }
}

/** Resolves once every vendor was polled once (the backfilling first round), or at the limit. */
function firstRound(child, vendors, limitMs) {
  const startedAt = Date.now();
  return new Promise((resolve) => {
    const done = (complete) => {
      clearTimeout(timer);
      child.child.off('message', onProgress);
      resolve({ complete, seconds: round((Date.now() - startedAt) / 1000, 1) });
    };
    const onProgress = (message) => {
      if (message?.type === 'progress' && message.distinct >= vendors) done(true);
    };
    const timer = setTimeout(() => done(false), limitMs);
    child.child.on('message', onProgress);
  });
}

function since(from, to) {
  const seconds = (to.at - from.at) / 1000;
  const polls = (c) => c.changed + c.unchanged + c.failed + c.crashed;
  const outcomes = {};
  for (const key of ['changed', 'unchanged', 'failed', 'crashed', 'events', 'schedulerErrors']) {
    outcomes[key] = to.counters[key] - from.counters[key];
  }
  return {
    seconds: round(seconds, 2),
    polls: polls(to.counters) - polls(from.counters),
    pollsPerSecond: round((polls(to.counters) - polls(from.counters)) / seconds, 1),
    outcomes,
    coresUsed: round((to.cpuSeconds - from.cpuSeconds) / seconds, 3),
    eventLoopMs: to.eventLoopMs,
    pollMs: to.pollMs,
    failures: to.failures,
  };
}

/** Starts a poller child on a fresh SQLite file; `measure` runs between warm-up and stop. */
async function withPoller(sim, settings, { name, intervalSeconds, nodeArgs }, measure) {
  const dbPath = join(settings.tempDir, `${name}.db`);
  const child = startChild(`poller (${name})`, join(here, 'poller-child.mjs'), {
    nodeArgs,
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
    const warmup = await firstRound(child, vendors.length, settings.warmupLimitSeconds * 1000);
    const mark = async (markName) => ask(child, { type: 'mark', name: markName }, 30_000);
    const measured = await measure({ mark, dbPath });
    const stopped = await ask(child, { type: 'stop' }, 60_000);
    child.child.disconnect();
    await Promise.race([child.exited, delay(30_000)]);
    return { ...measured, warmup, dbPath, concurrency: started.concurrency, stopped };
  } finally {
    await stopChild(child);
  }
}

export async function runSaturation(sim, settings, profileArgs) {
  const simCpu = cpuMeter(sim.pid);
  const options = { name: 'saturation', intervalSeconds: 1, nodeArgs: profileArgs('saturation') };
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
    concurrency: result.concurrency,
  };
}

export async function runLatency(sim, settings, profileArgs) {
  const simCpu = cpuMeter(sim.pid);
  const graceMs = (settings.intervalSeconds + 3) * 1000;
  const options = {
    name: 'latency',
    intervalSeconds: settings.intervalSeconds,
    nodeArgs: profileArgs('latency'),
  };
  const result = await withPoller(sim, settings, options, async ({ mark }) => {
    const from = await mark('window-start');
    simCpu.start();
    await delay(settings.durationSeconds * 1000);
    const to = await mark('window-end');
    const simulatorCores = simCpu.stop();
    // Changes that became visible near the end still get a full interval to be detected.
    await delay(graceMs);
    return { from, to, simulatorCores };
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
    eventLoopP99Ms: round(window.eventLoopMs.p99, 1),
    eventLoopMaxMs: round(window.eventLoopMs.max, 1),
    pollMs: window.pollMs,
    failures: window.failures,
    peakRssMb: result.stopped.memory?.peakRssMb ?? result.to.memory.peakRssMb,
    rssAtEndMb: result.to.memory.rssMb,
    warmupSeconds: result.warmup.seconds,
    warmupComplete: result.warmup.complete,
    simulatorCores: result.simulatorCores,
    concurrency: result.concurrency,
  };
}
