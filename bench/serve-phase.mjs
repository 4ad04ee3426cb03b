// `vendorwatch serve` measured as users run it: one process (poller + web + notifier) started from
// the built CLI with a config file listing every simulated vendor and one signed webhook target,
// whose receiver runs in its own process. Reports the process's RSS and CPU over the window and
// change-visible → webhook-received latency for the incidents that opened in it.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { ask, nextMessage, startChild, stopChild } from './children.mjs';
import { fetchVisibility } from './latency.mjs';
import { cpuMeter, memoryOf, round, summarize } from './stats.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const binPath = join(here, '..', 'dist', 'cli', 'bin.js');

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The config a user would write: every vendor with its URL and platform, one webhook target. */
function serveConfig({ vendors, intervalSeconds, dbPath, port, hookUrl }) {
  return {
    pollInterval: intervalSeconds,
    database: dbPath,
    network: { allowedPrivateRanges: ['127.0.0.0/8'] },
    server: { host: '127.0.0.1', port },
    vendors: vendors.map((v) => ({
      slug: v.slug,
      name: v.name,
      url: v.baseUrl,
      platform: 'statuspage',
    })),
    notifications: [
      { type: 'webhook', name: 'bench-receiver', url: hookUrl, secret: 'bench-signing-secret' },
    ],
  };
}

/** Counts vendors polled at least once, read from the store file while serve writes to it. */
function polledCount(dbPath) {
  let db = null;
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
    return db
      .prepare('SELECT count(*) AS n FROM vendor_state WHERE last_polled_at IS NOT NULL')
      .get().n;
  } catch {
    return 0; // not created or not migrated yet
  } finally {
    db?.close();
  }
}

export async function waitForFirstRound(dbPath, vendors, limitMs, exited) {
  const startedAt = Date.now();
  while (Date.now() - startedAt < limitMs) {
    if (exited.value) throw new Error(`serve exited during warm-up (${exited.value})`);
    if (polledCount(dbPath) >= vendors) {
      return { complete: true, seconds: round((Date.now() - startedAt) / 1000, 1) };
    }
    await delay(1000);
  }
  return { complete: false, seconds: round(limitMs / 1000, 1) };
}

export function incidentSources(dbPath) {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT id, vendor_slug, source_id FROM incidents').all();
    return new Map(rows.map((row) => [row.id, `${row.vendor_slug}|${row.source_id}`]));
  } finally {
    db.close();
  }
}

export function secondsSummary(values) {
  const s = summarize(values);
  const seconds = (ms) => (ms === null ? null : round(ms / 1000, 3));
  return { count: s.count, p50: seconds(s.p50), p99: seconds(s.p99), max: seconds(s.max) };
}

/** The first event of an incident or of a maintenance window. */
const openingTypes = new Set(['incident.opened', 'maintenance.scheduled']);

/** Webhook latency for incidents that became visible in the window: received − visibleAt. */
function webhookLatency(records, deliveries, sources, fromMs, toMs) {
  const opened = new Map();
  const typesByIncident = new Map();
  for (const delivery of deliveries) {
    const source = sources.get(delivery.incidentId);
    if (source)
      typesByIncident.set(source, [...(typesByIncident.get(source) ?? []), delivery.type]);
    if (!openingTypes.has(delivery.type) || !delivery.incidentId) continue;
    const key = sources.get(delivery.incidentId);
    if (key && !opened.has(key)) opened.set(key, delivery.receivedAt);
  }
  const latencies = [];
  const missed = [];
  const appeared = records.filter(
    (r) =>
      r.kind === 'incident_appeared' &&
      r.incidentId &&
      r.visibleAt >= fromMs &&
      r.visibleAt <= toMs,
  );
  for (const record of appeared) {
    const receivedAt = opened.get(`${record.vendorSlug}|${record.incidentId}`);
    const key = `${record.vendorSlug}|${record.incidentId}`;
    if (receivedAt === undefined) missed.push({ key, delivered: typesByIncident.get(key) ?? [] });
    else latencies.push(receivedAt - record.visibleAt);
  }
  return {
    visible: appeared.length,
    alerted: latencies.length,
    missed: missed.length,
    missedSamples: missed.slice(0, 5),
    ...secondsSummary(latencies),
  };
}

