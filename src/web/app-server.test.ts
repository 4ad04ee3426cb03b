// The app on a real loopback socket: what only a real connection shows (disconnects, shutdown).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { createEventBus } from './event-bus.js';
import { startServer } from './server.js';
import { openTestStore, vendor, type TestStore } from './test-support/seed.js';
import { readSse } from './test-support/sse-client.js';
import { jsonBody } from './test-support/json-body.js';

const now = '2025-09-10T22:10:00.000Z';
let testStore: TestStore;

beforeAll(async () => {
  testStore = await openTestStore([vendor('balena', 'Balena')], now);
});
afterAll(() => testStore.dispose());

describe('the app behind startServer', () => {
  it('serves JSON with ETag revalidation over HTTP', async () => {
    const server = await startServer(createApp({ db: testStore.store.db, now: () => now }), {
      host: '127.0.0.1',
      port: 0,
    });
    try {
      const first = await fetch(`${server.url}/api/v1/vendors`);
      expect(first.status).toBe(200);
      const body = await jsonBody(first);
      expect(body.vendors.map((v: { slug: string }) => v.slug)).toEqual(['balena']);
      const again = await fetch(`${server.url}/api/v1/vendors`, {
        headers: { 'if-none-match': first.headers.get('etag')! },
      });
      expect(again.status).toBe(304);
    } finally {
      await server.close();
    }
  });

  it('unsubscribes a stream whose client disconnects, and shutdown ends the others', async () => {
    const bus = createEventBus();
    const shutdown = new AbortController();
    const app = createApp({
      db: testStore.store.db,
      now: () => now,
      eventBus: bus,
      shutdownSignal: shutdown.signal,
    });
    const server = await startServer(app, { host: '127.0.0.1', port: 0, closeTimeoutMs: 10_000 });

    const leaving = new AbortController();
    const first = await fetch(`${server.url}/api/v1/events/stream`, { signal: leaving.signal });
    const staying = await fetch(`${server.url}/api/v1/events/stream`);
    const stayingSse = readSse(staying.body!);
    await readSse(first.body!).comment('connected');
    await stayingSse.comment('connected');
    expect(bus.listenerCount()).toBe(2);

    leaving.abort();
    await expect.poll(() => bus.listenerCount(), { timeout: 2000 }).toBe(1);

    const started = Date.now();
    shutdown.abort();
    await server.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await stayingSse.ended()).toBe(true);
    expect(bus.listenerCount()).toBe(0);
  });
});
