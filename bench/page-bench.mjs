// Page bench (docs/contract.md#quality-targets: incident page ≥ 2,000 req/s, 100,000 incidents).
// Seeds a SQLite file with generated incidents (every one with updates, one shaped like the Balena
// reference with 12), serves the real app from dist/, and loads it from a child process over
// keep-alive connections: the incident page, the incidents API, and a static body of the same
// size as the incident page answered by the same server, for the ratio.
// Run: npm run build && node bench/page-bench.mjs [--incidents N] [--seconds S] [--connections C]
/* global Buffer, Response */
import { fork } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { percentile } from './stats.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

if (process.argv[2] === 'load') {
  await runLoad();
} else {
  await main();
}

async function main() {
  const incidentCount = option('incidents', 100_000);
  const seconds = option('seconds', 10);
  const connections = option('connections', 16);
  const dist = (path) => new URL(`../dist/${path}`, import.meta.url).href;
  const store = await import(dist('store/index.js'));
  const { createApp } = await import(dist('web/app.js'));
  const { startServer } = await import(dist('web/server.js'));

  const dir = mkdtempSync(join(tmpdir(), 'vendorwatch-page-bench-'));
  const opened = await store.openStore(join(dir, 'bench.db'));
  await store.migrateToLatest(opened);
  const seedStart = performance.now();
  const { referenceId, vendorSlug } = await seed(opened, store, incidentCount);
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const app = createApp({ db: opened.db, now: () => new Date().toISOString() });
  const pagePath = `/incidents/${referenceId}`;
  const page = await (await app.request(pagePath)).text();
  const staticBody = Buffer.from(page);
  // Same process, same HTTP stack, no store and no rendering: the floor for this body size.
  const server = await startServer(
    {
      fetch: (request) =>
        new URL(request.url).pathname === '/__static'
          ? new Response(staticBody, { headers: { 'content-type': 'text/html; charset=utf-8' } })
          : app.fetch(request),
    },
    { host: '127.0.0.1', port: 0 },
  );

  const targets = [
    { name: 'static body, same size', path: '/__static' },
    { name: 'incident page (reference, 12 updates)', path: pagePath },
    { name: 'incident page (random of 1,000)', paths: randomIncidentPaths(incidentCount, 1000) },
    { name: 'API incidents list (limit 50)', path: '/api/v1/incidents?limit=50' },
    { name: 'API incidents of one vendor', path: `/api/v1/incidents?vendor=${vendorSlug}` },
    { name: 'API one incident', path: `/api/v1/incidents/${referenceId}` },
  ];
  const results = [];
  for (const target of targets) {
    const result = await load(server.url, target, seconds, connections);
    results.push({ name: target.name, ...result });
    console.error(`${target.name}: ${result.requestsPerSecond.toFixed(0)} req/s`);
  }
  await server.close();
  await opened.close();
  rmSync(dir, { recursive: true, force: true });

  const staticRate = results[0].requestsPerSecond;
  const rows = results.map((result) => ({
    ...result,
    ratioToStatic: result.requestsPerSecond / staticRate,
  }));
  const report = {
    at: new Date().toISOString(),
    incidents: incidentCount,
    pageBytes: staticBody.length,
    seconds,
    connections,
    seedSeconds,
    cpus: cpus().length,
    loadAverageAtEnd: loadavg()[0],
    rows,
  };
  printTable(report);
  const out = join(here, 'results');
  mkdirSync(out, { recursive: true });
  const file = join(out, `page-${report.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwritten: ${file}`);
}