export async function runServe(sim, settings) {
  const receiver = startChild('webhook receiver', join(here, 'receiver-child.mjs'));
  let serve = null;
  const exited = { value: null };
  try {
    const { url: hookUrl } = await nextMessage(receiver, 'ready', 30_000);
    const dbPath = join(settings.tempDir, 'serve.db');
    const configPath = join(settings.tempDir, 'serve-config.json');
    const logPath = join(settings.tempDir, 'serve.log');
    const port = await freePort();
    const { intervalSeconds } = settings;
    const vendors = sim.vendors;
    await writeFile(
      configPath,
      JSON.stringify(serveConfig({ vendors, intervalSeconds, dbPath, port, hookUrl })),
    );
    // With --heap-snapshot DIR, serve writes a heap snapshot there at the end of the window.
    const nodeArgs = settings.heapSnapshotDir ? ['--heapsnapshot-signal=SIGUSR2'] : [];
    const cwd = settings.heapSnapshotDir ?? settings.tempDir;
    const command = [process.execPath, ...nodeArgs, binPath, 'serve', '--config', configPath];
    const limit = settings.fileLimit.raiseTo;
    const log = createWriteStream(logPath);
    serve =
      limit === null
        ? spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], cwd })
        : spawn('bash', ['-c', `ulimit -n ${limit} && exec "$0" "$@"`, ...command], {
            stdio: ['ignore', 'pipe', 'pipe'],
            cwd,
          });
    serve.stdout.pipe(log);
    serve.stderr.pipe(log);
    const serveExited = new Promise((resolve) =>
      serve.once('exit', (code, signal) => {
        exited.value = `code ${code}, signal ${signal}`;
        resolve();
      }),
    );
    const warmup = await waitForFirstRound(
      dbPath,
      vendors.length,
      settings.warmupLimitSeconds * 1000,
      exited,
    );
    const cpu = cpuMeter(serve.pid);
    const simCpu = cpuMeter(sim.pid);
    const samples = [];
    const fromMs = Date.now();
    cpu.start();
    simCpu.start();
    const windowEnd = fromMs + settings.durationSeconds * 1000;
    while (Date.now() < windowEnd && !exited.value) {
      samples.push(memoryOf(serve.pid).rssMb);
      await delay(1000);
    }
    const toMs = Date.now();
    const coresUsed = cpu.stop();
    const simulatorCores = simCpu.stop();
    const memoryAtEnd = memoryOf(serve.pid);
    if (settings.heapSnapshotDir && !exited.value) {
      serve.kill('SIGUSR2');
      await delay(20_000);
    }
    // Incidents that opened near the end still get an interval and a few seconds to be sent.
    await delay((intervalSeconds + 5) * 1000);
    const { deliveries } = await ask(receiver, { type: 'deliveries' }, 60_000);
    const keys = deliveries.map((d) => d.key);
    const duplicateKeys = keys.length - new Set(keys).size;
    if (!exited.value) serve.kill('SIGTERM');
    await Promise.race([serveExited, delay(20_000)]);
    if (!exited.value) serve.kill('SIGKILL');
    const sources = incidentSources(dbPath);
    const records = await fetchVisibility(sim.controlUrl);
    const logTail = (await readFile(logPath, 'utf8').catch(() => '')).split('\n').slice(-5);
    return {
      warmupSeconds: warmup.seconds,
      warmupComplete: warmup.complete,
      windowSeconds: round((toMs - fromMs) / 1000, 1),
      coresUsed,
      simulatorCores,
      rssMbMaxInWindow: samples.length ? round(Math.max(...samples), 1) : null,
      rssMbAtWindowEnd: memoryAtEnd.rssMb === null ? null : round(memoryAtEnd.rssMb, 1),
      peakRssMb: memoryAtEnd.peakRssMb === null ? null : round(memoryAtEnd.peakRssMb, 1),
      deliveries: deliveries.length,
      unsignedDeliveries: deliveries.filter((d) => !d.signed).length,
      duplicateKeys,
      webhook: webhookLatency(records, deliveries, sources, fromMs, toMs),
      exitedEarly: exited.value,
      logTail,
    };
  } finally {
    if (serve && !exited.value) serve.kill('SIGKILL');
    await stopChild(receiver);
  }
}
