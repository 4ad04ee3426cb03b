// Notification targets added and removed at run time through the admin API, on the real service
// as `serve` runs it (config file, SQLite file, HTTP API, poller, dispatcher): an added target
// gets the next events at once, a removed one gets nothing more, the config file's targets cannot
// be taken over or removed, bad bodies and private destinations are refused, and no answer
// carries a secret.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/logger.js';
import { startService, type RunningService } from '../../src/app/service.js';
import { startReceiver, type Receiver } from '../../src/notify/test-support/receiver.js';
import { checks } from '../../src/notify/test-support/service-shapes.js';
import { runCli } from '../../src/cli/main.js';
import {
  fixture,
  startSwitchableVendor,
  type SwitchableVendor,
} from '../test-support/switchable-vendor.js';

const token = 'admin-token-for-tests';
const hookSecret = 'signing-secret-9f2c';
const pathSecret = 'T000/B000/pathSecret42';

interface ListedTarget {
  name: string;
  origin: string;
}

let dir: string;
let page: SwitchableVendor;
let fromConfig: Receiver;
let fromApi: Receiver;
let service: RunningService;

const summary = fixture('summary.github.2022-11-25.unresolved.json');
const history = fixture('incidents.github.2026-07-31.first13.json');

/** The fixture's open incident, moved to the last minutes so it is news, not history. */
function openIncident(resolved: boolean): unknown {
  const base = Date.now() - 120_000;
  const incident = structuredClone(summary.incidents[0]);
  const shift = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
  incident.created_at = incident.started_at = shift(0);
  incident.updated_at = shift(1);
  incident.incident_updates = incident.incident_updates
    .slice(-1)
    .map((update: Record<string, unknown>) => ({
      ...update,
      created_at: shift(0),
      updated_at: shift(0),
      display_at: shift(0),
    }));
  if (resolved) {
    incident.status = 'resolved';
    incident.resolved_at = shift(1);
    incident.incident_updates = [
      {
        ...incident.incident_updates[0],
        id: 'resolved-update',
        status: 'resolved',
        body: 'This incident has been resolved.',
        created_at: shift(1),
        updated_at: shift(1),
        display_at: shift(1),
      },
      ...incident.incident_updates,
    ];
  }
  return incident;
}

function serveIncidents(incidents: unknown[]) {
  page.serve({ summary: { ...summary, incidents }, incidents: history });
}

