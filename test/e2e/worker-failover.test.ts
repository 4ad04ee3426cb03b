// Three real `vendorwatch worker`s and one `web` (dist/cli/bin.js) on one PostgreSQL database,
// over a simulator fleet whose incidents open at a fixed rate, with a signed-off webhook target.
// Workers are killed with -9 at seeded moments, every other time the one sending webhooks: its
// vendors are polled again and webhooks resume within max(interval, 10 s), the restarted worker
// takes its id back and polls its share again. Then a worker is cut off from PostgreSQL (its
// connection stops answering; the process lives): it stops polling before its lease can be taken,
// and comes back when the connection does. At the end every event went out under exactly one
// delivery key, at most twice (a send cut short is resent once, same key), and no event is
// recorded twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../src/notify/test-support/receiver.js';
import { checks } from '../../src/notify/test-support/service-shapes.js';
import { startSimulator, type Simulator } from '../../src/simulate/index.js';
import { deliveryKey, type Store } from '../../src/store/index.js';
import {
  createTestDatabase,
  postgresAdminUrl,
  type TestDatabase,
} from '../test-support/databases.js';
import { openMigratedStore } from '../test-support/poller.js';
import { startTcpCut, type TcpCut } from '../test-support/tcp-cut.js';
import { exited, seeded } from '../test-support/worker-process.js';

const bin = new URL('../../dist/cli/bin.js', import.meta.url).pathname;
const vendorCount = 150;
const intervalSeconds = 5;
/** The bound the issue sets: a vendor is polled again within max(its interval, 10 s). */
const failoverBoundMs = Math.max(intervalSeconds, 10) * 1000;
const kills = Number(process.env.VENDORWATCH_FAILOVER_KILLS ?? 7);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface WorkerView {
  id: string;
  pid: number;
  state: 'live' | 'gone';
  polls: number;
  takenOverAt: string | null;
}

interface Proc {
  child: ChildProcess;
  log: string[];
}

const procs: Proc[] = [];
let database: TestDatabase | undefined;
let store: Store | undefined;
let simulator: Simulator | undefined;
let receiver: Receiver | undefined;
let relay: TcpCut | undefined;
let webUrl = '';
let configPath = '';

function start(args: string[]): Proc {
  const child = spawn(process.execPath, [bin, ...args, '--config', configPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'info', VENDORWATCH_WORKER_ID: '' },
  });
  const proc: Proc = { child, log: [] };
  child.stdout?.on('data', (chunk: Buffer) => proc.log.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => proc.log.push(chunk.toString()));
  procs.push(proc);
  return proc;
}

const startWorker = (db = database!.url, extra: string[] = []) =>
  start(['worker', '--db', db, ...extra]);

function allLogs(): string {
  return procs.map((p) => `--- pid ${p.child.pid}\n${p.log.join('').slice(-4000)}`).join('\n');
}

/** What the database's sessions are doing, to explain a wait that timed out. */
async function activity(): Promise<string> {
  const { rows } = await sql<{
    pid: number;
    state: string;
    wait: string;
    age: string;
    query: string;
  }>`
    select pid, state, coalesce(wait_event_type || ':' || wait_event, '') as wait,
      (now() - query_start)::text as age, left(query, 160) as query
    from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`.execute(
    store!.db,
  );
  return rows.map((r) => `${r.pid} ${r.state} ${r.wait} ${r.age} ${r.query}`).join('\n');
}

async function workers(): Promise<WorkerView[]> {
  const response = await fetch(`${webUrl}/api/v1/workers`);
  return ((await response.json()) as { workers: WorkerView[] }).workers;
}

async function until<T>(
  what: string,
  probe: () => Promise<T | null> | T | null,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const found = await probe();
    if (found !== null) return found;
    await sleep(100);
  }
  throw new Error(`${what}: not within ${ms} ms\n${await activity()}\n${allLogs()}`);
}

