// Three detection paths in ONE run of `vendorwatch serve` (built CLI, config file, webhook
// target in its own process), 2,000 vendors by default, each on its own loopback address:
//   interval — polled every `interval` seconds, nothing open: an incident appears;
//   fast     — an incident open from the start, so polled every activeInterval: it gets an update;
//   push     — polled every `interval`, but the vendor pushes a Statuspage webhook to its ingest
//              URL on every change: an incident appears.
// Each change happens at a random moment of the window; the figure per group is change visible on
// the vendor's API → webhook received, p50/p99. Targets (docs/contract.md#quality-targets): fast
// p99 ≤ activeInterval + 2 s; push p50 ≤ 2 s, p99 ≤ 5 s.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { issueIngestToken, migrateToLatest, openStore, syncVendors } from '../dist/store/index.js';
import { ask, nextMessage, startChild, stopChild } from './children.mjs';
import { fetchVisibility } from './latency.mjs';
import { freePort, incidentSources, secondsSummary, waitForFirstRound } from './serve-phase.mjs';
import { cpuMeter, loadAverage } from './stats.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const binPath = join(here, '..', 'dist', 'cli', 'bin.js');
export const groupNames = ['interval', 'fast', 'push'];

/** Deterministic [0, 1) from a seed, so a run can be repeated. */
function seeded(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const iso = (ms) => new Date(ms).toISOString();

/** The timeline: vendor i is in group i % 3; its one change comes at a random time in the window. */
export function groupsTimeline({ vendors, windowMs, seed, changesPerGroup }) {
  // Every vendor is polled (at its interval or fast); only some change, so the one webhook target
  // is not what is measured: its throughput per target is a separate figure (serve phase).
  const perGroup = Math.ceil(vendors / 3);
  const stride = Math.max(1, Math.floor(perGroup / changesPerGroup));
  const random = seeded(seed);
  const base = Date.now() - 3600_000;
  const components = [
    { id: 'api', name: 'API' },
    { id: 'web', name: 'Dashboard' },
  ];
  const update = (id, status, at) => ({
    id,
    status,
    body: `${status}: looking into it`,
    at: iso(at),
  });
  return {
    vendors: Array.from({ length: vendors }, (_, i) => {
      const group = groupNames[i % 3];
      const slug = `${group}-${String(i).padStart(5, '0')}`;
      const changeAfterMs = Math.round(2000 + random() * (windowMs - 7000));
      const opening = update(`${slug}-u1`, 'investigating', base);
      const old = {
        id: `${slug}-old`,
        name: 'Elevated API errors',
        status: 'investigating',
        impact: 'minor',
        components: ['api'],
        updates: [opening],
      };
      const baseline = {
        afterMs: 0,
        components: group === 'fast' ? { api: 'partial_outage' } : {},
        incidents: group === 'fast' ? [old] : [],
      };
      const change =
        group === 'fast'
          ? {
              afterMs: changeAfterMs,
              components: { api: 'partial_outage' },
              incidents: [
                {
                  ...old,
                  status: 'identified',
                  updates: [opening, update(`${slug}-u2`, 'identified', base + 1000)],
                },
              ],
            }
          : {
              afterMs: changeAfterMs,
              components: { api: 'major_outage' },
              incidents: [
                {
                  id: `${slug}-new`,
                  name: 'API unavailable',
                  status: 'investigating',
                  impact: 'major',
                  components: ['api'],
                  updates: [update(`${slug}-n1`, 'investigating', base + 1000)],
                },
              ],
            };
      const changes = Math.floor(i / 3) % stride === 0;
      return { slug, name: slug, components, steps: changes ? [baseline, change] : [baseline] };
    }),
  };
}

function groupOf(slug) {
  return slug.split('-')[0];
}

/** The config a user would write, with fast polling at `activeInterval` and one webhook target. */
function groupsConfig({ vendors, intervalSeconds, activeIntervalSeconds, dbPath, port, hookUrl }) {
  return {
    pollInterval: intervalSeconds,
    polling: { activeInterval: activeIntervalSeconds },
    database: dbPath,
    network: { allowedPrivateRanges: ['127.0.0.0/8'] },
    server: { host: '127.0.0.1', port },
    notifier: { burstWindow: 0 },
    vendors: vendors.map((v) => ({
      slug: v.slug,
      name: v.name,
      url: v.baseUrl,
      platform: 'statuspage',
    })),
    notifications: [{ type: 'webhook', name: 'bench-receiver', url: hookUrl }],
  };
}

/** What `vendorwatch ingest-url` does, for every pushing vendor at once: tokens in the store. */
async function issueTokens(dbPath, vendors, intervalSeconds, port) {
  const store = await openStore(dbPath);
  try {
    await migrateToLatest(store);
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
      new Date().toISOString(),
    );
    const urls = {};
    for (const vendor of vendors.filter((v) => groupOf(v.slug) === 'push')) {
      const token = await issueIngestToken(store.db, vendor.slug);
      urls[vendor.slug] = `http://127.0.0.1:${port}/ingest/${vendor.slug}/${token}`;
    }
    return urls;
  } finally {
    await store.close();
  }
}

