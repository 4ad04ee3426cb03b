// Probes of watch-list vendors over real HTTP with accounts on, on a SQLite file and on PostgreSQL:
// PATCH /api/v1/vendors/{slug} sets them (checked by the config file's rules, each mistake a 400
// naming its field) and GET shows them; config vendors' probes are read-only on the API and the
// page; the page adds and removes one with plain forms, puts mistakes beside their fields, escapes
// hostile text; a viewer gets 403 and cross-origin posts are refused; every change is audited.
import { describe, expect, it } from 'vitest';
import { syncConfigVendors } from '../../src/store/index.js';
import { databaseOpeners } from '../../src/store/test-support/database-openers.js';
import { schemaProblems } from '../../src/web/test-support/schema-check.js';
import { databaseKinds } from '../test-support/databases.js';
import {
  adminToken,
  inviteAndAccept,
  setUpAdmin,
  startAuthServer,
  type AuthServer,
  type Client,
} from '../test-support/auth-server.js';

const openerFor = databaseOpeners('probes-api');
const adminPassword = 'correct horse battery staple';
const bearer = { authorization: `Bearer ${adminToken}` };
const hostile = '<img src=x onerror="window.__xss=1">';

async function auditLines(client: Client): Promise<string[]> {
  const answer = await client.request('GET', '/api/v1/audit?limit=200', { headers: bearer });
  const { entries } = JSON.parse(answer.body) as {
    entries: Array<{ action: string; actor: string; subject: string | null }>;
  };
  return entries
    .filter((entry) => entry.action.startsWith('vendor.') && entry.action !== 'vendor.added')
    .map((entry) => `${entry.action} ${entry.actor} ${entry.subject}`)
    .reverse();
}

const probe = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  url: `https://api.example.com/${name}`,
  ...extra,
});

