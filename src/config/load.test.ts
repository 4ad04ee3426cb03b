import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load.js';

function writeConfig(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'vw-config-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('watches the default catalog vendors when there is no config', () => {
    const config = loadConfig({ env: {}, cwd: mkdtempSync(join(tmpdir(), 'vw-empty-')) });
    expect(config.usingDefaultVendors).toBe(true);
    expect(config.vendors.map((v) => v.slug)).toContain('github');
    expect(config.vendors.find((v) => v.slug === 'github')).toMatchObject({
      statusPageUrl: 'https://www.githubstatus.com',
      platform: 'statuspage',
      intervalSeconds: 60,
    });
    expect(config.databaseUrl).toBe('./data/vendorwatch.db');
    expect(config.server).toEqual({ host: '127.0.0.1', port: 3000 });
    expect(Object.isFrozen(config.vendors[0])).toBe(true);
  });

  it('reads the documented example (docs/contract.md) with ${VAR} substitution and durations', () => {
    const path = writeConfig(
      'vendorwatch.yaml',
      `pollInterval: 90s
network:
  allowPrivateAddresses: true
vendors:
  - github
  - slug: balena
    name: Balena
    url: https://status.balena.io/
    platform: statuspage
    interval: 30s
notifications:
  - name: ops
    type: slack
    url: \${SLACK_WEBHOOK_URL}
    vendors: [balena]
    components: { balena: [API, "Cloudlink (VPN)"] }
    minImpact: minor
    events: [incident.opened, incident.updated, incident.resolved]
`,
    );
    const config = loadConfig({
      path,
      env: { SLACK_WEBHOOK_URL: 'https://hooks.slack.test/T1/B2/x', PORT: '4000' },
    });
    expect(config.pollIntervalSeconds).toBe(90);
    expect(config.network.allowPrivateAddresses).toBe(true);
    expect(config.vendors).toEqual([
      expect.objectContaining({ slug: 'github', intervalSeconds: 90 }),
      {
        slug: 'balena',
        name: 'Balena',
        statusPageUrl: 'https://status.balena.io',
        platform: 'statuspage',
        category: 'iot',
        intervalSeconds: 30,
        dependsOn: [],
      },
    ]);
    expect(config.notifications[0]).toMatchObject({
      url: 'https://hooks.slack.test/T1/B2/x',
      minImpact: 'minor',
    });
    expect(config.server.port).toBe(4000);
  });

  it('accepts JSON', () => {
    const path = writeConfig('vw.json', JSON.stringify({ vendors: ['npm'], pollInterval: 120 }));
    expect(loadConfig({ path, env: {} }).vendors[0]).toMatchObject({
      slug: 'npm',
      intervalSeconds: 120,
    });
  });

  it.each([
    [
      'unknown top-level key',
      'pollIntervall: 60s\n',
      /config error at pollIntervall|unknown key "pollIntervall"/,
    ],
    [
      'bad duration',
      'pollInterval: soon\n',
      /config error at pollInterval: "soon" is not a duration/,
    ],
    [
      'bad vendor interval',
      'vendors:\n  - slug: x\n    url: https://x.test\n    interval: -3s\n',
      /config error at vendors\[0\]\.interval/,
    ],
    [
      'unknown vendor key',
      'vendors:\n  - slug: x\n    url: https://x.test\n    colour: red\n',
      /config error at vendors\[0\]: unknown key "colour"/,
    ],
    [
      'unknown catalog slug',
      'vendors:\n  - not-a-vendor\n',
      /vendors\[0\]: "not-a-vendor" is not in the catalog/,
    ],
    [
      'non-http url',
      'vendors:\n  - slug: x\n    url: file:///etc/passwd\n',
      /vendors\[0\]\.url: must be an http\(s\) URL/,
    ],
    [
      'unknown platform',
      'vendors:\n  - slug: x\n    url: https://x.test\n    platform: myspace\n',
      /vendors\[0\]\.platform/,
    ],
    [
      'missing env var',
      'notifications:\n  - name: ops\n    type: webhook\n    url: ${NOPE_NOT_SET}\n',
      /notifications\[0\]\.url: environment variable NOPE_NOT_SET is not set/,
    ],
    [
      'webhook without url',
      'notifications:\n  - name: ops\n    type: webhook\n',
      /notifications\[0\]\.url: is required for type webhook/,
    ],
    ['duplicate slug', 'vendors: [github, github]\n', /duplicate vendor slug "github"/],
    [
      'duplicate target name',
      'notifications:\n  - name: ops\n    type: webhook\n    url: https://a.example/x\n' +
        '  - name: ops\n    type: slack\n    url: https://b.example/y\n',
      /config error at notifications\[1\]\.name: duplicate target name "ops"/,
    ],
    [
      'field of another channel type',
      'notifications:\n  - name: ops\n    type: slack\n    url: https://b.example/y\n    secret: s3cret\n',
      /config error at notifications\[0\]: unknown key "secret"/,
    ],
    ['broken YAML', 'vendors: [github\n', /not valid YAML/],
  ])('rejects %s with one line naming the path', (_, text, message) => {
    const error = errorOf(() => loadConfig({ path: writeConfig('c.yaml', text), env: {} }));
    expect(error).toMatch(message);
    expect(error).not.toContain('\n');
  });

  it('names a missing config file', () => {
    expect(errorOf(() => loadConfig({ path: '/nonexistent/vw.yaml', env: {} }))).toBe(
      'config file /nonexistent/vw.yaml does not exist',
    );
  });

  it('rejects a PORT that is not a port', () => {
    expect(errorOf(() => loadConfig({ env: { PORT: 'eighty' }, cwd: tmpdir() }))).toMatch(
      /PORT="eighty"/,
    );
  });
});

