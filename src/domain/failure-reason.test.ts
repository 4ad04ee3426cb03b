import { describe, expect, it } from 'vitest';
import { failureReason } from './failure-reason.js';

describe('failureReason', () => {
  // Messages as fetch/, the adapters and poll/cycle.ts write them, with the endpoint prefix.
  it.each([
    ['summary.json: DNS lookup for status.example.com failed (ENOTFOUND)', 'DNS lookup failed'],
    ['summary.json: DNS lookup for status.example.com found no address', 'DNS lookup failed'],
    ['summary.json: 127.0.0.1:9 refused the connection', 'connection refused'],
    ['summary.json: status.example.com reset the connection', 'connection dropped'],
    ['summary.json: status.example.com is unreachable (network)', 'host unreachable'],
    ['summary.json: connecting to a.example took longer than 10000 ms', 'timed out'],
    ['summary.json: a.example sent no response headers within 15000 ms', 'timed out'],
    ['summary.json: a.example stalled while sending the body', 'timed out'],
    ['summary.json: status.example.com answered HTTP 503', 'HTTP 503'],
    ['incidents.json: status.example.com answered HTTP 404', 'HTTP 404'],
    ['summary.json: more than 5 redirects (last from a.example)', 'bad redirect'],
    ['summary.json: a.example answered 302 without a Location header', 'bad redirect'],
    [
      'summary.json: blocked: a.example resolves to 169.254.169.254 (link-local)',
      'address blocked',
    ],
    [
      'summary.json: body from a.example exceeds 5242880 bytes (decompressed)',
      'response too large',
    ],
    ['parse: summary.json is not JSON (looks like HTML)', 'not JSON'],
    ['parse: summary.json is not JSON (malformed or truncated)', 'not JSON'],
    ['parse: feed: HTML or XML where JSON was expected', 'not JSON'],
    ['parse: summary.json is empty', 'empty response'],
    [
      'parse: summary.json has no page, components or incidents (not Statuspage)',
      'unexpected page format',
    ],
    ['parse: adapter failed unexpectedly: TypeError', 'unreadable page'],
    [
      'platform not detected: no known status page platform found at https://a.example: ' +
        'summary.json answered HTTP 404; set `platform:`',
      'platform not detected',
    ],
    ['no adapter for platform nosuch', 'no adapter for platform'],
    ['summary.json: request to a.example failed (UND_ERR_CLOSED)', 'request failed'],
    ['HTTP 503 from https://status.flaky.example.com', 'HTTP 503'],
    ['something new went wrong', 'poll failed'],
  ])('%s → %s', (message, reason) => {
    expect(failureReason(message)).toBe(reason);
  });
});
