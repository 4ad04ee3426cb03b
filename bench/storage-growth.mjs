// `npm run bench:storage`: does polling vendors whose pages never change grow the database?
// The simulator serves N vendors with no incidents (one loopback address each); vendorwatch's
// poller polls them every second into a fresh SQLite file and a fresh PostgreSQL database, and
// the bytes in use are read after the first round, half-way and at the end. Growth per poll is
// scaled to a day at 10,000 vendors every 30 s (28.8 M polls).
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import pg from 'pg';
import { ask, nextMessage, planFileLimit, startChild, stopAllChildren } from './children.mjs';
import { round } from './stats.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const pollsPerDayAtTarget = (10_000 * 86_400) / 30;

const { values } = parseArgs({
  options: {
    vendors: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '60' },
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    'no-postgres': { type: 'boolean', default: false },
    'no-sqlite': { type: 'boolean', default: false },
  },
});
const vendors = Number(values.vendors);
const seconds = Number(values.seconds);

function log(text) {
  console.error(`[storage ${new Date().toISOString().slice(11, 19)}] ${text}`);
}

/** Bytes of pages in use (not free-listed) in the SQLite file, plus the WAL file's size. */
function sqliteBytes(path) {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const pageSize = db.pragma('page_size', { simple: true });
    const pages = db.pragma('page_count', { simple: true });
    const free = db.pragma('freelist_count', { simple: true });
    let wal = 0;
    try {
      wal = statSync(`${path}-wal`).size;
    } catch {
      // no WAL file
    }
    return { used: (pages - free) * pageSize, wal };
  } finally {
    db.close();
  }
}

async function postgresBytes(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('select pg_database_size(current_database())::bigint as n');
    const relations = await client.query(
      `select c.relname as name, pg_relation_size(c.oid)::bigint as bytes
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'i', 't')
        order by 2 desc limit 8`,
    );
    const byRelation = Object.fromEntries(relations.rows.map((r) => [r.name, Number(r.bytes)]));
    return { used: Number(rows[0].n), wal: 0, byRelation };
  } finally {
    await client.end();
  }
}

function progressCounter(child) {
  const state = { polls: 0, distinct: 0 };
  child.child.on('message', (message) => {
    if (message?.type === 'progress') Object.assign(state, message);
  });
  return state;
}

async function run(sim, label, dbPath, measure) {
  const child = startChild(`poller (${label})`, join(here, 'poller-child.mjs'), {
    raiseTo: planFileLimit(vendors * 4 + 2048).raiseTo,
  });
  try {
    await nextMessage(child, 'ready', 60_000);
    const progress = progressCounter(child);
    await ask(child, { type: 'start', dbPath, vendors: sim.vendors, intervalSeconds: 1 }, 120_000);
    while (progress.distinct < vendors) await delay(500);
    const first = { polls: progress.polls, bytes: await measure() };
    log(`${label}: first round done (${first.polls} polls), ${first.bytes.used} bytes in use`);
    // Six samples: growth that stops between them is a plateau (PostgreSQL's vacuum), not a trend.
    const samples = [first];
    for (let i = 1; i <= 6; i += 1) {
      await delay((seconds * 1000) / 6);
      samples.push({ polls: progress.polls, bytes: await measure() });
    }
    const middle = samples[3];
    const last = samples[6];
    await ask(child, { type: 'stop' }, 60_000);
    const perPoll = (from, to) =>
      (to.bytes.used - from.bytes.used) / Math.max(1, to.polls - from.polls);
    const secondHalf = perPoll(middle, last);
    return {
      label,
      pollsMeasured: last.polls - first.polls,
      bytesInUse: samples.map((sample) => ({ polls: sample.polls, bytes: sample.bytes.used })),
      walBytesAtEnd: last.bytes.wal,
      ...(last.bytes.byRelation
        ? {
            largestRelations: {
              afterFirstRound: first.bytes.byRelation,
              end: last.bytes.byRelation,
            },
          }
        : {}),
      bytesPerPollWholeRun: round(perPoll(first, last), 3),
      bytesPerPollSecondHalf: round(secondHalf, 3),
      mbPerDayAt10kVendors30s: round((Math.max(0, secondHalf) * pollsPerDayAtTarget) / 1e6, 2),
    };
  } finally {
    child.child.kill('SIGTERM');
    await child.exited;
  }
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'vendorwatch-storage-'));
  const results = [];
  const admin = values['no-postgres'] ? null : new pg.Client({ connectionString: values.postgres });
  const database = `vw_growth_${randomBytes(4).toString('hex')}`;
  try {
    const sim = startChild('simulator', join(here, 'simulator-child.mjs'), {
      args: [JSON.stringify({ vendors, seed: 1, incidentRate: 0 })],
      raiseTo: planFileLimit(vendors * 4 + 2048).raiseTo,
    });
    const ready = await nextMessage(sim, 'ready', 120_000);
    log(`simulator: ${ready.vendors.length} vendors that never change`);
    const sqlitePath = join(dir, 'growth.db');
    if (!values['no-sqlite']) {
      results.push(
        await run(ready, 'SQLite file', sqlitePath, async () => sqliteBytes(sqlitePath)),
      );
    }
    if (admin) {
      await admin.connect();
      await admin.query(`create database ${database}`);
      const url = new URL(values.postgres);
      url.pathname = `/${database}`;
      results.push(
        await run(ready, 'PostgreSQL', url.toString(), () => postgresBytes(url.toString())),
      );
    }
  } finally {
    await stopAllChildren();
    if (admin) {
      await admin.query(`drop database if exists ${database} with (force)`).catch(() => undefined);
      await admin.end().catch(() => undefined);
    }
    await rm(dir, { recursive: true, force: true });
  }
  console.log(JSON.stringify({ vendors, seconds, results }, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
