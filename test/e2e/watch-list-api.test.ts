// The watch list over real HTTP with accounts on, on a SQLite file and on PostgreSQL:
// PATCH/DELETE /api/v1/vendors/{slug} with the admin token and with an admin's session, the
// viewer refused on every watch list route and form, config vendors answered 409 with where to
// change them, a cross-origin form refused, and the audit log naming each change's actor.
import { describe, expect, it } from 'vitest';
import { databaseOpeners } from '../../src/store/test-support/database-openers.js';
import { syncVendors } from '../../src/store/index.js';
import { hostileComponents, hostileName } from '../../src/web/pages/test-support/xss-vectors.js';
import { databaseKinds } from '../test-support/databases.js';
import {
  adminToken,
  inviteAndAccept,
  setUpAdmin,
  startAuthServer,
  type AuthServer,
  type Client,
} from '../test-support/auth-server.js';

const openerFor = databaseOpeners('watch-api');
const adminPassword = 'correct horse battery staple';

async function auditLines(client: Client): Promise<string[]> {
  const answer = await client.request('GET', '/api/v1/audit?limit=200', {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  const { entries } = JSON.parse(answer.body) as {
    entries: Array<{ action: string; actor: string; subject: string | null }>;
  };
  return entries
    .filter((entry) => entry.action.startsWith('vendor.'))
    .map((entry) => `${entry.action} ${entry.actor} ${entry.subject}`)
    .reverse();
}

describe.each(databaseKinds)('watch list API on %s', (kind) => {
  const opener = openerFor(kind);

  async function withServer(run: (server: AuthServer, admin: Client) => Promise<void>) {
    const { store } = await opener.fresh();
    await syncVendors(
      store.db,
      [
        {
          slug: 'fromfile',
          name: 'From File',
          statusPageUrl: 'https://status.fromfile.example',
          platform: 'statuspage',
          category: 'other',
          intervalSeconds: 60,
        },
      ],
      'config',
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

  it('PATCH and DELETE with the admin token and with an admin session (CSRF header), audited', async () => {
    await withServer(async (server, admin) => {
      const bearer = { authorization: `Bearer ${adminToken}` };
      const api = (method: string, path: string, json?: unknown, headers = bearer) =>
        server.client().request(method, path, { json, headers });
      expect((await api('POST', '/api/v1/vendors', { slug: 'balena' })).status).toBe(201);
      expect((await api('POST', '/api/v1/vendors', { slug: 'github' })).status).toBe(201);

      const patched = await api('PATCH', '/api/v1/vendors/balena', {
        interval: '5m',
        paused: true,
        followedComponents: ['API', 'Dashboard'],
      });
      expect(patched.status).toBe(200);
      expect(JSON.parse(patched.body).vendor).toMatchObject({
        slug: 'balena',
        intervalSeconds: 300,
        paused: true,
        followedComponents: ['API', 'Dashboard'],
        source: 'api',
      });
      const listed = JSON.parse((await server.client().get('/api/v1/vendors/balena')).body);
      expect(listed).toMatchObject({ paused: true, followedComponents: ['API', 'Dashboard'] });

      for (const [body, says] of [
        [{ paused: 'yes' }, 'paused must be true or false'],
        [{ interval: 0 }, 'interval must be whole seconds'],
        [{ followedComponents: 'API' }, 'followedComponents must be null'],
        [{ owner: 'me' }, 'unknown field \\"owner\\"'],
      ] as const) {
        const refused = await api('PATCH', '/api/v1/vendors/balena', body);
        expect(refused.status, JSON.stringify(body)).toBe(400);
        expect(refused.body).toContain(says);
      }
      expect((await api('PATCH', '/api/v1/vendors/nobody', { paused: true })).status).toBe(404);

      // An admin's session: the CSRF token in its header, as the API asks of browsers.
      const csrf = await admin.csrf('/manage/vendors');
      const resumed = await admin.request('PATCH', '/api/v1/vendors/balena', {
        json: { paused: false, followedComponents: null },
        headers: { 'x-csrf-token': csrf },
      });
      expect(resumed.status).toBe(200);
      expect(JSON.parse(resumed.body).vendor).toMatchObject({
        paused: false,
        followedComponents: null,
      });
      const noToken = await admin.request('PATCH', '/api/v1/vendors/balena', {
        json: { paused: true },
      });
      expect(noToken.status).toBe(403);

      expect((await api('DELETE', '/api/v1/vendors/balena?history=maybe')).status).toBe(400);
      const kept = await api('DELETE', '/api/v1/vendors/balena');
      expect([kept.status, JSON.parse(kept.body)]).toEqual([
        200,
        { removed: 'balena', history: 'keep' },
      ]);
      expect((await server.client().get('/api/v1/vendors/balena')).status).toBe(200);
      const deleted = await admin.request('DELETE', '/api/v1/vendors/github?history=delete', {
        headers: { 'x-csrf-token': csrf },
      });
      expect(deleted.status).toBe(200);
      expect((await server.client().get('/api/v1/vendors/github')).status).toBe(404);
      expect((await api('DELETE', '/api/v1/vendors/github')).status).toBe(404);

      expect(await auditLines(admin)).toEqual([
        'vendor.added admin token balena',
        'vendor.added admin token github',
        'vendor.paused admin token balena',
        'vendor.edited admin token balena',
        'vendor.resumed ops@example.com balena',
        'vendor.edited ops@example.com balena',
        'vendor.removed admin token balena',
        'vendor.removed ops@example.com github',
      ]);
    });
  });

  it('answers 409 for config vendors, on the API and the page, saying to change the file', async () => {
    await withServer(async (server, admin) => {
      const bearer = { authorization: `Bearer ${adminToken}` };
      for (const [method, json] of [
        ['PATCH', { paused: true }],
        ['DELETE', undefined],
      ] as const) {
        const refused = await server
          .client()
          .request(method, '/api/v1/vendors/fromfile', { json, headers: bearer });
        expect(refused.status).toBe(409);
        expect(JSON.parse(refused.body).error).toEqual({
          code: 'conflict',
          message:
            'vendor "fromfile" comes from the config file: change it in the file\'s vendors list (and restart vendorwatch), not here',
        });
      }
      const page = await admin.get('/manage/vendors');
      expect(page.body).toContain('From the config file: change it there');
      expect(page.body).not.toContain('/manage/vendors/fromfile/pause');
      const csrf = await admin.csrf('/manage/vendors');
      const form = await admin.request('POST', '/manage/vendors/fromfile/pause', {
        form: { _csrf: csrf },
      });
      expect(form.status).toBe(409);
      expect(form.body).toContain('comes from the config file');
      expect(await auditLines(admin)).toEqual([]);
    });
  });

  it('edits interval and followed components on the page, escapes hostile names, and says why a pasted URL fails', async () => {
    const { store } = await opener.fresh();
    const server = await startAuthServer(store);
    try {
      const admin = await setUpAdmin(server, 'ops@example.com', adminPassword);
      const csrf = await admin.csrf('/manage/vendors');
      await admin.request('POST', '/manage/vendors/add', {
        form: { _csrf: csrf, catalog: 'balena' },
      });
      // What a poll would have stored: a hostile vendor name and components.
      await store.db
        .updateTable('vendors')
        .set({ name: hostileName })
        .where('slug', '=', 'balena')
        .execute();
      await store.db
        .insertInto('components')
        .values(
          ['API', hostileComponents[0]!].map((name, position) => ({
            vendor_slug: 'balena',
            id: `c${position}`,
            name,
            group_name: null,
            status: 'operational',
            position,
            updated_at: '2026-12-04T12:00:00.000Z',
          })),
        )
        .execute();
      const page = await admin.get('/manage/vendors');
      expect(page.body).not.toContain('<img src=x');
      expect(page.body).toContain('&lt;img src=x');
      expect(page.body).toContain('name="component-1"');

      const bad = await admin.request('POST', '/manage/vendors/balena/edit', {
        form: { _csrf: csrf, interval: '2d' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body).toContain('the interval must be from 1s to 1d');
      const edited = await admin.request('POST', '/manage/vendors/balena/edit', {
        form: {
          _csrf: csrf,
          interval: '5m',
          'listed-0': 'API',
          'listed-1': hostileComponents[0]!,
          'component-0': 'API',
        },
      });
      expect([edited.status, edited.location]).toEqual([303, '/manage/vendors?done=edited']);
      const vendor = JSON.parse((await server.client().get('/api/v1/vendors/balena')).body);
      expect(vendor).toMatchObject({ followedComponents: ['API'] });
      expect((await admin.get('/manage/vendors')).body).toContain('1 of 2 components');
      expect(await auditLines(admin)).toEqual([
        'vendor.added ops@example.com balena',
        'vendor.edited ops@example.com balena',
      ]);

      // Loopback is not allowed here: the page says so and keeps what was typed.
      const refused = await admin.request('POST', '/manage/vendors/detect', {
        form: { _csrf: csrf, url: 'http://127.0.0.1:9/' },
      });
      expect(refused.status).toBe(422);
      expect(refused.body).toContain('vendorwatch may not fetch this address');
      expect(refused.body).toContain('value="http://127.0.0.1:9/"');
      const notUrl = await admin.request('POST', '/manage/vendors/detect', {
        form: { _csrf: csrf, url: 'status.example.com' },
      });
      expect(notUrl.status).toBe(400);
      expect(notUrl.body).toContain('paste the http(s) address of a status page');
      const taken = await admin.request('POST', '/manage/vendors/add', {
        form: { _csrf: csrf, catalog: 'balena' },
      });
      expect(taken.status).toBe(409);
      expect(taken.body).toContain('already exists');
    } finally {
      await server.close();
    }
  });

  it("shows an admin a vendor's push URL, the same each time, that the ingest route accepts", async () => {
    await withServer(async (server, admin) => {
      const csrf = await admin.csrf('/manage/vendors');
      const pushUrlOf = async (slug: string) => {
        const answer = await admin.request('POST', `/manage/vendors/${slug}/push-url`, {
          form: { _csrf: csrf },
        });
        expect(answer.status).toBe(200);
        const url = /data-testid="push-url">([^<]+)</.exec(answer.body)?.[1];
        expect(answer.body).toContain('server.publicUrl</code> is not set');
        return url!;
      };
      // A config-file vendor has a push URL too: pushes are not a change to it.
      const first = await pushUrlOf('fromfile');
      expect(first).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ingest\/fromfile\/[A-Za-z0-9_-]{43}$/);
      expect(await pushUrlOf('fromfile')).toBe(first);
      const pushed = await server.client().request('POST', new URL(first).pathname, {
        json: { incident: { id: 'x', name: 'Elevated errors', status: 'investigating' } },
      });
      expect(pushed.status).toBe(202);
      const wrong = await server.client().request('POST', `${new URL(first).pathname}x`, {
        json: { incident: { id: 'x', name: 'Elevated errors', status: 'investigating' } },
      });
      expect(wrong.status).toBe(404);
      const missing = await admin.request('POST', '/manage/vendors/nosuch/push-url', {
        form: { _csrf: csrf },
      });
      expect(missing.status).toBe(404);
      const audit = await admin.get('/manage/audit');
      expect(audit.body).toContain('vendor.push-url-shown');
      expect(audit.body).not.toContain(new URL(first).pathname.split('/').pop()!);
    });
  });

  it('gives a viewer 403 on every watch list route, form and API call, and refuses cross-origin forms', async () => {
    await withServer(async (server, admin) => {
      const csrf = await admin.csrf('/manage/vendors');
      expect(
        (
          await admin.request('POST', '/manage/vendors/add', {
            form: { _csrf: csrf, catalog: 'balena' },
          })
        ).status,
      ).toBe(303);
      const { client: viewer } = await inviteAndAccept(
        server,
        admin,
        'viewer@example.com',
        'viewer',
        'viewer-password-7c1e9a',
      );
      const viewerCsrf = await viewer.csrf();
      expect((await viewer.get('/manage/vendors')).status).toBe(403);
      expect((await viewer.get('/manage/vendors?q=git')).status).toBe(403);
      for (const [path, form] of [
        ['/manage/vendors/add', { catalog: 'github' }],
        ['/manage/vendors/detect', { url: 'https://status.example.com' }],
        ['/manage/vendors/balena/pause', {}],
        ['/manage/vendors/balena/resume', {}],
        ['/manage/vendors/balena/edit', { interval: '5m' }],
        ['/manage/vendors/balena/remove', { history: 'delete' }],
        ['/manage/vendors/balena/push-url', {}],
      ] as const) {
        const answer = await viewer.request('POST', path, { form: { _csrf: viewerCsrf, ...form } });
        expect(answer.status, path).toBe(403);
      }
      for (const [method, json] of [
        ['PATCH', { paused: true }],
        ['DELETE', undefined],
      ] as const) {
        const answer = await viewer.request(method, '/api/v1/vendors/balena', {
          json,
          headers: { 'x-csrf-token': viewerCsrf },
        });
        expect(answer.status, method).toBe(403);
      }

      // The admin's own forms, posted from another origin or without the token, are refused.
      const crossSite = await admin.request('POST', '/manage/vendors/balena/remove', {
        form: { _csrf: csrf, history: 'delete' },
        headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      });
      expect(crossSite.status).toBe(403);
      const noToken = await admin.request('POST', '/manage/vendors/balena/pause', { form: {} });
      expect(noToken.status).toBe(403);
      const crossApi = await admin.request('DELETE', '/api/v1/vendors/balena', {
        headers: {
          'x-csrf-token': csrf,
          origin: 'https://evil.example',
          'sec-fetch-site': 'cross-site',
        },
      });
      expect(crossApi.status).toBe(403);

      // Nothing changed: balena is still watched and unpaused.
      const page = await admin.get('/manage/vendors');
      expect(page.body).toContain('/manage/vendors/balena/pause');
      expect(await auditLines(admin)).toEqual(['vendor.added ops@example.com balena']);
    });
  });
});
