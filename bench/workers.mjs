// Several `vendorwatch worker`s and one `web` on one PostgreSQL database over one simulator fleet
// (every vendor on its own loopback address): for 1, 2 and 3 workers, polls per second (counted
// by the simulator), PostgreSQL CPU per poll (its backends' /proc times), transactions per poll,
// the workers' mean claim time and each one's share (from /api/v1/workers when the build has it).
// Usage: node bench/workers.mjs [--postgres URL] [--vendors 1000] [--interval 5] [--window 20]
// [--workers 1,2,3] [--bin dist/cli/bin.js]. Each phase runs well under a minute.
/* global fetch -- Node 20 has it */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { nextMessage, startChild, stopChild } from './children.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const { values } = parseArgs({
  options: {
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    vendors: { type: 'string', default: '1000' },
    interval: { type: 'string', default: '5' },
    window: { type: 'string', default: '20' },
    workers: { type: 'string', default: '1,2,3' },
    bin: { type: 'string', default: join(here, '../dist/cli/bin.js') },
  },
});
const vendorCount = Number(values.vendors);
const windowSeconds = Number(values.window);
const ticksPerSecond = 100; // Linux USER_HZ for /proc/<pid>/stat

const sim = startChild('simulator', join(here, 'counting-simulator-child.mjs'), {
  args: [JSON.stringify({ vendors: vendorCount, seed: 16, incidentRate: 0.0005 })],
});
const { vendors } = await nextMessage(sim, 'ready', 60_000);
const simPolls = async () => {
  const answer = nextMessage(sim, 'count', 10_000);
  sim.child.send({ type: 'count' });
  return (await answer).polls;
};

function cpuTicks(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

const rows = [];
try {
  for (const count of values.workers.split(',').map(Number)) {
    rows.push(await phase(count));
  }
} finally {
  await stopChild(sim);
}
console.log(
  `\n${vendorCount} vendors every ${values.interval} s, ${windowSeconds} s measured per phase, ${values.bin}`,
);
console.table(rows);

async function phase(workerCount) {
  const name = `vw_bench_workers_${process.pid}_${workerCount}`;
  const admin = new pg.Client({ connectionString: values.postgres });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(values.postgres);
  url.pathname = `/${name}`;
  const dir = mkdtempSync(join(tmpdir(), 'vw-bench-workers-'));
  const config = join(dir, 'vendorwatch.yaml');
  writeFileSync(
    config,
    [
      'network:',
      '  allowedPrivateRanges: [127.0.0.0/8]',
      'vendors:',
      ...vendors.flatMap((v) => [
        `  - slug: ${v.slug}`,
        `    url: ${v.baseUrl}`,
        '    platform: statuspage',
        `    interval: ${values.interval}s`,
      ]),
      '',
    ].join('\n'),
  );
  const procs = [];
  const run = (args) => {
    const child = spawn(
      process.execPath,
      [values.bin, ...args, '--config', config, '--db', url.toString()],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, LOG_LEVEL: 'warn' },
      },
    );
    procs.push(child);
    return child;
  };
  const db = new pg.Client({ connectionString: url.toString() });
  try {
    const web = run(['web', '--port', '0']);
    const webUrl = await new Promise((resolve, reject) => {
      let text = '';
      web.stdout.on('data', (chunk) => {
        text += chunk;
        const match = /serving (http:\/\/\S+)/.exec(text);
        if (match) resolve(match[1]);
      });
      web.once('exit', () => reject(new Error('web exited')));
    });
    for (let i = 0; i < workerCount; i++) run(['worker']);
    await db.connect();
    // Warm up: every vendor read once (the baseline round), then a few seconds more.
    const warmStart = Date.now();
    for (;;) {
      const { rows: r } = await db
        .query('select count(*)::int as n from vendor_state where last_success_at is not null')
        .catch(() => ({ rows: [{ n: 0 }] }));
      if (r[0].n >= vendorCount) break;
      if (Date.now() - warmStart > 90_000) throw new Error('warm-up took over 90 s');
      await delay(500);
    }
    await delay(3_000);
    const sample = async () => {
      const { rows: backends } = await db.query(
        'select pid from pg_stat_activity where datname = current_database()',
      );
      const { rows: xacts } = await db.query(
        'select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()',
      );
      let workers = null;
      try {
        const response = await fetch(`${webUrl}/api/v1/workers`);
        if (response.ok) workers = (await response.json()).workers;
      } catch {
        workers = null;
      }
      return {
        at: Date.now(),
        polls: await simPolls(),
        pgTicks: new Map(backends.map((b) => [b.pid, cpuTicks(b.pid)])),
        workerTicks: procs.slice(1).reduce((sum, p) => sum + cpuTicks(p.pid), 0),
        xacts: Number(xacts[0].n),
        workers,
      };
    };
    const from = await sample();
    await delay(windowSeconds * 1000);
    const to = await sample();
    const seconds = (to.at - from.at) / 1000;
    const polls = to.polls - from.polls;
    let pgTicks = 0;
    for (const [pid, ticks] of to.pgTicks) pgTicks += ticks - (from.pgTicks.get(pid) ?? 0);
    const row = {
      workers: workerCount,
      'polls/s': Math.round(polls / seconds),
      'PG cores': +(pgTicks / ticksPerSecond / seconds).toFixed(2),
      'PG CPU ms/poll': +(((pgTicks / ticksPerSecond) * 1000) / Math.max(1, polls)).toFixed(3),
      'workers cores': +((to.workerTicks - from.workerTicks) / ticksPerSecond / seconds).toFixed(2),
      'xacts/poll': +((to.xacts - from.xacts) / Math.max(1, polls)).toFixed(2),
    };
    if (from.workers && to.workers) {
      const deltas = to.workers
        .filter((w) => w.state === 'live')
        .map((w) => {
          const before = from.workers.find((b) => b.id === w.id);
          return {
            polls: w.polls - (before?.polls ?? 0),
            claimMs: w.claimMsMean,
          };
        });
      const total = deltas.reduce((sum, d) => sum + d.polls, 0);
      row['shares %'] = deltas
        .map((d) => Math.round((d.polls / Math.max(1, total)) * 100))
        .join('/');
      row['claim ms'] = deltas.map((d) => (d.claimMs ?? 0).toFixed(2)).join('/');
    }
    console.log(JSON.stringify(row));
    return row;
  } finally {
    for (const child of procs) child.kill('SIGTERM');
    await Promise.all(
      procs.map((child) =>
        child.exitCode !== null ? null : new Promise((resolve) => child.once('exit', resolve)),
      ),
    );
    await db.end().catch(() => {});
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