describe.each(databaseKinds)('vendor probes on the API and the watch list on %s', (kind) => {
  const opener = openerFor(kind);

  async function withServer(run: (server: AuthServer, admin: Client) => Promise<void>) {
    const { store } = await opener.fresh();
    await syncConfigVendors(
      store.db,
      [
        {
          slug: 'fromfile',
          name: 'From File',
          statusPageUrl: 'https://status.fromfile.example',
          platform: 'statuspage',
          category: 'other',
          intervalSeconds: 60,
          probes: [
            {
              name: 'file-api',
              url: 'https://api.fromfile.example/ping',
              method: 'GET',
              expectStatus: '2xx',
              bodyIncludes: null,
              intervalSeconds: 30,
              timeoutSeconds: 10,
            },
          ],
          suspectAfter: 2,
        },
      ],
      '2026-12-04T11:00:00.000Z',
    );
    const server = await startAuthServer(store);
    try {
      const admin = await setUpAdmin(server, 'ops@example.com', adminPassword);
      await run(server, admin);
    } finally {
      await server.close();
    }
  }

  it('PATCH sets probes and suspectAfter, GET shows them; mistakes are 400s naming the field', async () => {
    await withServer(async (server, admin) => {
      const api = (method: string, path: string, json?: unknown) =>
        server.client().request(method, path, { json, headers: bearer });
      expect((await api('POST', '/api/v1/vendors', { slug: 'balena' })).status).toBe(201);

      const patched = await api('PATCH', '/api/v1/vendors/balena', {
        probes: [
          probe('api', { expect: { status: [200, 401], bodyIncludes: 'OK' }, interval: '1m' }),
          probe('web', { method: 'HEAD' }),
        ],
        suspectAfter: 3,
      });
      expect(patched.status, patched.body).toBe(200);
      const shown = [
        {
          name: 'api',
          url: 'https://api.example.com/api',
          method: 'GET',
          expect: { status: [200, 401], bodyIncludes: 'OK' },
          interval: 60,
          timeout: 10,
        },
        {
          name: 'web',
          url: 'https://api.example.com/web',
          method: 'HEAD',
          expect: { status: '2xx' },
          interval: 30,
          timeout: 10,
        },
      ];
      expect(JSON.parse(patched.body).vendor).toMatchObject({ probes: shown, suspectAfter: 3 });
      const detail = JSON.parse((await server.client().get('/api/v1/vendors/balena')).body);
      expect(detail).toMatchObject({ probes: shown, suspectAfter: 3 });
      expect(schemaProblems(detail, 'VendorDetail')).toEqual([]);
      for (const sent of shown) expect(schemaProblems(sent, 'Probe')).toEqual([]);
      // What GET shows goes back through PATCH unchanged.
      expect((await api('PATCH', '/api/v1/vendors/balena', { probes: shown })).status).toBe(200);

      const many = Array.from({ length: 21 }, (_, i) => probe(`p${i}`));
      for (const [body, says] of [
        [
          { probes: [probe('api', { url: 'ftp://x.example/' })] },
          'probes[0].url: must be an http(s) URL',
        ],
        [{ probes: [probe('api', { url: 'not a url' })] }, 'probes[0].url: must be an http(s) URL'],
        [
          { probes: [probe('api', { expect: { status: [99] } })] },
          'probes[0].expect.status[0]: must be 2xx or a list of HTTP status codes',
        ],
        [
          { probes: [probe('api', { expect: { status: '3xx' } })] },
          'probes[0].expect.status: must be 2xx or a list of HTTP status codes',
        ],
        [
          { probes: [probe('api', { method: 'HEAD', expect: { bodyIncludes: 'x' } })] },
          'probes[0].expect.bodyIncludes: a HEAD probe reads no body',
        ],
        [{ probes: [probe('a'), probe('a')] }, 'probes[1].name: duplicate probe name'],
        [{ probes: many }, 'probes: at most 20 probes per vendor'],
        [{ probes: [probe('api', { interval: '0s' })] }, 'probes[0].interval: must be at least 1s'],
        [{ probes: [probe('api', { secret: 'x' })] }, 'probes[0]: unknown key \\"secret\\"'],
        [{ probes: 'api' }, 'probes must be a list of probes'],
        [{ suspectAfter: 0 }, 'suspectAfter must be a whole number from 1 to 100'],
      ] as const) {
        const refused = await api('PATCH', '/api/v1/vendors/balena', body);
        expect(refused.status, JSON.stringify(body)).toBe(400);
        expect(JSON.parse(refused.body).error.code).toBe('invalid_body');
        expect(refused.body, JSON.stringify(body)).toContain(says);
      }
      // Nothing refused was stored.
      expect(JSON.parse((await server.client().get('/api/v1/vendors/balena')).body)).toMatchObject({
        probes: shown,
        suspectAfter: 3,
      });

      // A config vendor's probes are shown, and refused like its other fields.
      const fromFile = JSON.parse((await server.client().get('/api/v1/vendors/fromfile')).body);
      expect(fromFile).toMatchObject({
        probes: [{ name: 'file-api', url: 'https://api.fromfile.example/ping' }],
        suspectAfter: 2,
      });
      const config = await api('PATCH', '/api/v1/vendors/fromfile', { probes: [] });
      expect(config.status).toBe(409);
      expect(config.body).toContain('comes from the config file');

      // An admin's session clears them (CSRF header); the audit names each change's actor.
      const csrf = await admin.csrf('/manage/vendors');
      const cleared = await admin.request('PATCH', '/api/v1/vendors/balena', {
        json: { probes: [], suspectAfter: null },
        headers: { 'x-csrf-token': csrf },
      });
      expect(cleared.status).toBe(200);
      expect(JSON.parse(cleared.body).vendor).toMatchObject({ probes: [], suspectAfter: null });
      expect(await auditLines(admin)).toEqual([
        'vendor.edited admin token balena',
        'vendor.edited ops@example.com balena',
      ]);
    });
  });

  it('adds and removes a probe on the page, with mistakes beside their fields and hostile text escaped', async () => {
    await withServer(async (server, admin) => {
      const csrf = await admin.csrf('/manage/vendors');
      await admin.request('POST', '/manage/vendors/add', {
        form: { _csrf: csrf, catalog: 'balena' },
      });
      const form = (fields: Record<string, string>) =>
        admin.request('POST', '/manage/vendors/balena/probes/add', {
          form: { _csrf: csrf, method: 'GET', expect: '2xx', interval: '30s', ...fields },
        });

      const bad = await form({ name: 'api', url: 'ftp://api.example.com/', expect: 'ok' });
      expect(bad.status).toBe(400);
      expect(bad.body).toContain('id="probe-expect-balena-error"');
      expect(bad.body).toContain('give 2xx, or status codes such as 200, 401');
      expect(bad.body).toContain('value="ftp://api.example.com/"');
      const badUrl = await form({ name: 'api', url: 'ftp://api.example.com/' });
      expect(badUrl.status).toBe(400);
      expect(badUrl.body).toMatch(/id="probe-url-balena-error"[^>]*>must be an http\(s\) URL</);
      expect(badUrl.body).toContain('aria-invalid="true"');
      const head = await form({
        name: 'api',
        url: 'https://api.example.com/',
        method: 'HEAD',
        bodyIncludes: 'x',
      });
      expect(head.status).toBe(400);
      expect(head.body).toContain('id="probe-body-balena-error"');

      const added = await form({
        name: 'api',
        url: 'https://api.example.com/ping?q=<b>',
        expect: '200, 401',
        bodyIncludes: hostile,
        interval: '1m',
      });
      expect([added.status, added.location]).toEqual([303, '/manage/vendors?done=probe-added']);
      const again = await form({ name: 'api', url: 'https://api.example.com/' });
      expect(again.status).toBe(400);
      expect(again.body).toContain('duplicate probe name');

      const page = await admin.get('/manage/vendors');
      expect(page.body).not.toContain(hostile);
      expect(page.body).toContain('&lt;img src=x onerror=');
      expect(page.body).not.toContain('ping?q=<b>');
      expect(page.body).toContain('/manage/vendors/balena/probes/remove');
      expect(page.body).toContain('expects 200, 401 and');
      const detail = JSON.parse((await server.client().get('/api/v1/vendors/balena')).body);
      expect(detail.probes).toEqual([
        {
          name: 'api',
          url: 'https://api.example.com/ping?q=<b>',
          method: 'GET',
          expect: { status: [200, 401], bodyIncludes: hostile },
          interval: 60,
          timeout: 10,
        },
      ]);

      // The config vendor's probes are listed without buttons, with where to change them.
      expect(page.body).toContain('data-probe="file-api"');
      expect(page.body).toContain('Set in the config file: change them there');
      expect(page.body).not.toContain('/manage/vendors/fromfile/probes/');
      const refused = await admin.request('POST', '/manage/vendors/fromfile/probes/add', {
        form: { _csrf: csrf, name: 'x', url: 'https://x.example/' },
      });
      expect(refused.status).toBe(409);
      expect(refused.body).toContain('comes from the config file');

      const missing = await admin.request('POST', '/manage/vendors/balena/probes/remove', {
        form: { _csrf: csrf, probe: 'nope' },
      });
      expect(missing.status).toBe(404);
      const removed = await admin.request('POST', '/manage/vendors/balena/probes/remove', {
        form: { _csrf: csrf, probe: 'api' },
      });
      expect([removed.status, removed.location]).toEqual([
        303,
        '/manage/vendors?done=probe-removed',
      ]);
      expect(JSON.parse((await server.client().get('/api/v1/vendors/balena')).body).probes).toEqual(
        [],
      );
      expect(await auditLines(admin)).toEqual([
        'vendor.probe-added ops@example.com balena',
        'vendor.probe-removed ops@example.com balena',
      ]);
    });
  });

  it('gives a viewer 403 on the probe forms and PATCH, and refuses cross-origin posts', async () => {
    await withServer(async (server, admin) => {
      const csrf = await admin.csrf('/manage/vendors');
      await admin.request('POST', '/manage/vendors/add', {
        form: { _csrf: csrf, catalog: 'balena' },
      });
      const { client: viewer } = await inviteAndAccept(
        server,
        admin,
        'viewer@example.com',
        'viewer',
        'viewer-password-7c1e9a',
      );
      const viewerCsrf = await viewer.csrf();
      const fields = { name: 'api', url: 'https://api.example.com/' };
      for (const [path, form] of [
        ['/manage/vendors/balena/probes/add', fields],
        ['/manage/vendors/balena/probes/remove', { probe: 'api' }],
      ] as const) {
        const answer = await viewer.request('POST', path, { form: { _csrf: viewerCsrf, ...form } });
        expect(answer.status, path).toBe(403);
      }
      const patch = await viewer.request('PATCH', '/api/v1/vendors/balena', {
        json: { probes: [fields] },
        headers: { 'x-csrf-token': viewerCsrf },
      });
      expect(patch.status).toBe(403);
      const crossSite = await admin.request('POST', '/manage/vendors/balena/probes/add', {
        form: { _csrf: csrf, ...fields },
        headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      });
      expect(crossSite.status).toBe(403);
      const crossApi = await admin.request('PATCH', '/api/v1/vendors/balena', {
        json: { probes: [fields] },
        headers: {
          'x-csrf-token': csrf,
          origin: 'https://evil.example',
          'sec-fetch-site': 'cross-site',
        },
      });
      expect(crossApi.status).toBe(403);
      expect(JSON.parse((await server.client().get('/api/v1/vendors/balena')).body).probes).toEqual(
        [],
      );
      expect(await auditLines(admin)).toEqual([]);
    });
  });
});
