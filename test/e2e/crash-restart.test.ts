// kill -9 during a replay and a restart on the same database lose nothing committed and repeat
// no event. The worker is the real CLI (`node dist/cli/bin.js worker`), killed at seeded moments.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulate/index.js';
import { parseTimeline } from '../../src/simulate/timeline.js';
import { getIncident, listEvents, listVendorStatuses, type Store } from '../../src/store/index.js';
import { createTestDatabase } from '../test-support/databases.js';
import { openMigratedStore } from '../test-support/poller.js';
import { exited, seeded } from '../test-support/worker-process.js';

const bin = new URL('../../dist/cli/bin.js', import.meta.url).pathname;
const timelineJson = JSON.parse(
  readFileSync(new URL('../fixtures/timelines/balena-2025-09-10.json', import.meta.url), 'utf8'),
) as {
  vendors: Array<{
    steps: Array<{ afterMs: number; incidents: Array<{ updates: Array<{ id: string }> }> }>;
  }>;
};
const stepMs = 1500;
for (const step of timelineJson.vendors[0]!.steps) step.afterMs = step.afterMs === 0 ? 0 : stepMs;
const steps = timelineJson.vendors[0]!.steps;
/** Time for the first worker to record the vendor's quiet baseline before the incident opens. */
const baselineMs = 10_000;
steps[1]!.afterMs = baselineMs;
const updateIds = steps.at(-1)!.incidents[0]!.updates.map((u) => u.id);

/** Worker logs, kept to explain a failure. */
const workerLogs: string[] = [];

function startWorker(configPath: string, databasePath: string): ChildProcess {
  const child = spawn(
    process.execPath,
    [bin, 'worker', '--config', configPath, '--db', databasePath],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'info' },
    },
  );
  child.stderr?.on('data', (chunk: Buffer) =>
    workerLogs.push(`[${child.pid}] ${chunk.toString()}`),
  );
  return child;
}

/** The first poll (no incident yet) must be recorded, or the incident would count as history. */
async function waitForBaseline(store: Store): Promise<void> {
  const deadline = Date.now() + baselineMs;
  while (Date.now() < deadline) {
    const [vendor] = await listVendorStatuses(store.db, new Date().toISOString());
    if (vendor?.lastSuccessAt) return;
    await sleep(100);
  }
  throw new Error(
    `the worker recorded no baseline poll within ${baselineMs} ms:\n${workerLogs.join('')}`,
  );
}

/**
 * Waits for a poll that started at or after `since`. On a loaded machine a worker takes seconds
 * to start; killing each one only after it polled keeps the page watched through the replay.
 */
async function polledSince(store: Store, since: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const [vendor] = await listVendorStatuses(store.db, new Date().toISOString());
    if (vendor?.lastPolledAt && vendor.lastPolledAt >= since) return;
    await sleep(50);
  }
  throw new Error(`no worker poll since ${since} within 30 s:\n${workerLogs.join('')}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('kill -9 during a replay', () => {
  let simulator: Simulator | undefined;
  let worker: ChildProcess | undefined;

  afterEach(async () => {
    if (worker && worker.exitCode === null) {
      worker.kill('SIGKILL');
      await exited(worker);
    }
    await simulator?.close();
  });

  it.each([11, 29, 47])(
    'loses nothing and repeats nothing (seed %i)',
    { timeout: 90_000 },
    async (seed) => {
      expect(existsSync(bin), 'dist/cli/bin.js is missing: run npm run build first').toBe(true);
      const random = seeded(seed);
      simulator = await startSimulator({ timeline: parseTimeline(timelineJson) });
      const database = await createTestDatabase('sqlite');
      const configPath = join(dirname(database.url), 'vendorwatch.yaml');
      writeFileSync(
        configPath,
        [
          'network:',
          '  allowedPrivateRanges: [127.0.0.0/8]',
          '  timeout: 3s',
          'vendors:',
          '  - slug: balena',
          '    name: Balena',
          `    url: ${simulator.vendors[0]!.baseUrl}`,
          '    platform: statuspage',
          '    interval: 1s',
          '',
        ].join('\n'),
      );

      const replayEnd = Date.now() + baselineMs + steps.length * stepMs;
      let kills = 0;
      worker = startWorker(configPath, database.url);
      const store = await openMigratedStore(database.url);
      await waitForBaseline(store);
      while (Date.now() < replayEnd) {
        // Polls repeat every second, so a random wait after the first lands kills before,
        // during and after polls.
        await sleep(random() * 2500);
        worker.kill('SIGKILL');
        await exited(worker);
        kills += 1;
        const startedAt = new Date().toISOString();
        worker = startWorker(configPath, database.url);
        await polledSince(store, startedAt);
      }
      // Let the last worker catch up with the final state, then stop it cleanly.
      try {
        const deadline = Date.now() + 20_000;
        let updates = 0;
        while (Date.now() < deadline) {
          updates = (await getIncident(store.db, 'balena-8gq2x9k1mlh4'))?.updates.length ?? 0;
          if (updates === updateIds.length) break;
          await sleep(200);
        }
        worker.kill('SIGTERM');
        await exited(worker);
        expect(kills).toBeGreaterThanOrEqual(3);
        if (updates !== updateIds.length) console.error(workerLogs.join(''));

        const incident = await getIncident(store.db, 'balena-8gq2x9k1mlh4');
        expect(incident!.updates.map((u) => u.id)).toEqual(updateIds);
        expect(incident!.phase).toBe('postmortem');

        const { events } = await listEvents(store.db, { limit: 1000 });
        const incidentEvents = events.filter((e) => e.incidentId === 'balena-8gq2x9k1mlh4');
        const perUpdate = incidentEvents.map((e) => e.updateId);
        if (perUpdate.length !== updateIds.length) {
          console.error(
            JSON.stringify(events.map((e) => [e.type, e.updateId, e.at, e.changes])),
            workerLogs.join(''),
          );
        }
        // Every update is announced once; updates that arrived while the worker was dead are
        // announced together after the restart, still once each.
        expect(new Set(perUpdate).size).toBe(perUpdate.length);
        expect([...perUpdate].sort()).toEqual([...updateIds].sort());
        expect(incidentEvents.filter((e) => e.type === 'incident.opened')).toHaveLength(1);
        expect(incidentEvents.filter((e) => e.type === 'incident.resolved')).toHaveLength(1);
        const componentEvents = events.filter((e) => e.type === 'component.status_changed');
        // Six components degrade once and recover once, whatever the kills.
        expect(componentEvents).toHaveLength(12);

        if (store.dialect === 'sqlite') {
          const { sql } = await import('kysely');
          const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(
            store.db,
          );
          expect(check.rows[0]!.integrity_check).toBe('ok');
        }
      } finally {
        await store.close();
        await database.drop();
      }
    },
  );
});