async function call(
  method: string,
  path: string,
  options: { body?: unknown; token?: string | null } = {},
): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (options.token !== null) headers.authorization = `Bearer ${options.token ?? token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, json, text, headers: response.headers };
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vw-notify-admin-'));
  page = await startSwitchableVendor();
  serveIncidents([]);
  fromConfig = await startReceiver({ check: checks.webhook(null) });
  fromApi = await startReceiver({ check: checks.webhook(hookSecret) });
  const configPath = join(dir, 'vendorwatch.yaml');
  writeFileSync(
    configPath,
    [
      'network:',
      '  allowedPrivateRanges: [127.0.0.0/8]',
      '  timeout: 5s',
      `database: ${join(dir, 'vendorwatch.db')}`,
      'server: { host: 127.0.0.1, port: 0 }',
      'notifier: { burstWindow: 0s }',
      'vendors:',
      `  - { slug: gh, name: GitHub, url: "${page.baseUrl}", platform: statuspage, interval: 1s }`,
      'notifications:',
      '  - name: from-config',
      '    type: webhook',
      `    url: ${fromConfig.url('/config-hook')}`,
      '',
    ].join('\n'),
  );
  const config = loadConfig({
    path: configPath,
    env: { VENDORWATCH_ADMIN_TOKEN: token },
  });
  service = await startService(config, { poller: true, web: true }, createLogger('silent'));
}, 30_000);

afterAll(async () => {
  await service?.stop();
  await Promise.all([page?.close(), fromConfig?.close(), fromApi?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('notification targets through the admin API', () => {
  it('refuses writes without the token, bad bodies, taken names and private destinations', async () => {
    const good = { name: 'added', type: 'webhook', url: fromApi.url(`/${pathSecret}`) };
    for (const auth of [null, 'wrong-token']) {
      const denied = await call('POST', '/api/v1/targets', { body: good, token: auth });
      expect(denied.status).toBe(401);
      expect(denied.headers.get('www-authenticate')).toBe('Bearer');
      expect(denied.json.error.code).toBe('unauthorized');
    }
    const cases: Array<[unknown, number, string, RegExp]> = [
      [{ ...good, colour: 'red' }, 400, 'invalid_body', /unknown key "colour"/],
      [
        { name: 'added', type: 'webhook' },
        400,
        'invalid_body',
        /^url: is required for type webhook/,
      ],
      [{ ...good, type: 'carrier-pigeon' }, 400, 'invalid_body', /^type: /],
      [{ ...good, name: 'Not A Slug' }, 400, 'invalid_body', /^name: /],
      [{ ...good, minImpact: 'apocalyptic' }, 400, 'invalid_body', /^minImpact: /],
      [[good], 400, 'invalid_body', /must be a JSON object/],
      [{ ...good, name: 'from-config' }, 409, 'conflict', /config file already defines/],
      [
        { ...good, url: 'http://169.254.169.254/latest/meta-data' },
        422,
        'url_refused',
        /^url: blocked/,
      ],
      [{ ...good, url: 'http://10.9.8.7/hook' }, 422, 'url_refused', /^url: blocked/],
    ];
    for (const [body, status, code, message] of cases) {
      const answer = await call('POST', '/api/v1/targets', { body });
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.json.error.code).toBe(code);
      expect(answer.json.error.message).toMatch(message);
    }
    const notJson = await fetch(`${service.url}/api/v1/targets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body: 'name=added',
    });
    expect(notJson.status).toBe(415);
    expect(
      (await call('GET', '/api/v1/targets')).json.targets.map((t: ListedTarget) => t.name),
    ).toEqual(['from-config']);
  });

  it(
    'delivers to an added target at once and nothing after it is removed',
    { timeout: 40_000 },
    async () => {
      // The baseline poll comes first: the incident below is news.
      await until('the baseline poll', async () => {
        const vendor = (await call('GET', '/api/v1/vendors/gh')).json;
        return vendor?.lastSuccessAt !== null && vendor?.lastSuccessAt !== undefined;
      });

      const added = await call('POST', '/api/v1/targets', {
        body: {
          name: 'added',
          type: 'webhook',
          url: fromApi.url(`/${pathSecret}`),
          secret: hookSecret,
          vendors: ['gh'],
          events: ['incident.opened', 'incident.resolved'],
        },
      });
      expect(added.status).toBe(201);
      expect(added.headers.get('location')).toBe('/api/v1/targets/added');
      expect(added.json).toMatchObject({
        name: 'added',
        type: 'webhook',
        origin: 'api',
        destination: `http://127.0.0.1:${fromApi.port}/…`,
        vendors: ['gh'],
        events: ['incident.opened', 'incident.resolved'],
        state: 'active',
      });
      expect((await call('POST', '/api/v1/targets', { body: { ...added.json } })).status).toBe(400);
      const again = await call('POST', '/api/v1/targets', {
        body: { name: 'added', type: 'webhook', url: fromApi.url('/other') },
      });
      expect(again.status).toBe(409);

      const listed = await call('GET', '/api/v1/targets');
      expect(listed.json.targets.map((t: ListedTarget) => [t.name, t.origin])).toEqual([
        ['added', 'api'],
        ['from-config', 'config'],
      ]);
      expect((await call('GET', '/api/v1/targets/added')).json.name).toBe('added');
      expect((await call('GET', '/api/v1/targets/nobody')).status).toBe(404);
      for (const text of [added.text, listed.text]) {
        expect(text).not.toContain(pathSecret);
        expect(text).not.toContain('pathSecret42');
        expect(text).not.toContain(hookSecret);
      }

      // Both targets hear of the new incident; the added one signed with its secret.
      serveIncidents([openIncident(false)]);
      const [opened] = await fromApi.waitFor(1, 15_000);
      expect((opened!.json as { type: string }).type).toBe('incident.opened');
      expect(opened!.path).toBe(`/${pathSecret}`);
      expect(opened!.headers['x-vendorwatch-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      await fromConfig.waitFor(1, 15_000);
      expect(fromApi.problems).toEqual([]);

      // The config file's target stays; an unknown name is 404; the added one goes.
      const configured = await call('DELETE', '/api/v1/targets/from-config');
      expect(configured.status).toBe(409);
      expect(configured.json.error.message).toMatch(/defined in the config file/);
      expect((await call('DELETE', '/api/v1/targets/nobody')).status).toBe(404);
      expect((await call('DELETE', '/api/v1/targets/added', { token: null })).status).toBe(401);
      const removed = await call('DELETE', '/api/v1/targets/added');
      expect(removed.status).toBe(200);
      expect(removed.json).toEqual({ removed: 'added', failedDeliveries: 0 });
      expect((await call('DELETE', '/api/v1/targets/added')).status).toBe(404);

      // The resolution reaches the config target only.
      serveIncidents([openIncident(true)]);
      const told = await fromConfig.waitFor(2, 15_000);
      expect(told.map((r) => (r.json as { type: string }).type)).toContain('incident.resolved');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(fromApi.received).toHaveLength(1);
      expect(
        (await call('GET', '/api/v1/targets')).json.targets.map((t: ListedTarget) => t.name),
      ).toEqual(['from-config']);
    },
  );

  it('lists targets added through the API in `vendorwatch notify list`', async () => {
    const body = { name: 'later', type: 'slack', url: fromApi.url(`/services/${pathSecret}`) };
    expect((await call('POST', '/api/v1/targets', { body })).status).toBe(201);
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await runCli(
      ['notify', 'list', '--json', '--config', join(dir, 'vendorwatch.yaml')],
      {
        stdout,
        stderr: new PassThrough(),
        env: {},
        cwd: dir,
        untilSignal: () => Promise.resolve('SIGTERM'),
      },
    );
    expect(code).toBe(0);
    const { targets } = JSON.parse(out) as { targets: Array<Record<string, unknown>> };
    expect(targets.map((t) => [t.name, t.origin])).toEqual([
      ['from-config', 'config'],
      ['later', 'api'],
    ]);
    expect(out).not.toContain('pathSecret42');
  });
});
