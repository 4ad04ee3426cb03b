// Accounts attacked over real HTTP, on a SQLite file and on PostgreSQL: cross-origin forms,
// viewers on management routes, brute force, cookie flags, rotation, expiry, read access, the
// admin token beside sessions, the audit log, and no password or token in any answer.
import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../test-support/databases.js';
import { databaseOpeners } from '../../src/store/test-support/database-openers.js';
import {
  adminToken,
  inviteAndAccept,
  setUpAdmin,
  startAuthServer,
  type AuthServer,
  type Client,
} from '../test-support/auth-server.js';

const openerFor = databaseOpeners('auth');
const adminPassword = 'correct horse battery staple';
const viewerPassword = 'viewer-password-7c1e9a';

function later(server: AuthServer, seconds: number) {
  server.clock.now = new Date(Date.parse(server.clock.now) + seconds * 1000).toISOString();
}

async function withServer(
  kind: (typeof databaseKinds)[number],
  settings: Parameters<typeof startAuthServer>[1],
  run: (server: AuthServer) => Promise<void>,
) {
  const { store } = await openerFor(kind).fresh();
  const server = await startAuthServer(store, settings);
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

async function auditActions(client: Client): Promise<string[]> {
  const answer = await client.request('GET', '/api/v1/audit?limit=200', {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  const { entries } = JSON.parse(answer.body) as {
    entries: Array<{ action: string; actor: string; subject: string | null }>;
  };
  return entries
    .map((entry) => `${entry.action} ${entry.actor}${entry.subject ? ` ${entry.subject}` : ''}`)
    .reverse();
}

describe.each(databaseKinds)('accounts on %s', (kind) => {
  const opener = openerFor(kind);

  it('first run: /setup makes the first admin once, then is gone; a cross-origin setup is refused', async () => {
    const { store } = await opener.fresh();
    const server = await startAuthServer(store);
    try {
      const anonymous = server.client();
      expect((await anonymous.get('/signin')).body).toContain('Create the first admin account');
      expect((await anonymous.get('/setup')).status).toBe(200);
      const forged = await anonymous.request('POST', '/setup', {
        form: {
          email: 'evil@example.com',
          password: 'evil-password-123',
          confirm: 'evil-password-123',
        },
        headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      });
      expect(forged.status).toBe(403);
      const weak = await anonymous.request('POST', '/setup', {
        form: { email: 'ops@example.com', password: 'short', confirm: 'short' },
      });
      expect(weak.status).toBe(400);
      expect(weak.body).toContain('at least 12 characters');

      const admin = await setUpAdmin(server, 'Ops@Example.com', adminPassword);
      expect(admin.sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const users = await admin.get('/manage/users');
      expect(users.status).toBe(200);
      expect(users.body).toContain('ops@example.com');
      expect(users.body).toContain('Sign out');
      expect((await anonymous.get('/setup')).status).toBe(404);
      const again = await anonymous.request('POST', '/setup', {
        form: { email: 'second@example.com', password: adminPassword, confirm: adminPassword },
      });
      expect(again.status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, Path=/, not Secure over http', async () => {
    await withServer(kind, {}, async (server) => {
      const admin = await setUpAdmin(server, 'ops@example.com', adminPassword);
      const cookie = admin.setCookies.at(-1)!;
      expect(cookie).toMatch(/^vw_session=[A-Za-z0-9_-]{43}; /);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Lax');
      expect(cookie).toContain('Path=/');
      expect(cookie).toContain(`Max-Age=${4 * 3600}`);
      expect(cookie).not.toContain('Secure');
    });
  });

  it('sets it Secure, with the __Host- prefix, when server.publicUrl is https', async () => {
    await withServer(kind, { publicUrl: 'https://status.example.com' }, async (server) => {
      const admin = await setUpAdmin(server, 'ops@example.com', adminPassword);
      const cookie = admin.setCookies.at(-1)!;
      expect(cookie).toMatch(
        /^__Host-vw_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Secure; /,
      );
      // A plain vw_session cookie is not read when cookies are Secure.
      const plain = server.client();
      plain.cookie = `vw_session=${admin.sessionToken}`;
      expect((await plain.get('/account')).status).toBe(303);
      expect((await admin.get('/account')).status).toBe(200);
    });
  });

  it('rotates the session on sign-in: the token held before is no longer valid', async () => {
    await withServer(kind, {}, async (server) => {
      const admin = await setUpAdmin(server, 'ops@example.com', adminPassword);
      const before = admin.cookie!;
      expect((await admin.signIn('ops@example.com', adminPassword)).status).toBe(303);
      expect(admin.cookie).not.toBe(before);
      expect((await admin.get('/account')).status).toBe(200);
      const stale = server.client();
      stale.cookie = before;
      const answer = await stale.get('/account');
      expect(answer.status).toBe(303);
      expect(answer.location).toBe('/signin?next=%2Faccount');
    });
  });

  it('ends a session idle too long, and any session at its absolute end', async () => {
    await withServer(kind, {}, async (server) => {
      const admin = await setUpAdmin(server, 'ops@example.com', adminPassword);
      later(server, 3599);
      expect((await admin.get('/account')).status).toBe(200);
      later(server, 3600);
      expect((await admin.get('/account')).status).toBe(303);
      expect(admin.cookie).toBeNull(); // the server cleared it

      const busy = server.client();
      await busy.signIn('ops@example.com', adminPassword);
      for (let step = 0; step < 4; step++) {
        later(server, 3000);
        expect((await busy.get('/account')).status).toBe(200);
      }
      later(server, 3000); // 4 h 10 min after sign-in, 50 min after the last request
      expect((await busy.get('/account')).status).toBe(303);
    });
  });

  it(
    'locks an account after 10 wrong passwords and says so, even to the right password',
    { timeout: 90_000 },
    async () => {
      await withServer(kind, {}, async (server) => {
        await setUpAdmin(server, 'ops@example.com', adminPassword);
        const attacker = server.client();
        for (let attempt = 1; attempt <= 9; attempt++) {
          const answer = await attacker.signIn('ops@example.com', `wrong-${attempt}`);
          expect(answer.status).toBe(401);
          expect(answer.body).toContain('wrong email or password');
        }
        const tenth = await attacker.signIn('ops@example.com', 'wrong-10');
        expect(tenth.status).toBe(429);
        expect(tenth.body).toContain('too many failed sign-ins; try again in 15 minutes');
        const right = await server.client().signIn('ops@example.com', adminPassword);
        expect(right.status).toBe(429);
        expect(right.body).toContain('too many failed sign-ins; try again in 15 minutes');
        later(server, 10 * 60);
        expect((await server.client().signIn('ops@example.com', adminPassword)).body).toContain(
          'try again in 5 minutes',
        );
        later(server, 5 * 60);
        expect((await server.client().signIn('ops@example.com', adminPassword)).status).toBe(303);
        const actions = await auditActions(server.client());
        expect(
          actions.filter((line) => line.startsWith('sign-in.failed ops@example.com')),
        ).toHaveLength(10);
        expect(actions.filter((line) => line.startsWith('sign-in.refused-locked'))).toHaveLength(2);
        expect(actions.at(-1)).toBe('sign-in ops@example.com');
      });
    },
  );

  it('locks an address that tries many accounts', { timeout: 120_000 }, async () => {
    await withServer(kind, {}, async (server) => {
      await setUpAdmin(server, 'ops@example.com', adminPassword);
      const sprayer = server.client();
      let last = await sprayer.signIn('nobody-0@example.com', 'guess');
      for (let attempt = 1; attempt < 30; attempt++) {
        last = await sprayer.signIn(`nobody-${attempt}@example.com`, 'guess');
      }
      expect(last.status).toBe(429);
      expect(last.body).toContain('too many failed sign-ins; try again in 15 minutes');
      // The same address, now with a real account and its password: still refused.
      expect((await sprayer.signIn('ops@example.com', adminPassword)).status).toBe(429);
    });
  });

  it('refuses forms posted from another origin, and forms without the session CSRF token', async () => {
    await withServer(kind, {}, async (server) => {
      const admin = await setUpAdmin(server, 'ops@example.com', adminPassword);
      const csrf = await admin.csrf();
      const invite = (headers: Record<string, string>, token: string | null) =>
        admin.request('POST', '/manage/users/invite', {
          form: {
            ...(token === null ? {} : { _csrf: token }),
            email: 'x@example.com',
            role: 'admin',
          },
          headers,
        });
      const crossSite = await invite(
        { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
        csrf,
      );
      expect(crossSite.status).toBe(403);
      const sameSite = await invite(
        { origin: 'https://sub.127.0.0.1.nip.io', 'sec-fetch-site': 'same-site' },
        csrf,
      );
      expect(sameSite.status).toBe(403);
      const otherOrigin = await invite(
        { origin: 'https://evil.example', 'sec-fetch-site': '' },
        csrf,
      );
      expect(otherOrigin.status).toBe(403);
      const nullOrigin = await invite({ origin: 'null', 'sec-fetch-site': '' }, csrf);
      expect(nullOrigin.status).toBe(403);
      expect((await invite({}, null)).status).toBe(403);
      expect((await invite({}, 'A'.repeat(43))).status).toBe(403);
      // Another session's token is not this session's.
      const other = server.client();
      await other.signIn('ops@example.com', adminPassword);
      expect((await invite({}, await other.csrf())).status).toBe(403);
      expect((await admin.get('/manage/users')).body).not.toContain('x@example.com');
      // Sign-out is a form too.
      const signOut = await admin.request('POST', '/signout', {
        form: { _csrf: csrf },
        headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      });
      expect(signOut.status).toBe(403);
      expect((await admin.get('/account')).status).toBe(200);
      const ok = await invite({}, csrf);
      expect(ok.status).toBe(200);
      expect(ok.body).toContain('/invite/');
    });
  });

  it('gives a viewer 403 on every management route, form and API write', async () => {
    await withServer(kind, {}, async (server) => {
      const admin = await setUpAdmin(server, 'ops@example.com', adminPassword);
      const { client: viewer } = await inviteAndAccept(
        server,
        admin,
        'viewer@example.com',
        'viewer',
        viewerPassword,
      );
      const csrf = await viewer.csrf();
      const adminId = /action="\/manage\/users\/(\d+)\/role"/.exec(
        (await admin.get('/manage/users')).body,
      )![1];
      for (const path of ['/manage', '/manage/users', '/manage/audit', '/manage/anything']) {
        expect((await viewer.get(path)).status, path).toBe(403);
      }
      const forms: Array<[string, Record<string, string>]> = [
        ['/manage/users/invite', { email: 'new@example.com', role: 'admin' }],
        [`/manage/users/${adminId}/role`, { role: 'viewer' }],
        [`/manage/users/${adminId}/remove`, {}],
      ];
      for (const [path, form] of forms) {
        const answer = await viewer.request('POST', path, { form: { _csrf: csrf, ...form } });
        expect(answer.status, path).toBe(403);
        expect(answer.body).toContain('needs an admin');
      }
      const api = (method: string, path: string, json?: unknown) =>
        viewer.request(method, path, { json, headers: { 'x-csrf-token': csrf } });
      expect((await api('GET', '/api/v1/audit')).status).toBe(403);
      expect(
        (
          await api('POST', '/api/v1/targets', {
            name: 'x',
            type: 'webhook',
            url: 'http://127.0.0.1:8080/x',
          })
        ).status,
      ).toBe(403);
      expect((await api('DELETE', '/api/v1/targets/x')).status).toBe(403);
      expect((await api('POST', '/api/v1/vendors', { slug: 'github' })).status).toBe(403);
      // The viewer reads as before, and its own account page and sign-out work.
      expect((await viewer.get('/')).status).toBe(200);
      expect((await viewer.get('/account')).body).toContain('viewer@example.com');
      expect((await admin.get('/manage/users')).body).toContain('viewer@example.com');
    });
  });

  it('never leaves vendorwatch without an admin', async () => {
    await withServer(kind, {}, async (server) => {
      const admin = await setUpAdmin(server, 'ops@example.com', adminPassword);
      const id = /action="\/manage\/users\/(\d+)\/role"/.exec(
        (await admin.get('/manage/users')).body,
      )![1];
      const csrf = await admin.csrf();
      const demote = await admin.request('POST', `/manage/users/${id}/role`, {
        form: { _csrf: csrf, role: 'viewer' },
      });
      expect(demote.status).toBe(409);
      expect(demote.body).toContain('at least one admin');
      const remove = await admin.request('POST', `/manage/users/${id}/remove`, {
        form: { _csrf: csrf },
      });
      expect(remove.status).toBe(409);
      // With a second admin, the first may step down.
      await inviteAndAccept(server, admin, 'second@example.com', 'admin', viewerPassword);
      const stepDown = await admin.request('POST', `/manage/users/${id}/role`, {
        form: { _csrf: csrf, role: 'viewer' },
      });
      expect(stepDown.status).toBe(303);
      expect((await admin.get('/manage/users')).status).toBe(403);
    });
  });

  it('under readAccess signed-in, hides pages and the read API from anonymous users', async () => {
    await withServer(kind, { readAccess: 'signed-in' }, async (server) => {
      const anonymous = server.client();
      for (const path of [
        '/',
        '/incidents',
        '/deliveries',
        '/vendors/github',
        '/feed.atom',
        '/api/docs',
      ]) {
        const answer = await anonymous.get(path);
        expect(answer.status, path).toBe(303);
        expect(answer.location).toBe(`/signin?next=${encodeURIComponent(path)}`);
      }
      for (const path of [
        '/api/v1/vendors',
        '/api/v1/incidents',
        '/api/v1/events',
        '/api/openapi.json',
        '/metrics',
        '/compat/github/api/v2/summary.json',
        '/maintenances.ics',
        '/vendors/github/maintenances.ics',
      ]) {
        const answer = await anonymous.get(path);
        expect(answer.status, path).toBe(401);
        if (path.startsWith('/api/'))
          expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'unauthorized' } });
      }
      expect((await anonymous.get('/healthz')).status).toBe(200);
      expect((await anonymous.get('/readyz')).status).toBe(200);
      expect((await anonymous.get('/signin')).status).toBe(200);
      expect((await anonymous.get('/setup')).status).toBe(200);
      const bearer = { authorization: `Bearer ${adminToken}` };
      expect((await anonymous.get('/metrics', bearer)).status).toBe(200);
      expect((await anonymous.get('/api/v1/vendors', bearer)).status).toBe(200);

      const admin = await setUpAdmin(server, 'ops@example.com', adminPassword);
      expect((await admin.get('/')).status).toBe(200);
      expect((await admin.get('/api/v1/vendors')).status).toBe(200);
      expect((await admin.get('/metrics')).status).toBe(200);
    });
  });

  it('keeps public reads open by default, management still needs sign-in', async () => {
    await withServer(kind, {}, async (server) => {
      const anonymous = server.client();
      expect((await anonymous.get('/')).status).toBe(200);
      expect((await anonymous.get('/api/v1/vendors')).status).toBe(200);
      expect((await anonymous.get('/manage/users')).location).toBe(
        '/signin?next=%2Fmanage%2Fusers',
      );
      expect((await anonymous.get('/api/v1/audit')).status).toBe(401);
      const forged = await anonymous.request('POST', '/manage/users/invite', {
        form: { email: 'a@b.c', role: 'admin' },
      });
      expect(forged.status).toBe(303);
      expect(forged.location).toBe('/signin');
    });
  });

  it('targets: the admin token and an admin session (with its CSRF header) both write; the audit log says who', async () => {
    await withServer(kind, {}, async (server) => {
      const admin = await setUpAdmin(server, 'ops@example.com', adminPassword);
      const csrf = await admin.csrf();
      const target = (name: string) => ({
        name,
        type: 'webhook',
        url: 'http://127.0.0.1:8080/hook',
      });
      const bySession = await admin.request('POST', '/api/v1/targets', {
        json: target('by-session'),
        headers: { 'x-csrf-token': csrf },
      });
      expect(bySession.status, bySession.body).toBe(201);
      const noHeader = await admin.request('POST', '/api/v1/targets', {
        json: target('no-header'),
      });
      expect(noHeader.status).toBe(403);
      const crossOrigin = await admin.request('POST', '/api/v1/targets', {
        json: target('cross'),
        headers: {
          'x-csrf-token': csrf,
          origin: 'https://evil.example',
          'sec-fetch-site': 'cross-site',
        },
      });
      expect(crossOrigin.status).toBe(403);
      const tokenClient = server.client();
      const byToken = await tokenClient.request('POST', '/api/v1/targets', {
        json: target('by-token'),
        headers: { authorization: `Bearer ${adminToken}`, origin: '', 'sec-fetch-site': '' },
      });
      expect(byToken.status).toBe(201);
      const wrongToken = await tokenClient.request('POST', '/api/v1/targets', {
        json: target('wrong'),
        headers: { authorization: 'Bearer nope', origin: '', 'sec-fetch-site': '' },
      });
      expect(wrongToken.status).toBe(401);
      expect(wrongToken.headers.get('www-authenticate')).toBe('Bearer');
      const removed = await admin.request('DELETE', '/api/v1/targets/by-token', {
        headers: { 'x-csrf-token': csrf },
      });
      expect(removed.status).toBe(200);
      const actions = await auditActions(admin);
      expect(actions).toEqual(
        expect.arrayContaining([
          'target.added ops@example.com by-session',
          'target.added admin token by-token',
          'target.removed ops@example.com by-token',
        ]),
      );
      expect(actions.join('\n')).not.toContain('no-header');
    });
  });

  it('records each action in the audit log, and no password or token appears in any answer', async () => {
    await withServer(kind, {}, async (server) => {
      const admin = await setUpAdmin(server, 'ops@example.com', adminPassword);
      await admin.signIn('ops@example.com', 'a-wrong-password-4411');
      const { client: viewer, link } = await inviteAndAccept(
        server,
        admin,
        'viewer@example.com',
        'viewer',
        viewerPassword,
      );
      const page = (await admin.get('/manage/users')).body;
      const id = /viewer@example\.com<\/strong>[^]*?\/manage\/users\/(\d+)\/role/.exec(page)![1];
      const csrf = await admin.csrf();
      expect(
        (
          await admin.request('POST', `/manage/users/${id}/role`, {
            form: { _csrf: csrf, role: 'admin' },
          })
        ).status,
      ).toBe(303);
      const viewerToken = viewer.sessionToken!;
      await viewer.request('POST', '/signout-everywhere', { form: { _csrf: await viewer.csrf() } });
      expect(viewer.cookie).toBeNull();
      expect(
        (await admin.request('POST', `/manage/users/${id}/remove`, { form: { _csrf: csrf } }))
          .status,
      ).toBe(303);
      await admin.request('POST', '/signout', { form: { _csrf: csrf } });
      expect((await admin.get('/account')).status).toBe(303);

      const actions = await auditActions(server.client());
      expect(actions).toEqual([
        'user.created ops@example.com ops@example.com',
        'sign-in.failed ops@example.com',
        'user.invited ops@example.com viewer@example.com',
        'user.invite-accepted viewer@example.com viewer@example.com',
        'user.role-changed ops@example.com viewer@example.com',
        'sign-out.everywhere viewer@example.com',
        'user.removed ops@example.com viewer@example.com',
        'sign-out ops@example.com',
      ]);
      const everything = server.transcript.join('\n');
      for (const secret of [
        adminPassword,
        viewerPassword,
        'a-wrong-password-4411',
        adminToken,
        viewerToken,
      ]) {
        expect(everything).not.toContain(secret);
      }
      for (const value of admin.setCookies.concat(viewer.setCookies)) {
        const token = value.split(';')[0]!.split('=')[1]!;
        if (token) expect(everything).not.toContain(token);
      }
      // The invitation's token is shown once, to the admin who made it, and is dead after use.
      const inviteToken = new URL(link).pathname.split('/').at(-1)!;
      expect(everything.split(inviteToken)).toHaveLength(2);
      expect((await server.client().get(new URL(link).pathname)).status).toBe(404);
    });
  });
});
