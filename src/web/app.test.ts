// What the route table does for every route: unknown /api routes as JSON 404s, thrown errors as
// logged 500s without details, HEAD like GET.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
