// Accounts on the service as `serve` runs it (config file with auth settings, SQLite file, the
// real logger at debug level): setup, a failed and a good sign-in, an invitation, a target added
// with the session — then every log line and every answer is searched for the passwords and
// tokens, which must appear nowhere.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, expect, it } from 'vitest';
import { startService } from '../../src/app/service.js';
import { loadConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/logger.js';
import { listAudit } from '../../src/store/index.js';
import { Client } from '../test-support/auth-server.js';

const dir = mkdtempSync(join(tmpdir(), 'vw-accounts-service-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('serves accounts with the config file, and never logs or answers a password or token', async () => {
  const adminToken = 'service-admin-token-5b7e1d';
  const password = 'service-admin-password-88';
  writeFileSync(
    join(dir, 'vendorwatch.yaml'),
    [
      `database: ${join(dir, 'vw.db')}`,
      'vendors: []',
      'server: { port: 0, publicUrl: "https://status.example.com" }',
      'auth: { readAccess: signed-in, sessionIdle: 1h, lockDuration: 5m }',
      'network: { allowedPrivateRanges: [127.0.0.0/8] }',
    ].join('\n'),
  );
  const config = loadConfig({ env: { VENDORWATCH_ADMIN_TOKEN: adminToken }, cwd: dir });
  expect(config.auth).toEqual({
    readAccess: 'signed-in',
    sessionIdleSeconds: 3600,
    sessionMaxAgeSeconds: 7 * 86_400,
    lockSeconds: 300,
  });
  const logs = new PassThrough();
  let logText = '';
  logs.on('data', (chunk: Buffer) => (logText += chunk.toString()));
  const service = await startService(
    config,
    { poller: false, web: true },
    createLogger('debug', logs),
  );
  const transcript: string[] = [];
  try {
    const url = service.url!;
    const browser = new Client(url, transcript);
    expect((await browser.get('/')).location).toBe('/signin?next=%2F');
    const setup = await browser.request('POST', '/setup', {
      form: { email: 'ops@example.com', password, confirm: password },
    });
    expect(setup.status).toBe(303);
    // publicUrl is https: the cookie is Secure and __Host- (a browser would only send it over https).
    expect(browser.setCookies.at(-1)).toMatch(/^__Host-vw_session=.*; Secure; Max-Age=604800$/);
    const sessionToken = browser.sessionToken!;
    const wrong = await new Client(url, transcript).signIn(
      'ops@example.com',
      'not-the-password-123',
    );
    expect(wrong.body).toContain('wrong email or password');
    expect((await browser.get('/')).status).toBe(200);
    const csrf = await browser.csrf();
    const invited = await browser.request('POST', '/manage/users/invite', {
      form: { _csrf: csrf, email: 'viewer@example.com', role: 'viewer' },
    });
    expect(invited.body).toContain('https://status.example.com/invite/');
    const added = await browser.request('POST', '/api/v1/targets', {
      json: {
        name: 'ops-hook',
        type: 'webhook',
        url: 'http://127.0.0.1:8080/hook',
        secret: 'hook-secret-xyz123',
      },
      headers: { 'x-csrf-token': csrf },
    });
    expect(added.status, added.body).toBe(201);
    const audit = await listAudit(service.store.db, { limit: 20 });
    expect(audit.map((entry) => entry.action).reverse()).toEqual([
      'user.created',
      'sign-in.failed',
      'user.invited',
      'target.added',
    ]);
    await browser.request('POST', '/signout', { form: { _csrf: csrf } });

    const everything = `${logText}\n${transcript.join('\n')}`;
    expect(logText).toContain('web server listening');
    for (const secret of [
      password,
      'not-the-password-123',
      adminToken,
      sessionToken,
      'hook-secret-xyz123',
    ]) {
      expect(everything).not.toContain(secret);
    }
  } finally {
    await service.stop();
  }
});
