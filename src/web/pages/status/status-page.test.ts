// /status/{slug}: a public board's page for a company's customers (no script, no link into
// vendorwatch, its own CSP, vendor text escaped) and its JSON twin (CORS open); a private board's
// answers exactly as an unknown board's to anyone signed out, under either readAccess, and is
// shown to a signed-in person. Over a real loopback server with accounts on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, setUpAdmin, type AuthServer } from '../../../../test/test-support/auth-server.js';
import type { Store } from '../../../store/index.js';
import { databaseOpeners } from '../../../store/test-support/database-openers.js';
import { createApp } from '../../app.js';
import { startServer, type RunningServer } from '../../server.js';
import { boards, hostileTitle, now, seedBoards } from '../../boards/test-support/board-seed.js';

const openerFor = databaseOpeners('status-page');
const expectedPolicy =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; " +
  "form-action 'none'; frame-ancestors *";

let store: Store;
const servers: RunningServer[] = [];

async function serve(readAccess: 'public' | 'signed-in'): Promise<AuthServer> {
  const app = createApp({
    db: store.db,
    now: () => now,
    boards,
    auth: {
      readAccess,
      sessionIdleSeconds: 3600,
      sessionMaxAgeSeconds: 4 * 3600,
      lockSeconds: 900,
      adminToken: null,
    },
  });
  const server = await startServer(app, { host: '127.0.0.1', port: 0 });
  servers.push(server);
  const transcript: string[] = [];
  return {
    url: server.url,
    origin: server.url,
    clock: { now },
    transcript,
    client: () => new Client(server.url, transcript),
    close: () => server.close(),
  };
}

beforeAll(async () => {
  ({ store } = await openerFor('sqlite').fresh());
  await seedBoards(store);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

const email = 'ops@example.com';
const password = 'status-page-password-8';

/** The first server sets the admin up; later ones (same store) sign in. */
async function signedIn(server: AuthServer): Promise<Client> {
  try {
    return await setUpAdmin(server, email, password);
  } catch {
    const client = server.client();
    const answer = await client.signIn(email, password);
    if (answer.status !== 303) throw new Error(`sign-in answered ${answer.status}`);
    return client;
  }
}

function anchors(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)].map((match) => match[1]!);
}

describe('a board status page', () => {
  it('is a self-contained page for customers: no script, no internal link, its own CSP', async () => {
    const server = await serve('public');
    const page = await server.client().get('/status/payments');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(expectedPolicy);
    expect(page.headers.get('x-frame-options')).toBeNull();
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.body).not.toMatch(/<script/i);
    expect(page.body).not.toMatch(/<form/i);
    expect(page.body).toContain('Example Ltd');
    expect(page.body).toContain('All our providers report normal operation.');
    // Only the company and the vendors' own pages are linked, absolutely.
    const allowed = [
      'https://example.com/',
      'https://status.acme.example/',
      'https://status.beta.example/',
    ];
    const links = anchors(page.body);
    expect(links.length).toBeGreaterThanOrEqual(3);
    for (const href of links) expect(allowed, href).toContain(href);
    // Acme's API (off the board) and its open incident are not on the page.
    expect(page.body).not.toContain('API errors');
    expect(page.body).toContain('Database');
    expect(page.body).toMatch(/class="bars"/);
  });

  it('tells open incidents in plain words with the vendor link, escaping vendor text', async () => {
    // A public variant of the ops board shows acme's open incident.
    const opsPublic = boards.map((board) =>
      board.slug === 'ops' ? { ...board, public: true } : board,
    );
    const app = createApp({ db: store.db, now: () => now, boards: opsPublic });
    const response = await app.request('http://vw.test/status/ops');
    const html = await response.text();
    expect(html).toContain('&lt;img src=x');
    expect(html).not.toContain(hostileTitle);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('href="https://status.example/incidents/open1"');
    for (const href of anchors(html)) expect(href).toMatch(/^https:\/\//);
    expect(html).toMatch(/investigating update o-u1/);
  });

  it('has a JSON twin open to any origin', async () => {
    const server = await serve('public');
    const answer = await server.client().get('/status/payments.json');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = JSON.parse(answer.body);
    expect(body.board).toEqual({
      slug: 'payments',
      name: 'Payments',
      description: 'What checkout depends on',
      company: { name: 'Example Ltd', url: 'https://example.com/' },
    });
    expect(body.status).toBe('operational');
    expect(body.vendors.map((v: { slug: string }) => v.slug)).toEqual(['acme', 'beta']);
    const database = body.vendors[0].components[0];
    expect(database).toMatchObject({ name: 'Database', status: 'operational' });
    expect(database.days).toHaveLength(90);
    const etag = answer.headers.get('etag')!;
    const again = await server.client().get('/status/payments.json', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    const page = await server.client().get('/status/payments');
    const revalidated = await server
      .client()
      .get('/status/payments', { 'if-none-match': page.headers.get('etag')! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('content-security-policy')).toBe(expectedPolicy);
  });

  for (const readAccess of ['public', 'signed-in'] as const) {
    it(`answers 404 for a private board as for an unknown one when signed out (${readAccess})`, async () => {
      const server = await serve(readAccess);
      const anonymous = server.client();
      const unknown = await anonymous.get('/status/nobody');
      const hidden = await anonymous.get('/status/ops');
      expect([unknown.status, hidden.status]).toEqual([404, 404]);
      expect(hidden.body).toBe(unknown.body);
      expect(hidden.headers.get('content-security-policy')).toBe(expectedPolicy);
      const hiddenJson = await anonymous.get('/status/ops.json');
      expect(hiddenJson.status).toBe(404);
      expect(hiddenJson.body).toBe((await anonymous.get('/status/nobody.json')).body);
      // The public board stays public even when the rest needs signing in.
      expect((await anonymous.get('/status/payments')).status).toBe(200);

      const admin = await signedIn(server);
      const shown = await admin.get('/status/ops');
      expect(shown.status).toBe(200);
      expect(shown.body).toContain('<h1>Operations</h1>');
    });
  }

  it('is refused its private board dashboard when the rest needs signing in', async () => {
    const server = await serve('signed-in');
    const answer = await server.client().get('/boards/ops');
    expect([302, 303, 401]).toContain(answer.status);
  });
});
