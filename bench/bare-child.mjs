// The baseline: a bare fetch-and-parse loop in its own process. `concurrency` vendor-polls in
// flight (vendorwatch's poller default), each GETting the three Statuspage endpoints at once over
// keep-alive (undici), gunzipping and JSON.parse-ing every 200. With `conditional`, it remembers
// each URL's ETag and sends If-None-Match, as vendorwatch does, and parses only 200s.
import { Buffer } from 'node:buffer';
import { promisify } from 'node:util';
import { gunzip as gunzipCallback } from 'node:zlib';
import { Agent, request } from 'undici';

const gunzip = promisify(gunzipCallback);
const endpointPaths = [
  '/api/v2/summary.json',
  '/api/v2/incidents.json',
  '/api/v2/scheduled-maintenances.json',
];
const requestTimeoutMs = 10_000;

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

async function runLoop({ baseUrls, concurrency, durationMs, conditional }) {
  const agent = new Agent({ connectTimeout: requestTimeoutMs });
  const etags = conditional ? new Map() : null;
  const counts = { polls: 0, failedPolls: 0, ok: 0, notModified: 0, failed: 0, bytes: 0 };
  const errors = new Map();
  const startCpu = process.cpuUsage();
  const startedAt = Date.now();
  const deadline = startedAt + durationMs;
  let next = 0;

  async function worker() {
    while (Date.now() < deadline) {
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
  const seconds = (Date.now() - startedAt) / 1000;
  const cpu = process.cpuUsage(startCpu);
  await agent.close();
  return {
    ...counts,
    seconds,
    pollsPerSecond: counts.polls / seconds,
    coresUsed: (cpu.user + cpu.system) / 1e6 / seconds,
    errors: Object.fromEntries(errors),
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
