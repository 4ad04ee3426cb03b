// The guarded poster against real loopback receivers: answers, hangs, drops, redirects, private
// addresses, and error text that never names the URL's path.
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../test-support/receiver.js';
import { classifyHttp } from './classify.js';
import { createHttpPoster, type HttpPoster } from './post.js';

const loopbackOnly = { allowPrivateAddresses: false, allowedPrivateRanges: ['127.0.0.0/8'] };
const secretPath = '/services/T0/B0/sEcReTtOkEn123';

let receiver: Receiver | undefined;
let poster: HttpPoster | undefined;

afterEach(async () => {
  await poster?.close();
  await receiver?.close();
  poster = undefined;
  receiver = undefined;
});

function post(url: string, timeoutMs = 2000) {
  return poster!.post(url, {
    headers: { 'content-type': 'application/json' },
    body: '{"a":1}',
    timeoutMs,
  });
}

describe('createHttpPoster', () => {
  it('posts the body and reads the answer', async () => {
    receiver = await startReceiver();
    receiver.respond(() => ({ status: 202, headers: { 'retry-after': '7' }, body: 'accepted' }));
    poster = createHttpPoster({ policy: loopbackOnly, connectTimeoutMs: 1000 });
    const result = await post(receiver.url(secretPath));
    expect(result).toEqual({ ok: true, reply: { status: 202, retryAfter: '7', body: 'accepted' } });
    expect(receiver.received[0]).toMatchObject({ path: secretPath, body: '{"a":1}' });
    expect(classifyHttp(result, Date.now())).toEqual({ kind: 'sent', detail: 'HTTP 202' });
  });

  it('gives up on a receiver that never answers, within the deadline', async () => {
    receiver = await startReceiver();
    receiver.respond(() => 'hang');
    poster = createHttpPoster({ policy: loopbackOnly, connectTimeoutMs: 1000 });
    const started = Date.now();
    const result = await post(receiver.url(secretPath), 300);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result).toEqual({ ok: false, error: 'no response within 300 ms', refused: false });
  });

  it('reports a dropped connection and a closed port without the path', async () => {
    receiver = await startReceiver();
    receiver.respond(() => 'drop');
    poster = createHttpPoster({ policy: loopbackOnly, connectTimeoutMs: 1000 });
    const dropped = await post(receiver.url(secretPath));
    const port = receiver.port;
    await receiver.close();
    receiver = undefined;
    const refused = await post(`http://127.0.0.1:${port}${secretPath}`);
    for (const result of [dropped, refused]) {
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain('sEcReTtOkEn123');
      expect(classifyHttp(result, Date.now()).kind).toBe('retry');
    }
  });

  it('does not follow redirects (a 3xx is a failure)', async () => {
    receiver = await startReceiver();
    receiver.respond(() => ({ status: 302, headers: { location: 'http://169.254.169.254/' } }));
    poster = createHttpPoster({ policy: loopbackOnly, connectTimeoutMs: 1000 });
    const result = await post(receiver.url(secretPath));
    expect(receiver.received).toHaveLength(1);
    expect(classifyHttp(result, Date.now())).toEqual({
      kind: 'retry',
      error: 'HTTP 302 (redirects are not followed)',
    });
  });

  it('refuses private addresses unless allowed, before connecting', async () => {
    receiver = await startReceiver();
    poster = createHttpPoster({ policy: { allowPrivateAddresses: false }, connectTimeoutMs: 1000 });
    for (const url of [
      receiver.url(secretPath),
      'http://169.254.169.254/latest',
      'http://[::1]:9/x',
      'file:///etc/passwd',
    ]) {
      const result = await post(url);
      expect(result).toMatchObject({ ok: false, refused: true });
      expect(classifyHttp(result, Date.now()).kind).toBe('rejected');
    }
    expect(receiver.received).toHaveLength(0);
  });

  it('reads at most a small part of a huge answer', async () => {
    receiver = await startReceiver();
    receiver.respond(() => ({ status: 500, body: 'x'.repeat(2 * 1024 * 1024) }));
    poster = createHttpPoster({ policy: loopbackOnly, connectTimeoutMs: 1000 });
    const result = await post(receiver.url());
    expect(result.ok && result.reply.body.length).toBe(8 * 1024);
    const outcome = classifyHttp(result, Date.now());
    expect(outcome.kind).toBe('retry');
    expect(outcome.kind === 'retry' && outcome.error.length).toBeLessThan(220);
  });
});

describe('classifyHttp', () => {
  const reply = (status: number, retryAfter?: string, body = '') =>
    classifyHttp(
      { ok: true, reply: { status, retryAfter, body } },
      Date.parse('2025-09-10T12:00:00Z'),
    );

  it.each([
    [200, 'sent'],
    [204, 'sent'],
    [301, 'retry'],
    [400, 'rejected'],
    [401, 'rejected'],
    [404, 'rejected'],
    [408, 'retry'],
    [410, 'gone'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
  ])('HTTP %i is %s', (status, kind) => {
    expect(reply(status).kind).toBe(kind);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(reply(429, '120')).toMatchObject({ retryAfterSeconds: 120 });
    expect(reply(503, 'Wed, 10 Sep 2025 12:05:00 GMT')).toMatchObject({ retryAfterSeconds: 300 });
    expect(reply(503, 'soon')).not.toHaveProperty('retryAfterSeconds');
  });

  it('quotes a short, one-line part of the answer', () => {
    expect(reply(404, undefined, 'no_service\n')).toEqual({
      kind: 'rejected',
      error: 'HTTP 404: no_service',
    });
  });
});
