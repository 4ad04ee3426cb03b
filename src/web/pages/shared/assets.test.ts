// The one stylesheet and script as a page links them: hashed URLs cached for a year, plain ones
// revalidated, unknown names a 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { openTestStore, vendor, type TestStore } from '../../test-support/seed.js';

const now = '2025-09-10T22:10:00.000Z';
let testStore: TestStore;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  testStore = await openTestStore([vendor('balena', 'Balena')], now);
  app = createApp({ db: testStore.store.db, now: () => now });
});
afterAll(() => testStore.dispose());

describe('the assets', () => {
  it('serves the assets with their hashed URLs cached for a year', async () => {
    const html = await (await app.request('/')).text();
    const css = /href="(\/assets\/app\.css\?v=[^"]+)"/.exec(html)![1]!;
    const response = await app.request(css);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect((await app.request('/assets/app.css')).headers.get('cache-control')).toBe('no-cache');
    expect((await app.request('/assets/nope.js')).status).toBe(404);
  });
});
