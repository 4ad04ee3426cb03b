// Search bench: how long GET /api/v1/incidents?q= spends in the store (listIncidents, first page
// of 50) on SQLite and, when a URL is given, PostgreSQL, over generated incidents whose update
// texts draw words from a skewed vocabulary, so searches range from one match to most incidents.
// Run: npm run build && node bench/search-bench.mjs [--incidents N] [--updates N] [--runs N]
//        [--postgres postgres://postgres@127.0.0.1:5432/postgres] [--keep (the SQLite file)]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { CompiledQuery } from 'kysely';
import pg from 'pg';
import { summarize } from './stats.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
}

const incidentCount = Number(option('incidents', 20_000));
const updateCount = Number(option('updates', 100_000));
const runs = Number(option('runs', 30));
const postgresUrl = option('postgres', undefined);
const vendorCount = 100;
/** Word i appears in about 1/(i+1) of the texts that draw from the vocabulary (Zipf-like). */
const vocabulary = Array.from({ length: 3000 }, (_, i) => `term${i}x`);

const store = await import(new URL('../dist/store/index.js', import.meta.url).href);

const searches = [
  ['word of one incident, in an update only', { q: 'cloudlink' }],
  ['the most frequent word', { q: 'term0x' }],
  ['a less frequent word', { q: 'term150x' }],
  ['a rare word', { q: 'term2900x' }],
  ['two words, both frequent', { q: 'term0x term1x' }],
  ['one-letter prefix', { q: 't' }],
  ['three-letter prefix', { q: 'ter' }],
  ['no match', { q: 'nosuchwordanywhere' }],
  ['less frequent word + vendor', { q: 'term150x', vendor: 'vendor7' }],
  ['most frequent word + open only', { q: 'term0x', active: true }],
  ['no search (baseline list)', {}],
];

const rows = [];
const dir = mkdtempSync(join(tmpdir(), 'vendorwatch-search-bench-'));
try {
  rows.push(...(await benchOne('sqlite', join(dir, 'bench.db'))));
  if (postgresUrl) {
    const database = `vw_search_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`create database ${database}`);
    try {
      const url = new URL(postgresUrl);
      url.pathname = `/${database}`;
      rows.push(...(await benchOne('postgres', url.toString())));
    } finally {
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
    }
  }
} finally {
  if (process.argv.includes('--keep')) console.error(`kept: ${join(dir, 'bench.db')}`);
  else rmSync(dir, { recursive: true, force: true });
}

const report = {
  at: new Date().toISOString(),
  incidents: incidentCount,
  updates: updateCount,
  runs,
  cpus: cpus().length,
  loadAverageAtEnd: loadavg()[0],
  rows,
};
console.log(
  `\nSearch bench: ${incidentCount.toLocaleString('en-US')} incidents, ` +
    `${updateCount.toLocaleString('en-US')} updates, first page of 50, ${runs} runs per row`,
);
console.log('| database | search | matches | min ms | p50 ms | p99 ms |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const row of rows) {
  console.log(
    `| ${row.dialect} | ${row.name} | ${row.matches} | ${row.min.toFixed(2)} | ${row.p50.toFixed(2)} | ${row.p99.toFixed(2)} |`,
  );
}
const out = join(here, 'results');
mkdirSync(out, { recursive: true });
const file = join(out, `search-${report.at.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nwritten: ${file}`);

async function benchOne(dialect, url) {
  const opened = await store.openStore(url);
  try {
    await store.migrateToLatest(opened);
    const seedStart = performance.now();
    await seed(opened);
    console.error(`${dialect}: seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
    const results = [];
    for (const [name, query] of searches) {
      const { incidents } = await store.listIncidents(opened.db, { ...query, limit: 1000 });
      const times = [];
      for (let run = 0; run < runs; run++) {
        const start = performance.now();
        await store.listIncidents(opened.db, { ...query, limit: 50 });
        times.push(performance.now() - start);
      }
      const { min, p50, p99, max } = summarize(times);
      const matches = incidents.length === 1000 ? '≥ 1000' : String(incidents.length);
      results.push({ dialect, name, query, matches, min, p50, p99, max });
    }
    return results;
  } finally {
    await opened.close();
  }
}

/** Deterministic pseudo-random numbers, so both databases hold the same history. */
function generator(seed) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

async function seed(opened) {
  const random = generator(42);
  const zipfWord = () => vocabulary[Math.floor(vocabulary.length ** random()) - 1];
  const now = Date.parse('2026-12-01T00:00:00Z');
  const iso = (ms) => new Date(ms).toISOString();
  await store.syncVendors(
    opened.db,
    Array.from({ length: vendorCount }, (_, i) => ({
      slug: `vendor${i}`,
      name: `Vendor ${i}`,
      statusPageUrl: `https://status.vendor${i}.example.com`,
      platform: 'statuspage',
      category: 'cloud',
      intervalSeconds: 60,
    })),
    'config',
    iso(now),
  );
  const updatesPerIncident = updateCount / incidentCount;
  const batch = 500;
  for (let first = 0; first < incidentCount; first += batch) {
    const incidents = [];
    const updates = [];
    for (let i = first; i < Math.min(first + batch, incidentCount); i++) {
      const id = `vendor${i % vendorCount}-inc${i}`;
      const started = now - (incidentCount - i) * 600_000;
      const open = i % 97 === 0;
      incidents.push({
        id,
        vendor_slug: `vendor${i % vendorCount}`,
        source_id: `inc${i}`,
        title: `Elevated errors on ${zipfWord()} ${i}`,
        kind: 'incident',
        impact: ['notice', 'minor', 'major', 'critical'][i % 4],
        phase: open ? 'investigating' : 'resolved',
        started_at: iso(started),
        resolved_at: open ? null : iso(started + 3_600_000),
        detected_at: iso(started),
        backfilled: 0,
        source_url: null,
        components: JSON.stringify(['API', `Region ${i % 12}`]),
        scheduled_for: null,
        scheduled_until: null,
        active: open ? 1 : 0,
        updated_at: iso(started),
      });
      const count = Math.round(updatesPerIncident * (i + 1)) - Math.round(updatesPerIncident * i);
      for (let u = 0; u < count; u++) {
        const words = Array.from({ length: 25 }, zipfWord).join(' ');
        const body =
          i === Math.floor(incidentCount / 2) && u === 0
            ? `Devices cannot reach cloudlink. ${words}`
            : `We are investigating ${words}.`;
        updates.push({
          incident_id: id,
          id: `${id}-u${u}`,
          phase: 'investigating',
          body,
          body_text: body,
          posted_at: iso(started + u * 600_000),
          detected_at: iso(started + u * 600_000),
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
  await opened.db.executeQuery(CompiledQuery.raw('analyze'));
}
