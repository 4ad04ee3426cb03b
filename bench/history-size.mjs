// `npm run bench:history`: how big a year of history gets. Replays the 13 real GitHub incidents
// recorded in test/fixtures/statuspage (5.4 updates each), revealed update by update as a poller
// sees them, through the real path (previous state → diff → routing to one webhook target →
// commit), as many copies as asked, into a SQLite file and a PostgreSQL database. Prints bytes per
// incident and scales them to 1,000 vendors for a year at GitHub's own rate (the busiest vendor in
// the fixtures: 13 incidents in 9 days, about 530 a year) and at a tenth of it.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { cycleFacts } from '../dist/domain/cycle-facts.js';
import { diffSnapshot } from '../dist/domain/diff.js';
import { routeCycle } from '../dist/domain/routing.js';
import {
  commitCycle,
  loadNotifiedTargets,
  loadPreviousState,
  migrateToLatest,
  openStore,
  syncVendors,
} from '../dist/store/index.js';
import { round } from './stats.mjs';

const { values } = parseArgs({
  options: {
    incidents: { type: 'string', default: '2000' },
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    'no-postgres': { type: 'boolean', default: false },
  },
});
const incidentCount = Number(values.incidents);
const vendorCount = 50;
const githubPerYear = 530;

const fixture = JSON.parse(
  readFileSync(
    new URL(
      '../test/fixtures/statuspage/incidents.github.2026-07-31.first13.normalized.json',
      import.meta.url,
    ),
    'utf8',
  ),
);
const templates = fixture.incidents.filter((incident) => incident.updates.length > 0);

function log(text) {
  console.error(`[history ${new Date().toISOString().slice(11, 19)}] ${text}`);
}

/** The template's incident as a poller sees it after `shown` updates, under a fresh id. */
function revealed(template, copy, shown, shift) {
  const moved = (iso) => (iso ? new Date(Date.parse(iso) + shift).toISOString() : iso);
  const updates = template.updates
    .slice(0, shown)
    .map((u) => ({ ...u, sourceId: `${u.sourceId}-${copy}`, postedAt: moved(u.postedAt) }));
  const done = shown === template.updates.length;
  return {
    ...template,
    sourceId: `${template.sourceId}-${copy}`,
    phase: done ? template.phase : updates[updates.length - 1].phase,
    startedAt: moved(template.startedAt),
    resolvedAt: done ? moved(template.resolvedAt) : null,
    updates,
  };
}

async function pollOnce(store, slug, incidents, now) {
  const next = { ...fixture, incidents };
  const previous = await loadPreviousState(
    store.db,
    slug,
    incidents.map((i) => i.sourceId),
  );
  const plan = diffSnapshot(slug, previous, next, now);
  const notified = await loadNotifiedTargets(store.db, plan.events);
  await commitCycle(store.db, {
    vendorSlug: slug,
    now,
    nextPollAt: now,
    leaseOwner: null,
    outcome: { kind: 'success', plan, pageName: fixture.pageName },
    unreachableReported: false,
    events: routeCycle(plan.events, cycleFacts(previous, plan), notified, () => ['webhook']),
  });
}

async function fill(url, bytes) {
  const store = await openStore(url);
  await migrateToLatest(store);
  const vendors = Array.from({ length: vendorCount }, (_, i) => ({
    slug: `vendor${i}`,
    name: `Vendor ${i}`,
    statusPageUrl: `https://status.vendor${i}.example.com`,
    platform: 'statuspage',
    category: 'cloud',
    intervalSeconds: 60,
  }));
  const start = Date.parse('2026-01-01T00:00:00Z');
  await syncVendors(store.db, vendors, 'config', new Date(start).toISOString());
  // Baseline polls: what a vendor lists before vendorwatch watches it is backfilled, not announced.
  for (const v of vendors) await pollOnce(store, v.slug, [], new Date(start).toISOString());
  const empty = await bytes();
  let updates = 0;
  for (let i = 0; i < incidentCount; i += 1) {
    const template = templates[i % templates.length];
    const slug = `vendor${i % vendorCount}`;
    const shift = start + i * 3_600_000 - Date.parse(template.startedAt);
    for (let shown = 1; shown <= template.updates.length; shown += 1) {
      const at = Date.parse(template.updates[shown - 1].postedAt) + shift + 30_000;
      await pollOnce(
        store,
        slug,
        [revealed(template, i, shown, shift)],
        new Date(at).toISOString(),
      );
    }
    // The next poll no longer lists it as news: the page moved on (as Statuspage's list does).
    updates += template.updates.length;
    if ((i + 1) % 500 === 0) log(`${i + 1} incidents`);
  }
  await store.close();
  const full = await bytes();
  return { emptyBytes: empty, fullBytes: full, incidents: incidentCount, updates };
}

function sqliteBytes(path) {
  return async () => {
    const db = new Database(path, { fileMustExist: true });
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
      const pageSize = db.pragma('page_size', { simple: true });
      return (
        (db.pragma('page_count', { simple: true }) -
          db.pragma('freelist_count', { simple: true })) *
        pageSize
      );
    } finally {
      db.close();
    }
  };
}

function postgresBytes(url) {
  return async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('vacuum');
      const { rows } = await client.query(
        'select pg_database_size(current_database())::bigint as n',
      );
      return Number(rows[0].n);
    } finally {
      await client.end();
    }
  };
}

function summarize(label, result) {
  const perIncident = (result.fullBytes - result.emptyBytes) / result.incidents;
  const yearAtGithubRate = (perIncident * 1000 * githubPerYear) / 1e9;
  return {
    label,
    ...result,
    updatesPerIncident: round(result.updates / result.incidents, 1),
    kbPerIncident: round(perIncident / 1024, 2),
    gbPerYear1000VendorsAtGithubRate: round(yearAtGithubRate, 2),
    gbPerYear1000VendorsAtTenthOfIt: round(yearAtGithubRate / 10, 3),
  };
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'vendorwatch-history-'));
  const results = [];
  let admin = null;
  const database = `vw_history_${randomBytes(4).toString('hex')}`;
  try {
    const path = join(dir, 'history.db');
    log(`SQLite file: ${incidentCount} incidents…`);
    results.push(summarize('SQLite file', await fill(path, sqliteBytes(path))));
    if (!values['no-postgres']) {
      admin = new pg.Client({ connectionString: values.postgres });
      await admin.connect();
      await admin.query(`create database ${database}`);
      const url = new URL(values.postgres);
      url.pathname = `/${database}`;
      log(`PostgreSQL: ${incidentCount} incidents…`);
      results.push(
        summarize('PostgreSQL', await fill(url.toString(), postgresBytes(url.toString()))),
      );
    }
  } finally {
    if (admin) {
      await admin.query(`drop database if exists ${database} with (force)`).catch(() => undefined);
      await admin.end().catch(() => undefined);
    }
    await rm(dir, { recursive: true, force: true });
  }
  console.log(JSON.stringify(results, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
