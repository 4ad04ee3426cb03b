// `npm run build && node bench/probe-space.mjs`: how much room probes take (README, "Probes and
// suspected outages"). A fresh SQLite file gets vendorwatch's real schema (the migrations from
// dist/), then what 100 probes every 30 s leave at steady state: a year of hourly roll-ups and 7
// days of raw results (1 % failing), plus each probe's latest state. Prints the bytes in use.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { migrateToLatest, openStore } from '../dist/store/index.js';

const { values } = parseArgs({
  options: {
    probes: { type: 'string', default: '100' },
    interval: { type: 'string', default: '30' },
  },
});
const probes = Number(values.probes);
const intervalSeconds = Number(values.interval);
const rawDays = 7;
const hourlyDays = 365;

const dir = mkdtempSync(join(tmpdir(), 'vw-probe-space-'));
const path = join(dir, 'vendorwatch.db');
const store = await openStore(path);
await migrateToLatest(store);
await store.close();

const db = new Database(path);
db.pragma('journal_mode = WAL');
const now = Date.UTC(2026, 11, 5);
// Ten probes per vendor name length seen in the catalog (8–14 characters), named like users do.
const names = ['api', 'login', 'webhooks', 'health', 'cdn asset'];
const probeList = Array.from({ length: probes }, (_, i) => ({
  slug: `vendor-${String(Math.floor(i / 2)).padStart(4, '0')}`,
  probe: `${names[i % names.length]}${i % 2 === 0 ? '' : ' eu'}`,
}));

function bytesInUse() {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = db.pragma('page_size', { simple: true });
  const pages = db.pragma('page_count', { simple: true });
  const free = db.pragma('freelist_count', { simple: true });
  return (pages - free) * pageSize;
}

const empty = bytesInUse();
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

const insertRaw = db.prepare(
  'insert into probe_results (vendor_slug, probe, at, ok, status, duration_ms, error) values (?, ?, ?, ?, ?, ?, ?)',
);
const rawPerProbe = Math.floor((rawDays * 86_400) / intervalSeconds);
// Inserted in time order across probes, as the runner writes them.
const started = performance.now();
for (let batch = 0; batch < rawPerProbe; batch += 2000) {
  db.transaction(() => {
    for (let n = batch; n < Math.min(rawPerProbe, batch + 2000); n++) {
      const at = new Date(now - (rawPerProbe - n) * intervalSeconds * 1000).toISOString();
      for (const { slug, probe } of probeList) {
        const ok = random() >= 0.01;
        insertRaw.run(
          slug,
          probe,
          at,
          ok ? 1 : 0,
          ok ? 200 : 503,
          40 + Math.floor(random() * 400),
          ok ? null : 'HTTP 503, expected 2xx',
        );
      }
    }
  })();
}
const withRaw = bytesInUse();

const insertHour = db.prepare(
  'insert into probe_hourly (vendor_slug, probe, hour, count, failures, p50_ms, max_ms) values (?, ?, ?, ?, ?, ?, ?)',
);
const hours = hourlyDays * 24;
db.transaction(() => {
  for (let h = 0; h < hours; h++) {
    const hour = new Date(now - (hours - h) * 3_600_000).toISOString();
    for (const { slug, probe } of probeList) {
      insertHour.run(
        slug,
        probe,
        hour,
        3600 / intervalSeconds,
        Math.floor(random() * 3),
        120 + Math.floor(random() * 80),
        400 + Math.floor(random() * 2000),
      );
    }
  }
})();
const insertState = db.prepare(
  'insert into probe_state (vendor_slug, probe, url, last_at, ok, status, duration_ms, error, failing_since) values (?, ?, ?, ?, 1, 200, 120, null, null)',
);
for (const { slug, probe } of probeList) {
  insertState.run(
    slug,
    probe,
    `https://api.${slug}.example/v1/health`,
    new Date(now).toISOString(),
  );
}
const total = bytesInUse();
const seconds = (performance.now() - started) / 1000;
db.close();
rmSync(dir, { recursive: true, force: true });

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const rows = { raw: rawPerProbe * probes, hourly: hours * probes };
console.log(
  JSON.stringify(
    {
      probes,
      intervalSeconds,
      rows,
      bytes: { raw7Days: withRaw - empty, hourlyYear: total - withRaw, total: total - empty },
      bytesPerRawRow: Math.round((withRaw - empty) / rows.raw),
      bytesPerHourlyRow: Math.round((total - withRaw) / rows.hourly),
      insertSeconds: Math.round(seconds),
    },
    null,
    2,
  ),
);
console.log(
  `${probes} probes every ${intervalSeconds} s: 7 days raw ${mb(withRaw - empty)} + a year of hourly roll-ups ${mb(total - withRaw)} = ${mb(total - empty)} (SQLite)`,
);