/** When each slug was first seen polled after `since` (a poll's start, as the store records it). */
async function firstPollsAfter(
  slugs: readonly string[],
  since: number,
): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  const sinceIso = new Date(since).toISOString();
  await until(
    `a poll of ${slugs.length} vendors after ${sinceIso}`,
    async () => {
      if (slugs.length === 0) return true;
      const rows = await store!.db
        .selectFrom('vendor_state')
        .select(['slug', 'last_polled_at'])
        .where('slug', 'in', [...slugs])
        .execute();
      for (const row of rows) {
        if (!seen.has(row.slug) && row.last_polled_at !== null && row.last_polled_at > sinceIso) {
          seen.set(row.slug, Date.parse(row.last_polled_at));
        }
      }
      return seen.size === slugs.length ? true : null;
    },
    failoverBoundMs * 3,
  );
  return seen;
}

async function leasedBy(id: string): Promise<string[]> {
  const rows = await store!.db
    .selectFrom('vendor_state')
    .select('slug')
    .where('lease_owner', '=', id)
    .execute();
  return rows.map((row) => row.slug);
}

const describePostgres = postgresAdminUrl ? describe : describe.skip;

describePostgres('three workers and a web on PostgreSQL', () => {
  const measured = {
    pollTakeoverMs: [] as number[],
    everyVendorMs: [] as number[],
    webhookResumeMs: [] as number[],
  };

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    store = await openMigratedStore(database.url);
    simulator = await startSimulator({
      vendors: vendorCount,
      seed: 16,
      // About one new incident a second over the fleet, each with updates and a resolution.
      incidentRate: 1 / vendorCount,
    });
    const jitter = seeded(5);
    receiver = await startReceiver({ check: checks.webhook(null) });
    // Each answer takes a moment, so kills land between send and mark too.
    receiver.respond(() => ({ status: 200, delayMs: 20 + Math.floor(jitter() * 60) }));
    const dir = mkdtempSync(join(tmpdir(), 'vw-failover-'));
    configPath = join(dir, 'vendorwatch.yaml');
    writeFileSync(
      configPath,
      [
        'network:',
        '  allowedPrivateRanges: [127.0.0.0/8]',
        'vendors:',
        ...simulator.vendors.flatMap((v) => [
          `  - slug: ${v.slug}`,
          `    name: ${JSON.stringify(v.name)}`,
          `    url: ${v.baseUrl}`,
          `    platform: statuspage`,
          `    interval: ${intervalSeconds}s`,
        ]),
        'notifications:',
        '  - name: hook',
        '    type: webhook',
        `    url: ${receiver.url('/hook')}`,
        '',
      ].join('\n'),
    );
    const web = start(['web', '--db', database.url, '--port', '0']);
    webUrl = await until('the web server', () => {
      const match = /serving (http:\/\/\S+)/.exec(web.log.join(''));
      return match ? match[1]! : null;
    });
    for (let i = 0; i < 3; i++) startWorker();
    await until('three live workers', async () => {
      const live = (await workers()).filter((w) => w.state === 'live');
      return live.length === 3 ? live : null;
    });
    // Every vendor's first poll is its baseline (incidents on it are history, not news).
    await until(
      'a baseline poll of every vendor',
      async () => {
        const row = await store!.db
          .selectFrom('vendor_state')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('last_success_at', 'is not', null)
          .executeTakeFirstOrThrow();
        return Number(row.count) === vendorCount ? true : null;
      },
      60_000,
    );
  }, 120_000);

  afterAll(async () => {
    for (const { child } of procs) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited(child);
    }
    await store?.close();
    await database?.drop();
    await simulator?.close();
    await receiver?.close();
    await relay?.close();
  });

  it(
    `takes a killed worker's vendors and webhooks over in seconds (${kills} kills)`,
    {
      timeout: 240_000,
    },
    async () => {
      for (let seed = 1; seed <= kills; seed++) {
        const random = seeded(seed * 7919);
        await sleep(500 + random() * 1500);
        const live = (await workers()).filter((w) => w.state === 'live');
        const sender = seed % 2 === 1;
        let victim: WorkerView;
        if (sender) {
          // The worker holding the webhook target's lease is the one sending.
          const holder = await until('a worker sending webhooks', async () => {
            const row = await store!.db
              .selectFrom('notify_targets')
              .select('lease_owner')
              .where('name', '=', 'hook')
              .executeTakeFirst();
            return row?.lease_owner ?? null;
          });
          victim =
            live.find((w) => w.id === holder) ?? (await workers()).find((w) => w.id === holder)!;
        } else {
          victim = live[Math.floor(random() * live.length)]!;
        }
        const proc = procs.find((p) => p.child.pid === victim.pid)!;
        expect(proc, `worker ${victim.id} (pid ${victim.pid}) is one of ours`).toBeDefined();
        const receivedBefore = receiver!.received.length;
        const killedAt = Date.now();
        proc.child.kill('SIGKILL');
        await exited(proc.child);
        const held = await leasedBy(victim.id);

        // Every vendor, and first those it was polling, is polled again (a poll starting) within
        // the bound.
        const slugs = simulator!.vendors.map((v) => v.slug);
        const again = await firstPollsAfter(slugs, killedAt);
        for (const slug of held) measured.pollTakeoverMs.push(again.get(slug)! - killedAt);
        measured.everyVendorMs.push(Math.max(...[...again.values()].map((at) => at - killedAt)));
        for (const [slug, at] of again) {
          expect(at - killedAt, `${slug} polled again after the kill`).toBeLessThanOrEqual(
            failoverBoundMs,
          );
        }
        if (sender) {
          const resumed = await until('a webhook after the kill', () => {
            const next = receiver!.received.slice(receivedBefore).find((r) => r.at > killedAt);
            return next ?? null;
          });
          measured.webhookResumeMs.push(resumed.at - killedAt);
          expect(resumed.at - killedAt, 'webhooks resume').toBeLessThanOrEqual(10_000);
        }

        // Restarted, it takes its id back and polls again.
        const restarted = startWorker();
        await until(`${victim.id} back and polling`, async () => {
          const view = (await workers()).find((w) => w.id === victim.id);
          return view?.state === 'live' && view.pid === restarted.child.pid && view.polls > 0
            ? view
            : null;
        });
      }

      // The work spreads over the three again: each polls a fair part of two rounds' polls.
      // The last worker restarted just now; it takes vendors back only as they come due, so the
      // window opens one poll interval later (CI once saw it at 14 % in a window opened at once).
      // Vendors taken over together stay due together for a while (a poll starts at most 5 % of
      // an interval early), and a group goes to whichever worker's turn it falls in: one round
      // can leave a worker short (CI saw 14.9 % in a 6 s window), two even it out.
      await sleep(intervalSeconds * 1000);
      const before = await workers();
      await sleep(2 * intervalSeconds * 1000 + 2_000);
      const after = (await workers()).filter((w) => w.state === 'live');
      expect(after).toHaveLength(3);
      const deltas = after.map((w) => w.polls - (before.find((b) => b.id === w.id)?.polls ?? 0));
      const total = deltas.reduce((sum, d) => sum + d, 0);
      expect(total).toBeGreaterThan(0);
      for (const delta of deltas) expect(delta / total).toBeGreaterThan(0.15);
      console.info(
        `failover over ${kills} kills: the victim's in-flight vendors polled again after ` +
          `${summary(measured.pollTakeoverMs)} (${measured.pollTakeoverMs.length} vendors); every ` +
          `vendor within ${summary(measured.everyVendorMs)}; ` +
          `webhooks resumed after ${summary(measured.webhookResumeMs)}; shares ${deltas.map((d) => Math.round((d / total) * 100)).join('/')} %`,
      );
    },
  );

  it(
    'stops a worker cut off from PostgreSQL before its lease ends, and takes it back after',
    {
      timeout: 120_000,
    },
    async () => {
      const url = new URL(database!.url);
      relay = await startTcpCut({ host: url.hostname, port: Number(url.port || 5432) });
      url.port = String(relay.port);
      const cutOff = startWorker(url.toString(), ['--worker-id', 'cut-off']);
      await until('the relayed worker polling', async () => {
        const view = (await workers()).find((w) => w.id === 'cut-off');
        return view?.state === 'live' && view.polls > 0 ? view : null;
      });
      const logLength = cutOff.log.length;
      relay.cut();
      const cutAt = Date.now();
      const gone = await until('the cut-off worker taken over', async () => {
        const view = (await workers()).find((w) => w.id === 'cut-off');
        return view?.takenOverAt ? view : null;
      });
      // It stopped itself (aborting its polls) before its lease could be taken.
      const fence = await until('the cut-off worker stopping', () => {
        const line = cutOff.log
          .slice(logLength)
          .join('')
          .split('\n')
          .find((l) => l.includes('polling and delivering stop'));
        return line ? (JSON.parse(line) as { time: number }) : null;
      });
      expect(fence.time).toBeLessThan(Date.parse(gone.takenOverAt!));
      expect(fence.time - cutAt).toBeLessThan(6_000);
      // Meanwhile every vendor is polled by the others.
      const slugs = simulator!.vendors.map((v) => v.slug);
      const polled = await firstPollsAfter(slugs, cutAt + 500);
      for (const at of polled.values())
        expect(at - cutAt).toBeLessThanOrEqual(failoverBoundMs + 500);

      relay.restore();
      const back = await until('the cut-off worker back', async () => {
        const view = (await workers()).find((w) => w.id === 'cut-off');
        return view?.state === 'live' && view.polls > 0 && !view.takenOverAt ? view : null;
      });
      expect(back.pid).toBe(cutOff.child.pid);
      const pollsBack = back.polls;
      await until('the cut-off worker polling again', async () => {
        const view = (await workers()).find((w) => w.id === 'cut-off');
        return view && view.polls > pollsBack + 5 ? view : null;
      });
    },
  );

  it(
    'delivered every event under one key, at most once more, and recorded none twice',
    {
      timeout: 90_000,
    },
    async () => {
      // No new incidents; what is pending drains.
      await simulator!.close();
      simulator = undefined;
      await until(
        'every delivery settled',
        async () => {
          const pending = await store!.db
            .selectFrom('outbox')
            .select('seq')
            .where('status', '=', 'pending')
            .limit(1)
            .execute();
          return pending.length === 0 ? true : null;
        },
        60_000,
      );
      const outbox = await store!.db.selectFrom('outbox').select(['status', 'event_id']).execute();
      expect(outbox.length).toBeGreaterThan(20);
      expect(outbox.filter((row) => row.status !== 'sent')).toEqual([]);
      expect(receiver!.problems).toEqual([]);

      const keysByEvent = new Map<string, string[]>();
      for (const request of receiver!.received) {
        const id = (request.json as { id: string }).id;
        keysByEvent.set(id, [
          ...(keysByEvent.get(id) ?? []),
          String(request.headers['x-vendorwatch-delivery']),
        ]);
      }
      expect([...keysByEvent.keys()].sort()).toEqual(outbox.map((row) => row.event_id).sort());
      for (const [id, keys] of keysByEvent) {
        expect(new Set(keys)).toEqual(new Set([deliveryKey('hook', id)]));
        expect(keys.length, `event ${id} was sent at most twice`).toBeLessThanOrEqual(2);
      }
      const repeats = receiver!.received.length - keysByEvent.size;
      // A kill, the cut, or a stop can each cut one send short.
      expect(repeats).toBeLessThanOrEqual(kills + 4);

      const twice = await store!.db
        .selectFrom('events')
        .select(['type', 'incident_id', 'update_id'])
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('update_id', 'is not', null)
        .groupBy(['type', 'incident_id', 'update_id'])
        .having((eb) => eb.fn.countAll(), '>', 1)
        .execute();
      expect(twice).toEqual([]);
      console.info(
        `deliveries: ${keysByEvent.size} events, ${receiver!.received.length} requests (${repeats} resent, same key)`,
      );
    },
  );
});

function summary(values: readonly number[]): string {
  if (values.length === 0) return 'n/a';
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${(at(0.5) / 1000).toFixed(1)} s, max ${(sorted.at(-1)! / 1000).toFixed(1)} s`;
}