/** When the store first recorded each incident and update (detected_at: the poll's start). */
function storedTimes(dbPath) {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const incidents = db.prepare('SELECT vendor_slug, source_id, detected_at FROM incidents').all();
    const updates = db
      .prepare(
        `SELECT i.vendor_slug, u.id AS update_id, u.detected_at FROM incident_updates u
         JOIN incidents i ON i.id = u.incident_id`,
      )
      .all();
    return new Map([
      ...incidents.map((r) => [`${r.vendor_slug}|${r.source_id}`, Date.parse(r.detected_at)]),
      ...updates.map((r) => [`${r.vendor_slug}|u|${r.update_id}`, Date.parse(r.detected_at)]),
    ]);
  } finally {
    db.close();
  }
}

/** Per group: change visible → first webhook about it received (opened, or updated for fast). */
function groupLatencies(records, deliveries, sources, stored, fromMs) {
  const received = new Map();
  for (const delivery of deliveries) {
    const source = sources.get(delivery.incidentId);
    if (!source) continue;
    const key = `${source}|${delivery.type}`;
    const list = received.get(key) ?? [];
    list.push(delivery.receivedAt);
    received.set(key, list);
  }
  const byGroup = Object.fromEntries(
    groupNames.map((g) => [g, { visible: 0, latencies: [], storedLatencies: [] }]),
  );
  for (const record of records) {
    if (record.visibleAt < fromMs || !record.incidentId) continue;
    const group = groupOf(record.vendorSlug);
    const wanted =
      group === 'fast'
        ? record.kind === 'update_appeared' && 'incident.updated'
        : record.kind === 'incident_appeared' && 'incident.opened';
    if (!wanted) continue;
    byGroup[group].visible += 1;
    const storedKey =
      group === 'fast'
        ? `${record.vendorSlug}|u|${record.updateId}`
        : `${record.vendorSlug}|${record.incidentId}`;
    const storedAt = stored.get(storedKey);
    if (storedAt !== undefined) byGroup[group].storedLatencies.push(storedAt - record.visibleAt);
    const times = received.get(`${record.vendorSlug}|${record.incidentId}|${wanted}`) ?? [];
    const first = times.filter((at) => at >= record.visibleAt - 1000).sort((a, b) => a - b)[0];
    if (first !== undefined) byGroup[group].latencies.push(first - record.visibleAt);
  }
  return Object.fromEntries(
    groupNames.map((g) => {
      const { visible, latencies, storedLatencies } = byGroup[g];
      return [
        g,
        {
          visible,
          alerted: latencies.length,
          ...secondsSummary(latencies),
          stored: secondsSummary(storedLatencies),
        },
      ];
    }),
  );
}