describe('loadConfig error wording', () => {
  it('names the field of a vendor entry that is missing its value', () => {
    const error = errorOf(() =>
      loadConfig({ path: writeConfig('c.yaml', 'vendors:\n  - slug: x\n    url:\n'), env: {} }),
    );
    expect(error).toMatch(/^config error at vendors\[0\]\.url: /);
  });

  it('takes the public URL used in notification links', () => {
    const path = writeConfig('c.yaml', 'server:\n  publicUrl: https://status.example.com/vw/\n');
    expect(loadConfig({ path, env: {} }).server).toEqual({
      host: '127.0.0.1',
      port: 3000,
      publicUrl: 'https://status.example.com/vw',
    });
  });

  it('reads the notifier tuning, with reminders off at 0', () => {
    expect(loadConfig({ env: {}, cwd: mkdtempSync(join(tmpdir(), 'vw-empty-')) }).notifier).toEqual(
      {
        burstWindowSeconds: 30,
        reminderLeadSeconds: 3600,
      },
    );
    const path = writeConfig('c.yaml', 'notifier:\n  burstWindow: 2m\n  reminderLead: 0\n');
    expect(loadConfig({ path, env: {} }).notifier).toEqual({
      burstWindowSeconds: 120,
      reminderLeadSeconds: null,
    });
  });

  it('reads the uptime weights by impact, defaults filling what is not given, and refuses > 1', () => {
    const empty = mkdtempSync(join(tmpdir(), 'vw-empty-'));
    expect(loadConfig({ env: {}, cwd: empty }).uptimeWeights).toEqual({
      critical: 1,
      major: 0.5,
      minor: 0.1,
      notice: 0,
    });
    const path = writeConfig('c.yaml', 'uptime:\n  weights:\n    major: 0.3\n    notice: 0.05\n');
    expect(loadConfig({ path, env: {} }).uptimeWeights).toEqual({
      critical: 1,
      major: 0.3,
      minor: 0.1,
      notice: 0.05,
    });
    const bad = writeConfig('d.yaml', 'uptime:\n  weights:\n    minor: 2\n');
    expect(errorOf(() => loadConfig({ path: bad, env: {} }))).toMatch(/uptime\.weights\.minor/);
  });

  it('keeps finished deliveries 90 days unless retention says otherwise; 0 keeps them forever', () => {
    const empty = mkdtempSync(join(tmpdir(), 'vw-empty-'));
    expect(loadConfig({ env: {}, cwd: empty }).deliveryRetentionSeconds).toBe(90 * 86_400);
    const month = writeConfig('r.yaml', 'retention:\n  deliveries: 30d\n');
    expect(loadConfig({ path: month, env: {} }).deliveryRetentionSeconds).toBe(30 * 86_400);
    const forever = writeConfig('f.yaml', 'retention:\n  deliveries: 0\n');
    expect(loadConfig({ path: forever, env: {} }).deliveryRetentionSeconds).toBeNull();
    const bad = writeConfig('b.yaml', 'retention:\n  deliveries: a while\n');
    expect(errorOf(() => loadConfig({ path: bad, env: {} }))).toMatch(/retention\.deliveries/);
  });
});

describe('loadConfig with several mistakes', () => {
  it('reports all of them, one line each, in the order they appear in the file', () => {
    const text = [
      'server:',
      '  port: lots',
      'pollInterval: often',
      'vendors:',
      '  - slug: x',
      '    url: not a url',
      'colour: blue',
      '',
    ].join('\n');
    const lines = errorOf(() => loadConfig({ path: writeConfig('c.yaml', text), env: {} })).split(
      '\n',
    );
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^config error at server\.port: /);
    expect(lines[1]).toMatch(/^config error at pollInterval: "often" is not a duration/);
    expect(lines[2]).toMatch(/^config error at vendors\[0\]\.url: /);
    expect(lines[3]).toMatch(/^config error at \(top level\): unknown key "colour"/);
  });

  it('ends a YAML error with the place, not a dangling colon', () => {
    const error = errorOf(() => loadConfig({ path: writeConfig('c.yaml', 'a: b: c\n'), env: {} }));
    expect(error).toMatch(/not valid YAML: .* at line 1, column 4$/);
  });
});

describe('loadConfig did you mean', () => {
  it.each([
    [
      'vendors:\n  - slug: x\n    url: https://x.example\n    platfrom: rss\n',
      'vendors\\[0\\]',
      'platfrom',
      'platform',
    ],
    ['pollIntervall: 60s\n', '\\(top level\\)', 'pollIntervall', 'pollInterval'],
    ['server:\n  prot: 80\n', 'server', 'prot', 'port'],
  ])('%j suggests the nearest known key', (text, where, typo, key) => {
    const error = errorOf(() => loadConfig({ path: writeConfig('c.yaml', text), env: {} }));
    expect(error).toMatch(
      new RegExp(`^config error at ${where}: unknown key "${typo}" \\(did you mean "${key}"\\?\\)`),
    );
  });

  it('suggests nothing when no known key is close', () => {
    const error = errorOf(() =>
      loadConfig({ path: writeConfig('c.yaml', 'colour: blue\n'), env: {} }),
    );
    expect(error).not.toContain('did you mean');
  });
});
