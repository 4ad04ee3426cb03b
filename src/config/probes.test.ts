// vendors[].probes and suspectAfter (docs/contract.md#probes): defaults, and one clear line per
// mistake naming where it is.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load.js';

function load(yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'vw-probes-config-'));
  const path = join(dir, 'vendorwatch.yaml');
  writeFileSync(path, yaml);
  return loadConfig({ path, env: {} });
}

function errorOf(yaml: string): string {
  try {
    load(yaml);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

const vendor = (probes: string, extra = '') => `vendors:
  - slug: acme
    url: https://status.acme.example
${extra}    probes:
${probes}`;

describe('probes in the config', () => {
  it('fills in the defaults: GET, 2xx, every 30 s, 10 s timeout, suspectAfter 2', () => {
    const config = load(vendor('      - { name: api, url: "https://api.acme.example/health" }\n'));
    expect(config.vendors[0]).toMatchObject({
      suspectAfter: 2,
      probes: [
        {
          name: 'api',
          url: 'https://api.acme.example/health',
          method: 'GET',
          expectStatus: '2xx',
          bodyIncludes: null,
          intervalSeconds: 30,
          timeoutSeconds: 10,
        },
      ],
    });
  });

  it('reads every field, and a vendor without probes carries none', () => {
    const config = load(`suspectAfter: 3
vendors:
  - slug: plain
    url: https://status.plain.example
  - slug: acme
    url: https://status.acme.example
    suspectAfter: 4
    probes:
      - name: login page
        url: https://acme.example/login
        method: HEAD
        expect: { status: [200, 401] }
        interval: 1m
        timeout: 5s
      - name: api
        url: https://api.acme.example/v1/ping
        expect: { bodyIncludes: pong }
`);
    expect(config.vendors[0]!.probes).toBeUndefined();
    expect(config.vendors[1]!.suspectAfter).toBe(4);
    expect(config.vendors[1]!.probes).toEqual([
      {
        name: 'login page',
        url: 'https://acme.example/login',
        method: 'HEAD',
        expectStatus: [200, 401],
        bodyIncludes: null,
        intervalSeconds: 60,
        timeoutSeconds: 5,
      },
      {
        name: 'api',
        url: 'https://api.acme.example/v1/ping',
        method: 'GET',
        expectStatus: '2xx',
        bodyIncludes: 'pong',
        intervalSeconds: 30,
        timeoutSeconds: 10,
      },
    ]);
  });

  it.each([
    [
      'a method other than GET or HEAD',
      '      - { name: api, url: "https://a.example", method: POST }\n',
      'vendors[0].probes[0].method: must be GET or HEAD',
    ],
    [
      'a URL that is not http(s)',
      '      - { name: api, url: "ftp://a.example" }\n',
      'vendors[0].probes[0].url: must be an http(s) URL',
    ],
    [
      'a HEAD probe that checks the body',
      '      - { name: api, url: "https://a.example", method: HEAD, expect: { bodyIncludes: ok } }\n',
      'vendors[0].probes[0].expect.bodyIncludes: a HEAD probe reads no body',
    ],
    [
      'two probes with one name',
      '      - { name: api, url: "https://a.example" }\n      - { name: api, url: "https://b.example" }\n',
      'vendors[0].probes[1].name: duplicate probe name "api"',
    ],
    [
      'an empty status list',
      '      - { name: api, url: "https://a.example", expect: { status: [] } }\n',
      'must list at least one status code',
    ],
    [
      'a status that is no HTTP status',
      '      - { name: api, url: "https://a.example", expect: { status: [200, 700] } }\n',
      'vendors[0].probes[0].expect.status',
    ],
    [
      'a timeout over a minute',
      '      - { name: api, url: "https://a.example", timeout: 2m }\n',
      'vendors[0].probes[0].timeout: must be from 1s to 60s',
    ],
    [
      'an interval under a second',
      '      - { name: api, url: "https://a.example", interval: 0s }\n',
      'vendors[0].probes[0].interval: must be at least 1s',
    ],
    [
      'a name with a slash',
      '      - { name: "a/b", url: "https://a.example" }\n',
      'vendors[0].probes[0].name: must be 1–40 letters',
    ],
    [
      'an unknown key',
      '      - { name: api, url: "https://a.example", every: 5s }\n',
      'vendors[0].probes[0]',
    ],
  ])('refuses %s', (_what, probes, message) => {
    expect(errorOf(vendor(probes))).toContain(message);
  });

  it('takes the global suspectAfter for a vendor that gives none', () => {
    const config = load(
      `suspectAfter: 5\n${vendor('      - { name: api, url: "https://a.example" }\n')}`,
    );
    expect(config.vendors[0]!.suspectAfter).toBe(5);
  });

  it('refuses a suspectAfter of 0, per vendor and globally', () => {
    expect(
      errorOf(vendor('      - { name: api, url: "https://a.example" }\n', '    suspectAfter: 0\n')),
    ).toContain('vendors[0].suspectAfter: must be at least 1');
    expect(errorOf('suspectAfter: 1.5\n')).toContain(
      'suspectAfter: must be a whole number of failures',
    );
  });
});
