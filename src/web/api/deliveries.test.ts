// GET /api/v1/deliveries on a SQLite file with real deliveries: documented shape, filters,
// paging, bad parameters, and no secret in the answer even when a receiver echoed one.
import { afterEach, describe, expect, it } from 'vitest';
import { incident, snapshot } from '../../store/test-support/harness.js';
import { notifyHarness, type NotifyHarness } from '../../../test/test-support/notify.js';
import { startReceiver, type Receiver } from '../../notify/test-support/receiver.js';
import { createApp } from '../app.js';
import { schemaProblems } from '../test-support/schema-check.js';

let harness: NotifyHarness | undefined;
let receiver: Receiver | undefined;

afterEach(async () => {
  await harness?.close();
  await receiver?.close();
  harness = undefined;
});

interface Body {
  targets: Array<{ name: string; state: string; reason: string | null }>;
  deliveries: Array<{ target: string; status: string; attempts: number }>;
  nextCursor: string | null;
}

async function get(path: string): Promise<{ status: number; body: Body }> {
  const app = createApp({ db: harness!.store.db, now: () => new Date().toISOString() });
  const response = await app.request(path);
  return { status: response.status, body: (await response.json()) as Body };
}

describe('GET /api/v1/deliveries', () => {
  it('lists deliveries newest first with each target state, secrets redacted', async () => {
    receiver = await startReceiver();
    receiver.respond((request) =>
      request.path.startsWith('/ok')
        ? { status: 200 }
        : { status: 410, body: `gone: ${request.path}` },
    );
    harness = await notifyHarness([
      { name: 'ok', type: 'webhook', url: receiver.url('/ok'), secret: 'hmacSecretForApiTest' },
      { name: 'gone', type: 'slack', url: receiver.url('/services/T/B/slackPathSecret9') },
    ]);
    await harness.record(snapshot([]));
    await harness.record(snapshot([incident('a')]));
    const dispatcher = await harness.dispatcher({}, { loop: false });
    await dispatcher.runOnce();

    const { status, body } = await get('/api/v1/deliveries');
    expect(status).toBe(200);
    expect(schemaProblems(body.targets[0], 'NotifyTarget')).toEqual([]);
    for (const delivery of body.deliveries)
      expect(schemaProblems(delivery, 'Delivery')).toEqual([]);
    expect(body.targets.map((t) => [t.name, t.state])).toEqual([
      ['gone', 'disabled'],
      ['ok', 'active'],
    ]);
    expect(body.targets[0]!.reason).toBe('disabled: HTTP 410 Gone: gone: [redacted]');
    expect(body.deliveries.map((d) => [d.target, d.status, d.attempts])).toEqual([
      ['gone', 'failed', 1],
      ['ok', 'sent', 1],
    ]);
    expect(body.nextCursor).toBeNull();
    const text = JSON.stringify(body);
    expect(text).not.toContain('slackPathSecret9');
    expect(text).not.toContain('hmacSecretForApiTest');

    const filtered = await get('/api/v1/deliveries?target=ok&status=sent&limit=1');
    expect(filtered.body.deliveries.map((d) => d.target)).toEqual(['ok']);
    const paged = await get('/api/v1/deliveries?limit=1');
    expect(paged.body.nextCursor).toEqual(expect.any(String));
    const next = await get(`/api/v1/deliveries?limit=1&cursor=${paged.body.nextCursor}`);
    expect(next.body.deliveries.map((d) => d.target)).toEqual(['ok']);
  });

  it.each([
    ['?status=lost', 'status must be one of pending, sent, failed, skipped'],
    ['?limit=0', 'limit must be an integer between 1 and 1000'],
    ['?target=Bad_Name', 'target must be a target name (lowercase letters, digits, dashes)'],
    ['?trget=x', 'unknown parameter "trget" (accepted: target, status, limit, cursor)'],
    ['?status=sent&status=failed', 'status must be given at most once'],
    ['?cursor=bm9wZQ', 'cursor is not one this API returned'],
  ])('refuses %s with a 400 that says why', async (query, message) => {
    harness = await notifyHarness([]);
    const { status, body } = await get(`/api/v1/deliveries${query}`);
    expect(status).toBe(400);
    expect(body).toEqual({ error: { code: 'invalid_parameter', message } });
  });
});
