import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../store/index.js';
import { createApp } from './app.js';
import { openTestStore, vendor, type TestStore } from './test-support/seed.js';

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

describe('errors', () => {
  it('answers unknown /api routes and methods with a 404 JSON error', async () => {
    const app = createApp({ db: testStore.store.db, now: () => now });
    for (const [method, path] of [
      ['GET', '/api/v2/vendors'],
      ['GET', '/api'],
      ['POST', '/api/v1/vendors'],
      ['GET', '/api/v1/vendors/balena/nothing'],
    ] as const) {
      const response = await app.request(path, { method });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await response.json()).toEqual({
        error: { code: 'not_found', message: `no route ${method} ${path}` },
      });
    }
    expect((await app.request('/nothing-here')).status).toBe(404);
  });

  it('turns a thrown error into a 500 JSON error without details, and logs it', async () => {
    const logged: Array<{ fields: Record<string, unknown>; message: string }> = [];
    const app = createApp({
      db: closedStore.store.db,
      now: () => now,
      log: { error: (fields, message) => logged.push({ fields: { ...fields }, message }) },
    });
    for (const path of ['/api/v1/vendors', '/api/v1/incidents/x', '/api/v1/events']) {
      const response = await app.request(path);
      expect(response.status).toBe(500);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'internal error' } });
    }
    expect(logged).toHaveLength(3);
    expect(logged[0]).toMatchObject({
      message: 'web request failed',
      fields: { method: 'GET', path: '/api/v1/vendors', err: expect.any(Error) },
    });
  });

  it('answers HEAD like GET without a body', async () => {
    const app = createApp({ db: testStore.store.db, now: () => now });
    const response = await app.request('/api/v1/vendors', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^W\//);
    expect(await response.text()).toBe('');
  });
});