/** Vendors, incidents and updates written straight into the tables, in large transactions. */
async function seed(opened, store, incidentCount) {
  const vendorCount = 200;
  const now = Date.now();
  const vendors = Array.from({ length: vendorCount }, (_, i) => ({
    slug: `vendor${i}`,
    name: `Vendor ${i}`,
    statusPageUrl: `https://status.vendor${i}.example.com`,
    platform: 'statuspage',
    category: 'cloud',
    intervalSeconds: 60,
  }));
  await store.syncVendors(opened.db, vendors, 'config', new Date(now).toISOString());
  const impacts = ['notice', 'minor', 'major', 'critical'];
  const phases = ['investigating', 'identified', 'monitoring', 'monitoring', 'resolved'];
  const iso = (ms) => new Date(ms).toISOString();
  const batch = 500;
  for (let first = 0; first < incidentCount; first += batch) {
    const incidents = [];
    const updates = [];
    for (let i = first; i < Math.min(first + batch, incidentCount); i++) {
      const reference = i === incidentCount - 1;
      const started = now - (incidentCount - i) * 600_000;
      const count = reference ? 12 : 2 + (i % 5);
      const resolved = started + count * 1_800_000;
      const id = reference ? 'balena-8gq2x9k1mlh4' : `vendor${i % vendorCount}-inc${i}`;
      incidents.push({
        id,
        vendor_slug: reference ? 'vendor0' : `vendor${i % vendorCount}`,
        source_id: reference ? '8gq2x9k1mlh4' : `inc${i}`,
        title: reference ? 'Elevated API Errors' : `Degraded performance of service ${i % 37}`,
        kind: 'incident',
        impact: reference ? 'notice' : impacts[i % impacts.length],
        phase: reference ? 'postmortem' : 'resolved',
        started_at: iso(started),
        resolved_at: iso(resolved),
        detected_at: iso(started + 20_000),
        backfilled: 0,
        source_url: `https://status.example.com/incidents/${i}`,
        components: JSON.stringify(
          reference
            ? [
                'API',
                'BalenaOS Download',
                'Dashboard',
                'Device URLs',
                'Cloudlink (VPN)',
                'balenahub',
              ]
            : ['API', 'Dashboard'],
        ),
        scheduled_for: null,
        scheduled_until: null,
        active: 0,
        updated_at: iso(resolved),
      });
      for (let u = 0; u < count; u++) {
        const phase = u === count - 1 ? (reference ? 'postmortem' : 'resolved') : phases[u % 4];
        const body =
          u === count - 1 && reference
            ? 'On Sept. 10th, around 13:30pm UTC, our alerting system reported intermittent elevated API errors. '.repeat(
                10,
              )
            : `Update ${u} for incident ${i}: we are looking into elevated error rates &amp; will update.`;
        updates.push({
          incident_id: id,
          id: `${id}-u${u}`,
          phase,
          body,
          body_text: body,
          posted_at: iso(started + u * 1_800_000),
          detected_at: iso(started + u * 1_800_000 + 20_000),
          components: null,
        });
      }
    }
    await opened.db.transaction().execute(async (trx) => {
      await trx.insertInto('incidents').values(incidents).execute();
      for (let u = 0; u < updates.length; u += 1000) {
        await trx
          .insertInto('incident_updates')
          .values(updates.slice(u, u + 1000))
          .execute();
      }
      await store.refreshSearchWords(
        trx,
        incidents.map((incident) => incident.id),
      );
    });
  }
  return { referenceId: 'balena-8gq2x9k1mlh4', vendorSlug: 'vendor7' };
}

function randomIncidentPaths(incidentCount, count) {
  const paths = [];
  for (let n = 0; n < count; n++) {
    const i = Math.floor(Math.random() * (incidentCount - 1));
    paths.push(`/incidents/vendor${i % 200}-inc${i}`);
  }
  return paths;
}

/** Runs the load generator in a child process, so it does not share the server's event loop. */
function load(baseUrl, target, seconds, connections) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['load'], { stdio: 'inherit' });
    child.once('message', (message) => {
      resolve(message);
      child.kill();
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`load generator exited with code ${code}`)));
    child.send({ baseUrl, paths: target.paths ?? [target.path], seconds, connections });
  });
}

async function runLoad() {
  const { Pool } = await import('undici');
  const { baseUrl, paths, seconds, connections } = await new Promise((resolve) =>
    process.once('message', resolve),
  );
  const pool = new Pool(baseUrl, { connections, pipelining: 1 });
  const warmupMs = 2000;
  const start = performance.now();
  const end = start + warmupMs + seconds * 1000;
  const latencies = [];
  let errors = 0;
  let next = 0;
  async function worker() {
    while (performance.now() < end) {
      const path = paths[next++ % paths.length];
      const sent = performance.now();
      try {
        const response = await pool.request({ method: 'GET', path });
        await response.body.arrayBuffer();
        if (response.statusCode !== 200) errors++;
      } catch {
        errors++;
      }
      if (sent >= start + warmupMs) latencies.push(performance.now() - sent);
    }
  }
  await Promise.all(Array.from({ length: connections }, worker));
  await pool.close();
  process.send({
    requests: latencies.length,
    errors,
    requestsPerSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  });
}

function printTable(report) {
  console.log(
    `\nPage bench: ${report.incidents.toLocaleString('en-US')} incidents, incident page ${report.pageBytes} bytes, ` +
      `${report.connections} connections, ${report.seconds} s per row, load average ${report.loadAverageAtEnd.toFixed(1)}`,
  );
  console.log('| target | req/s | p50 ms | p99 ms | ratio to static | errors |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const row of report.rows) {
    console.log(
      `| ${row.name} | ${row.requestsPerSecond.toFixed(0)} | ${row.p50Ms?.toFixed(2)} | ${row.p99Ms?.toFixed(2)} | ${row.ratioToStatic.toFixed(2)} | ${row.errors} |`,
    );
  }
}