export async function runLatencyGroups(settings, log) {
  const vendors = settings.groupVendors;
  const windowMs = settings.groupWindowSeconds * 1000;
  const { intervalSeconds, activeIntervalSeconds } = settings.groups;
  const timeline = groupsTimeline({
    vendors,
    windowMs,
    seed: settings.seed,
    changesPerGroup: settings.groupChanges,
  });
  // Too large for a command line: the child reads it from a file.
  const timelinePath = join(settings.tempDir, 'groups-timeline.json');
  await writeFile(timelinePath, JSON.stringify(timeline));
  const sim = startChild('push simulator', join(here, 'push-simulator-child.mjs'), {
    args: [timelinePath],
    raiseTo: settings.fileLimit.raiseTo,
  });
  const receiver = startChild('webhook receiver', join(here, 'receiver-child.mjs'));
  let serve = null;
  const exited = { value: null };
  try {
    const ready = await nextMessage(sim, 'ready', 120_000);
    const { url: hookUrl } = await nextMessage(receiver, 'ready', 30_000);
    const dbPath = join(settings.tempDir, 'groups.db');
    const configPath = join(settings.tempDir, 'groups-config.json');
    const logPath = join(settings.tempDir, 'groups.log');
    const port = await freePort();
    const urls = await issueTokens(dbPath, ready.vendors, intervalSeconds, port);
    await ask(sim, { type: 'push-to', urls }, 30_000);
    await writeFile(
      configPath,
      JSON.stringify(
        groupsConfig({
          vendors: ready.vendors,
          intervalSeconds,
          activeIntervalSeconds,
          dbPath,
          port,
          hookUrl,
        }),
      ),
    );
    const command = [process.execPath, binPath, 'serve', '--config', configPath];
    const limit = settings.fileLimit.raiseTo;
    serve =
      limit === null
        ? spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] })
        : spawn('bash', ['-c', `ulimit -n ${limit} && exec "$0" "$@"`, ...command], {
            stdio: ['ignore', 'pipe', 'pipe'],
          });
    const logStream = createWriteStream(logPath);
    serve.stdout.pipe(logStream);
    serve.stderr.pipe(logStream);
    const serveExited = new Promise((resolve) =>
      serve.once('exit', (code, signal) => {
        exited.value = `code ${code}, signal ${signal}`;
        resolve();
      }),
    );
    const warmup = await waitForFirstRound(
      dbPath,
      vendors,
      settings.warmupLimitSeconds * 1000,
      exited,
    );
    log(`groups: first round of ${vendors} vendors in ${warmup.seconds} s; changes start`);
    const cpu = cpuMeter(serve.pid);
    cpu.start();
    const load = loadAverage();
    const { at: fromMs } = await ask(sim, { type: 'start' }, 30_000);
    // The last change comes ≤ window − 5 s after the start; each group then gets its interval to
    // be seen and a few seconds to be delivered.
    await delay(windowMs + intervalSeconds * 1000 + 5000);
    const coresUsed = cpu.stop();
    const { deliveries } = await ask(receiver, { type: 'deliveries' }, 60_000);
    const { pushes } = await ask(sim, { type: 'pushes' }, 30_000);
    if (!exited.value) serve.kill('SIGTERM');
    await Promise.race([serveExited, delay(20_000)]);
    if (!exited.value) serve.kill('SIGKILL');
    const sources = incidentSources(dbPath);
    const records = await fetchVisibility(ready.controlUrl);
    const logTail = (await readFile(logPath, 'utf8').catch(() => '')).split('\n').slice(-5);
    const statuses = {};
    for (const push of pushes)
      statuses[push.status ?? 'failed'] = (statuses[push.status ?? 'failed'] ?? 0) + 1;
    return {
      vendors,
      perGroup: Math.round(vendors / 3),
      intervalSeconds,
      activeIntervalSeconds,
      windowSeconds: settings.groupWindowSeconds,
      warmupSeconds: warmup.seconds,
      warmupComplete: warmup.complete,
      loadAverageAtWindowStart: load,
      coresUsed,
      pushes: pushes.length,
      pushStatuses: statuses,
      changesPerGroup: settings.groupChanges,
      groups: groupLatencies(records, deliveries, sources, storedTimes(dbPath), fromMs),
      exitedEarly: exited.value,
      logTail,
    };
  } finally {
    if (serve && !exited.value) serve.kill('SIGKILL');
    await stopChild(receiver);
    await stopChild(sim);
  }
}
