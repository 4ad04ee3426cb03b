// A probe's verdict from what came back, against what the config expects.
import { describe, expect, it } from 'vitest';
import { judgeProbe, type ProbeResponse, type ProbeSpec } from './probe.js';

const spec = (overrides: Partial<ProbeSpec> = {}): ProbeSpec => ({
  name: 'api',
  url: 'https://api.example/health',
  method: 'GET',
  expectStatus: '2xx',
  bodyIncludes: null,
  intervalSeconds: 30,
  timeoutSeconds: 10,
  ...overrides,
});

const answered = (status: number, body: string | null = '{"status":"ok"}'): ProbeResponse => ({
  kind: 'answered',
  status,
  body,
});

describe('judgeProbe', () => {
  it.each<[string, Partial<ProbeSpec>, ProbeResponse, boolean, string | null, boolean]>([
    ['200 meets 2xx', {}, answered(200), true, null, true],
    ['204 meets 2xx', {}, answered(204, ''), true, null, true],
    ['503 fails 2xx', {}, answered(503, null), false, 'HTTP 503, expected 2xx', true],
    ['401 meets [200, 401]', { expectStatus: [200, 401] }, answered(401, null), true, null, true],
    [
      '200 fails [401]',
      { expectStatus: [401] },
      answered(200),
      false,
      'HTTP 200, expected 401',
      true,
    ],
    ['the body has the text', { bodyIncludes: 'ok' }, answered(200), true, null, true],
    [
      'the body lacks the text',
      { bodyIncludes: 'pong' },
      answered(200),
      false,
      'HTTP 200 without the expected text in the body',
      true,
    ],
    [
      'refused: not reached',
      {},
      { kind: 'failed', reached: false, error: 'connection refused' },
      false,
      'connection refused',
      false,
    ],
    [
      'too large: reached',
      {},
      { kind: 'failed', reached: true, error: 'body too large' },
      false,
      'body too large',
      true,
    ],
  ])('%s', (_name, overrides, response, ok, error, reached) => {
    const verdict = judgeProbe(spec(overrides), response);
    expect(verdict).toMatchObject({ ok, error, reached });
  });
});
