import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../store/index.js';
import { createApp } from '../app.js';
import { openTestStore, vendor, type TestStore } from '../test-support/seed.js';

const now = '2025-09-10T22:10:00.000Z';
let testStore: TestStore;
let closedStore: TestStore;

beforeAll(async () => {
  testStore = await openTestStore([vendor('balena', 'Balena')], now);
  closedStore = await openTestStore([vendor('balena', 'Balena')], now);
  await closedStore.store.close();
});
afterAll(async () => {
  await testStore.dispose();
  await closedStore.dispose();
});

/** A database whose every query waits forever, like one behind a dead network path. */
function hangingDb(onQuery: () => void = () => {}): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: () => new Promise(() => {}) }),
    plugins: [
      {
        transformQuery: (args) => {
          onQuery();
          return args.node;
        },
        transformResult: (args) => Promise.resolve(args.result),
      },
    ],
  });
}

describe('GET /healthz and /readyz', () => {
  it('are both 200 with a working store', async () => {
    const app = createApp({ db: testStore.store.db, now: () => now });
    const health = await app.request('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('readyz is 503 store_unavailable when the store is closed; healthz stays 200', async () => {
    const app = createApp({ db: closedStore.store.db, now: () => now });
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      error: { code: 'store_unavailable', message: 'the store is unavailable' },
    });
    expect((await app.request('/healthz')).status).toBe(200);
  });

  it('readyz answers 503 within the deadline when the store hangs; healthz stays 200', async () => {
    const app = createApp({ db: hangingDb(), now: () => now, readinessTimeoutMs: 150 });
    const started = Date.now();
    const ready = await app.request('/readyz');
    const elapsed = Date.now() - started;
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      error: { code: 'store_unavailable', message: 'the store did not answer within 150 ms' },
    });
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(1500);
    expect((await app.request('/healthz')).status).toBe(200);
  });

  it('does not pile up queries on a hung store: probes share the one in flight', async () => {
    let queries = 0;
    const app = createApp({
      db: hangingDb(() => queries++),
      now: () => now,
      readinessTimeoutMs: 30,
    });
    const answers = await Promise.all([1, 2, 3].map(async () => app.request('/readyz')));
    expect(answers.map((answer) => answer.status)).toEqual([503, 503, 503]);
    expect((await app.request('/readyz')).status).toBe(503);
    expect(queries).toBe(1);
  });
});
