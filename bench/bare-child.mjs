// The baseline: a bare fetch-and-parse loop in its own process. `concurrency` vendor-polls in
// flight (vendorwatch's poller default), each GETting the three Statuspage endpoints at once over
// keep-alive (undici), gunzipping and JSON.parse-ing every 200. With `conditional`, it remembers
// each URL's ETag and sends If-None-Match, as vendorwatch does, and parses only 200s. Measured
// after one priming round over every vendor.
import { Buffer } from 'node:buffer';
import { subscribe } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { gunzip as gunzipCallback } from 'node:zlib';
import { Agent, request } from 'undici';
import { mainThreadShares, threadAndIoOf } from './stats.mjs';

const gunzip = promisify(gunzipCallback);
const endpointPaths = [
  '/api/v2/summary.json',
  '/api/v2/incidents.json',
  '/api/v2/scheduled-maintenances.json',
];
const requestTimeoutMs = 10_000;
let connections = 0;
subscribe('undici:client:connected', () => {
  connections += 1;
});

async function getAndParse(agent, url, etags, counts) {
  const headers = { accept: 'application/json', 'accept-encoding': 'gzip' };
  const etag = etags?.get(url);
  if (etag) headers['if-none-match'] = etag;
  const response = await request(url, {
    dispatcher: agent,
    headers,
    headersTimeout: requestTimeoutMs,
    bodyTimeout: requestTimeoutMs,
  });
  if (response.statusCode === 304) {
    await response.body.dump();
    counts.notModified += 1;
    return true;
  }
  const raw = Buffer.from(await response.body.arrayBuffer());
  if (response.statusCode !== 200) {
    counts.failed += 1;
    return false;
  }
  const gzipped = response.headers['content-encoding'] === 'gzip';
  const bytes = gzipped ? await gunzip(raw) : raw;
  JSON.parse(bytes.toString('utf8'));
  counts.ok += 1;
  counts.bytes += bytes.length;
  const received = response.headers.etag;
  if (etags && typeof received === 'string') etags.set(url, received);
  return true;
}

/** `concurrency` workers take vendors round-robin until `until()` says stop. */
async function pollRounds({ baseUrls, concurrency }, agent, etags, until) {
  const counts = { polls: 0, failedPolls: 0, ok: 0, notModified: 0, failed: 0, bytes: 0 };
  const errors = new Map();
  let next = 0;
  async function worker() {
    while (!until(next)) {
      const base = baseUrls[next % baseUrls.length];
      next += 1;
      const results = await Promise.allSettled(
        endpointPaths.map((path) => getAndParse(agent, `${base}${path}`, etags, counts)),
      );
      const rejected = results.filter((r) => r.status === 'rejected');
      for (const r of rejected) {
        const key = String(r.reason?.code ?? r.reason?.message ?? r.reason);
        errors.set(key, (errors.get(key) ?? 0) + 1);
      }
      counts.failed += rejected.length;
      const fine = results.every((r) => r.status === 'fulfilled' && r.value === true);
      if (fine) counts.polls += 1;
      else counts.failedPolls += 1;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  return { ...counts, errors: Object.fromEntries(errors) };
}

async function runLoop(options) {
  const agent = new Agent({ connectTimeout: requestTimeoutMs });
  const etags = options.conditional ? new Map() : null;
  // One unmeasured round first, as vendorwatch is measured after its first round: the
  // conditional loop then holds an ETag for every URL, and both loops are JIT-warm.
  const primingStartedAt = Date.now();
  const primingDeadline = primingStartedAt + options.primingLimitMs;
  await pollRounds(
    options,
    agent,
    etags,
    (n) => n >= options.baseUrls.length || Date.now() >= primingDeadline,
  );
  const primingSeconds = (Date.now() - primingStartedAt) / 1000;
  process.send?.({ type: 'primed', primingSeconds });

  const startCpu = process.cpuUsage();
  const startConnections = connections;
  const startLoop = performance.eventLoopUtilization();
  const startThread = threadAndIoOf(process.pid);
  const startedAt = Date.now();
  const deadline = startedAt + options.durationMs;
  const counts = await pollRounds(options, agent, etags, () => Date.now() >= deadline);
  const seconds = (Date.now() - startedAt) / 1000;
  const cpu = process.cpuUsage(startCpu);
  const eventLoopUtilization = performance.eventLoopUtilization(startLoop).utilization;
  const newConnections = connections - startConnections;
  const mainThread = mainThreadShares(startThread, threadAndIoOf(process.pid), seconds);
  await agent.close();
  return {
    ...counts,
    primingSeconds,
    seconds,
    pollsPerSecond: counts.polls / seconds,
    coresUsed: (cpu.user + cpu.system) / 1e6 / seconds,
    eventLoopUtilization,
    mainThread,
    connectionsPerPoll: newConnections / Math.max(1, counts.polls + counts.failedPolls),
  };
}

process.on('disconnect', () => process.exit(0));
process.on('message', (message) => {
  if (message?.type !== 'run') return;
  runLoop(message).then(
    (result) => process.send?.({ type: 'run', result }),
    (error) => process.send?.({ type: 'error', message: String(error?.stack ?? error) }),
  );
});
process.send?.({ type: 'ready' });
