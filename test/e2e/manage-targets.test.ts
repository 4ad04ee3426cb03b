// /manage/targets over real HTTP, on a SQLite file and on PostgreSQL: a form per channel type,
// validation errors with what to fix, "Send test" to loopback receivers (a Slack-type and a
// webhook target, a failing one too), disable/enable, edit with secrets kept, remove, the audit
// entries of each, a viewer refused on every route and form, a cross-origin form refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelForms } from '../../src/app/target-forms.js';
import { claimNotifyTargets, getNotifyTarget, type Store } from '../../src/store/index.js';
import { databaseOpeners } from '../../src/store/test-support/database-openers.js';
import { databaseKinds } from '../test-support/databases.js';
import {
  adminToken,
  inviteAndAccept,
  setUpAdmin,
  startAuthServer,
  type AuthServer,
  type Client,
} from '../test-support/auth-server.js';
import { startReceiver, type LoopbackReceiver } from '../test-support/loopback-receiver.js';
import { findActiveContent, visibleText } from '../../src/web/pages/test-support/inert-html.js';
import {
  hostileComponents,
  hostileName,
  xssVectors,
} from '../../src/web/pages/test-support/xss-vectors.js';

const openerFor = databaseOpeners('manage-targets');
const adminPassword = 'targets-admin-password-41';

async function auditActions(client: Client): Promise<string[]> {
  const answer = await client.request('GET', '/api/v1/audit?limit=200', {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  const { entries } = JSON.parse(answer.body) as {
    entries: Array<{ action: string; subject: string | null }>;
  };
  return entries.map((entry) => `${entry.action} ${entry.subject ?? ''}`.trim()).reverse();
}

/** The text a person reads: tags dropped, entities decoded enough for these checks. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** One watched vendor with two components and one event, straight into the store. */
async function seedVendor(store: Store, at: string) {
  await store.db
    .insertInto('vendors')
    .values({
      slug: 'acme',
      name: 'Acme <Cloud>',
      status_page_url: 'https://status.acme.example',
      platform: 'statuspage',
      category: 'cloud',
      interval_seconds: 60,
      source: 'config',
      enabled: 1,
      created_at: at,
    })
    .execute();
  await store.db
    .insertInto('components')
    .values(
      ['API', 'Dashboard & "Console"'].map((name, position) => ({
        vendor_slug: 'acme',
        id: `c${position}`,
        name,
        group_name: null,
        status: 'operational',
        position,
        updated_at: at,
      })),
    )
    .execute();
  for (const key of ['before-off', 'while-off', 'after-on']) {
    await store.db
      .insertInto('events')
      .values({
        id: `evt-${key}`,
        type: 'incident.opened',
        vendor_slug: 'acme',
        incident_id: null,
        update_id: null,
        component: null,
        changes: '{}',
        at,
      })
      .execute();
  }
}

describe.each(databaseKinds)('/manage/targets on %s', (kind) => {
  let store: Store;
  let server: AuthServer;
  let admin: Client;
  let viewer: Client;
  let receiver: LoopbackReceiver;

  beforeAll(async () => {
    store = (await openerFor(kind).fresh()).store;
    server = await startAuthServer(
      store,
      {},
      [],
      [
        {
          slug: 'payments',
          name: 'Payments & <Checkout>',
          description: null,
          public: false,
          company: null,
          vendors: [{ slug: 'acme', components: null }],
        },
      ],
    );
    admin = await setUpAdmin(server, 'ops@example.com', adminPassword);
    viewer = (
      await inviteAndAccept(server, admin, 'reader@example.com', 'viewer', 'viewer-password-3b1')
    ).client;
    receiver = await startReceiver();
    await seedVendor(store, server.clock.now);
  });
  afterAll(async () => {
    await receiver?.close();
    await server?.close();
  });

  it('renders a form per channel type, its fields from the registry, secrets as password inputs', async () => {
    const list = await admin.get('/manage/targets');
    expect(list.status).toBe(200);
    expect(list.body).toContain('No notification targets yet');
    expect(list.body).toContain('href="/manage/targets"');
    for (const form of channelForms) {
      expect(list.body).toContain(`href="/manage/targets/new/${form.type}"`);
      const page = await admin.get(`/manage/targets/new/${form.type}`);
      expect(page.status, form.type).toBe(200);
      expect(page.body).toContain(`action="/manage/targets/new/${form.type}"`);
      expect(page.body).toMatch(/name="_csrf" value="[^"]+"/);
      expect(page.body).toContain('name="name"');
      for (const field of form.fields) {
        const input = new RegExp(`<(input|textarea)[^>]*name="field-${field.key}"[^>]*>`).exec(
          page.body,
        )?.[0];
        expect(input, `${form.type}.${field.key}`).toBeDefined();
        if (field.secret) expect(input).toContain('type="password"');
        if (field.required) expect(input).toContain('required');
      }
      expect(page.body).toContain('name="minImpact"');
      expect(page.body).toContain('name="events"');
    }
    expect(channelForms.map((form) => form.type)).toEqual([
      'webhook',
      'slack',
      'discord',
      'teams',
      'email',
      'pagerduty',
      'ntfy',
      'opsgenie',
      'googlechat',
      'mattermost',
      'telegram',
    ]);
    expect((await admin.get('/manage/targets/new/carrier-pigeon')).status).toBe(404);
    expect((await admin.get('/manage/targets/no-such-target')).status).toBe(404);
  });

  it('refuses invalid forms with what to fix, keeping what was entered but never a secret', async () => {
    const csrf = await admin.csrf('/manage/targets');
    const badUrl = await admin.request('POST', '/manage/targets/new/slack', {
      form: { _csrf: csrf, name: 'team-alerts', 'field-url': 'not a url', minImpact: 'major' },
    });
    expect(badUrl.status).toBe(400);
    expect(textOf(badUrl.body)).toContain('Not added: url: must be an http(s) URL');
    expect(badUrl.body).toContain('value="team-alerts"');
    // Beside the field too: the input marked invalid and described by the message.
    expect(badUrl.body).toMatch(
      /<input id="new-field-url"[^>]*aria-invalid="true"[^>]*aria-describedby="new-field-url-error new-field-url-hint"/,
    );
    expect(badUrl.body).toContain(
      '<p class="field-error" id="new-field-url-error">must be an http(s) URL</p>',
    );
    expect(badUrl.body).toMatch(/<option value="major" selected/);

    const missing = await admin.request('POST', '/manage/targets/new/email', {
      form: {
        _csrf: csrf,
        name: 'mail',
        'field-to': 'a@example.com\nb@example.com',
        'field-from': 'vendorwatch@example.com',
      },
    });
    expect(missing.status).toBe(400);
    expect(textOf(missing.body)).toContain('smtp: is required for type email');
    expect(missing.body).toContain('a@example.com\nb@example.com');

    const badName = await admin.request('POST', '/manage/targets/new/webhook', {
      form: {
        _csrf: csrf,
        name: 'Bad Name',
        'field-url': `${receiver.url}/hook-secret-path-77aa`,
        'field-secret': 'signing-secret-0c9d8e',
      },
    });
    expect(badName.status).toBe(400);
    expect(textOf(badName.body)).toContain('name: must be lowercase letters, digits and dashes');
    expect(badName.body).toContain('<p class="field-error" id="new-name-error">');
    expect(badName.body).not.toContain('signing-secret-0c9d8e');
    expect(badName.body).not.toContain('hook-secret-path-77aa');

    const telegram = await admin.request('POST', '/manage/targets/new/telegram', {
      form: { _csrf: csrf, name: 'tg', 'field-token': 'nope', 'field-chatId': '-100123' },
    });
    expect(textOf(telegram.body)).toContain('token: must be a bot token like 123456:ABC-DEF');

    const unknownBoard = await admin.request('POST', '/manage/targets/new/slack', {
      form: { _csrf: csrf, name: 'boarded', 'field-url': `${receiver.url}/b`, boards: 'paymnts' },
    });
    expect(unknownBoard.status).toBe(400);
    expect(textOf(unknownBoard.body)).toContain('did you mean "payments"?');
    const refused = await admin.request('POST', '/manage/targets/new/slack', {
      form: { _csrf: csrf, name: 'meta', 'field-url': 'http://169.254.169.254/latest' },
    });
    expect(refused.status).toBe(422);
    expect(textOf(refused.body)).toContain('Not added: url:');
  });

  it('adds a Slack-type target, sends a test to a loopback receiver and shows the result', async () => {
    const csrf = await admin.csrf('/manage/targets');
    const added = await admin.request('POST', '/manage/targets/new/slack', {
      form: {
        _csrf: csrf,
        name: 'team-slack',
        'field-url': `${receiver.url}/services/T000/B000/slack-token-abc123`,
        events: 'incident.opened',
        vendors: 'acme',
        components: 'acme:Dashboard & "Console"',
        boards: 'payments',
      },
    });
    expect(added.status, added.body).toBe(303);
    expect(added.location).toBe('/manage/targets/team-slack?done=added');
    const detail = await admin.get(added.location!);
    expect(detail.body).toContain('The target was added');
    // The component picker offers the watched vendor's components, the chosen one checked.
    expect(detail.body).toContain('value="acme:API"');
    expect(detail.body).toMatch(/value="acme:Dashboard &amp; &quot;Console&quot;" checked/);
    expect(detail.body).not.toContain('Acme <Cloud>');
    const json = JSON.parse((await admin.get('/api/v1/targets/team-slack')).body) as object;
    expect(json).toMatchObject({
      vendors: ['acme'],
      components: { acme: ['Dashboard & "Console"'] },
      boards: ['payments'],
      events: ['incident.opened'],
      enabled: true,
    });
    expect(detail.body).toMatch(/name="boards" value="payments" checked/);
    expect(detail.body).toContain('Payments &amp; &lt;Checkout&gt;');
    expect(detail.body).not.toContain('slack-token-abc123');
    expect(textOf(detail.body)).toContain('Set. Leave empty to keep it');

    const before = receiver.received.length;
    const tested = await admin.request('POST', '/manage/targets/team-slack/test', {
      form: { _csrf: csrf },
    });
    expect(tested.status).toBe(200);
    expect(textOf(tested.body)).toMatch(/Test sent: HTTP 200 in \d+ ms/);
    const arrived = receiver.received.slice(before);
    expect(arrived).toHaveLength(1);
    expect(arrived[0]!.path).toBe('/services/T000/B000/slack-token-abc123');
    expect(JSON.parse(arrived[0]!.body)).toHaveProperty('text');

    receiver.answer('/services/T000/B000/slack-token-abc123', 500, 'boom at slack-token-abc123');
    const failing = await admin.request('POST', '/manage/targets/team-slack/test', {
      form: { _csrf: csrf },
    });
    expect(textOf(failing.body)).toContain('Test failed');
    expect(textOf(failing.body)).toContain('500');
    expect(failing.body).not.toContain('slack-token-abc123');
    receiver.answer('/services/T000/B000/slack-token-abc123', 200, 'ok');
  });

  it('a webhook target: test arrives signed, a failing receiver shows its error; edit keeps the secret', async () => {
    const csrf = await admin.csrf('/manage/targets');
    const added = await admin.request('POST', '/manage/targets/new/webhook', {
      form: {
        _csrf: csrf,
        name: 'ops-hook',
        'field-url': `${receiver.url}/hooks/ops-hook-path-5e6f`,
        'field-secret': 'webhook-signing-9a8b7c',
      },
    });
    expect(added.status, added.body).toBe(303);
    const before = receiver.received.length;
    const ok = await admin.request('POST', '/manage/targets/ops-hook/test', {
      form: { _csrf: csrf },
    });
    expect(textOf(ok.body)).toMatch(/Test sent: HTTP 200/);
    expect(receiver.received.slice(before)[0]?.headers['x-vendorwatch-signature']).toBeTruthy();

    receiver.answer('/hooks/ops-hook-path-5e6f', 503, 'receiver down for maintenance');
    const failed = await admin.request('POST', '/manage/targets/ops-hook/test', {
      form: { _csrf: csrf },
    });
    expect(failed.status).toBe(200);
    expect(failed.body).toContain('data-test-result="failed"');
    expect(textOf(failed.body)).toContain('503');
    expect(failed.body).not.toContain('ops-hook-path-5e6f');
    receiver.answer('/hooks/ops-hook-path-5e6f', 200, 'ok');

    // Edit: the secrets are left empty (kept), a filter changes; the test still arrives there.
    const edited = await admin.request('POST', '/manage/targets/ops-hook/edit', {
      form: { _csrf: csrf, 'field-url': '', 'field-secret': '', minImpact: 'minor' },
    });
    expect(edited.status, textOf(edited.body).slice(0, 400)).toBe(303);
    const view = JSON.parse((await admin.get('/api/v1/targets/ops-hook')).body) as {
      minImpact: string;
      destination: string;
    };
    expect(view.minImpact).toBe('minor');
    const again = receiver.received.length;
    await admin.request('POST', '/manage/targets/ops-hook/test', { form: { _csrf: csrf } });
    expect(receiver.received.slice(again)[0]?.path).toBe('/hooks/ops-hook-path-5e6f');
    const cleared = await admin.request('POST', '/manage/targets/ops-hook/edit', {
      form: { _csrf: csrf, clear: 'secret', minImpact: 'minor' },
    });
    expect(cleared.status).toBe(303);
    const unsigned = receiver.received.length;
    await admin.request('POST', '/manage/targets/ops-hook/test', { form: { _csrf: csrf } });
    const last = receiver.received.slice(unsigned)[0];
    expect(last?.path).toBe('/hooks/ops-hook-path-5e6f');
    expect(last?.headers['x-vendorwatch-signature']).toBeUndefined();
    const invalid = await admin.request('POST', '/manage/targets/ops-hook/edit', {
      form: { _csrf: csrf, 'field-url': 'ftp://nope', events: 'incident.opened' },
    });
    expect(invalid.status).toBe(400);
    expect(textOf(invalid.body)).toContain('Not saved: url: must be an http(s) URL');
    expect(invalid.body).toContain('<p class="field-error" id="edit-field-url-error">');
  });

  it('disable skips pending deliveries and stops claims; enable and remove; all audited', async () => {
    const csrf = await admin.csrf('/manage/targets');
    const pending = (key: string) =>
      store.db
        .insertInto('outbox')
        .values({
          delivery_key: key,
          target: 'team-slack',
          event_id: `evt-${key}`,
          status: 'pending',
          attempts: 0,
          next_attempt_at: server.clock.now,
          created_at: server.clock.now,
          kind: 'event',
        })
        .execute();
    const statusOf = async (key: string) =>
      store.db
        .selectFrom('outbox')
        .select(['status', 'last_error'])
        .where('delivery_key', '=', key)
        .executeTakeFirstOrThrow();
    await pending('before-off');
    const off = await admin.request('POST', '/manage/targets/team-slack/disable', {
      form: { _csrf: csrf },
    });
    expect(off.status).toBe(303);
    const page = await admin.get('/manage/targets/team-slack');
    expect(textOf(page.body)).toContain('Turned off by ops@example.com');
    expect(page.body).toContain('action="/manage/targets/team-slack/enable"');
    const stored = await getNotifyTarget(store.db, 'team-slack');
    expect(stored?.pausedBy).toBe('ops@example.com');
    const api = JSON.parse((await admin.get('/api/v1/targets/team-slack')).body) as {
      enabled: boolean;
    };
    expect(api.enabled).toBe(false);
    const claimed = await claimNotifyTargets(store.db, {
      names: ['team-slack'],
      owner: 'test',
      now: '2030-01-01T00:00:00.000Z',
      leaseSeconds: 30,
      limit: 10,
    });
    expect(claimed).toEqual([]);
    expect(await statusOf('before-off')).toEqual({
      status: 'skipped',
      last_error: 'target turned off by an admin',
    });
    // Routed by a process that had not yet seen the change: skipped when it is turned on again.
    await pending('while-off');

    expect(
      (await admin.request('POST', '/manage/targets/team-slack/enable', { form: { _csrf: csrf } }))
        .status,
    ).toBe(303);
    expect((await getNotifyTarget(store.db, 'team-slack'))?.pausedAt).toBeNull();
    expect(await statusOf('while-off')).toEqual({
      status: 'skipped',
      last_error: 'queued while the target was turned off',
    });
    await pending('after-on');
    const claimable = await claimNotifyTargets(store.db, {
      names: ['team-slack'],
      owner: 'test',
      now: '2030-01-01T00:00:00.000Z',
      leaseSeconds: 30,
      limit: 10,
    });
    expect(claimable).toEqual(['team-slack']);
    const removed = await admin.request('POST', '/manage/targets/team-slack/remove', {
      form: { _csrf: csrf },
    });
    expect(removed.location).toBe('/manage/targets?done=removed');
    expect((await admin.get('/manage/targets')).body).not.toContain('data-target="team-slack"');
    expect(await auditActions(admin)).toEqual(
      expect.arrayContaining([
        'target.added team-slack',
        'target.tested team-slack',
        'target.added ops-hook',
        'target.tested ops-hook',
        'target.changed ops-hook',
        'target.disabled team-slack',
        'target.enabled team-slack',
        'target.removed team-slack',
      ]),
    );
  });

  it('the API turns a target off and on and sends a test (admin token or session), audited', async () => {
    const bearer = { authorization: `Bearer ${adminToken}` };
    const off = await admin.request('PATCH', '/api/v1/targets/ops-hook', {
      json: { enabled: false },
      headers: bearer,
    });
    expect(off.status, off.body).toBe(200);
    expect(JSON.parse(off.body)).toMatchObject({ name: 'ops-hook', enabled: false });
    const bad = await admin.request('PATCH', '/api/v1/targets/ops-hook', {
      json: { enabled: 'no' },
      headers: bearer,
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ error: { code: 'invalid_body' } });
    const csrf = await admin.csrf('/manage/targets');
    const on = await admin.request('PATCH', '/api/v1/targets/ops-hook', {
      json: { enabled: true },
      headers: { 'x-csrf-token': csrf },
    });
    expect(JSON.parse(on.body)).toMatchObject({ enabled: true });
    const before = receiver.received.length;
    const tested = await admin.request('POST', '/api/v1/targets/ops-hook/test', {
      headers: bearer,
    });
    expect(tested.status).toBe(200);
    expect(JSON.parse(tested.body)).toMatchObject({ ok: true, detail: 'HTTP 200' });
    expect(receiver.received.length).toBe(before + 1);
    const missing = await admin.request('POST', '/api/v1/targets/nobody/test', { headers: bearer });
    expect(missing.status).toBe(404);
    const noToken = await server.client().request('POST', '/api/v1/targets/ops-hook/test');
    expect(noToken.status).toBe(401);
    expect((await auditActions(admin)).slice(-3)).toEqual([
      'target.disabled ops-hook',
      'target.enabled ops-hook',
      'target.tested ops-hook',
    ]);
  });

  it('shows hostile vendor and component names as text in the pickers', async () => {
    const at = server.clock.now;
    await store.db
      .insertInto('vendors')
      .values({
        slug: 'evil',
        name: hostileName,
        status_page_url: 'https://status.evil.example',
        platform: 'statuspage',
        category: 'cloud',
        interval_seconds: 60,
        source: 'api',
        enabled: 1,
        created_at: at,
      })
      .execute();
    const names = [...hostileComponents, ...xssVectors];
    await store.db
      .insertInto('components')
      .values(
        names.map((name, position) => ({
          vendor_slug: 'evil',
          id: `x${position}`,
          name,
          group_name: null,
          status: 'operational',
          position,
          updated_at: at,
        })),
      )
      .execute();
    const ownScript = /<script src="([^"]+)"/.exec((await admin.get('/manage/targets')).body)![1]!;
    const ours = /^form posting to "\/(manage\/targets\/|signout)/;
    for (const path of ['/manage/targets/new/slack', '/manage/targets/ops-hook']) {
      const page = await admin.get(path);
      expect(page.status).toBe(200);
      const problems = findActiveContent(page.body, ownScript).filter((p) => !ours.test(p));
      expect(problems, path).toEqual([]);
      expect(visibleText(page.body)).toContain(hostileName);
      for (const name of hostileComponents) expect(visibleText(page.body)).toContain(name);
    }
  });

  it('a viewer gets 403 on every route and form; a cross-origin or tokenless form is refused', async () => {
    const routes: Array<[string, string]> = [
      ['GET', '/manage/targets'],
      ['GET', '/manage/targets/new/slack'],
      ['POST', '/manage/targets/new/slack'],
      ['GET', '/manage/targets/ops-hook'],
      ['POST', '/manage/targets/ops-hook/test'],
      ['POST', '/manage/targets/ops-hook/disable'],
      ['POST', '/manage/targets/ops-hook/enable'],
      ['POST', '/manage/targets/ops-hook/edit'],
      ['POST', '/manage/targets/ops-hook/remove'],
    ];
    const viewerCsrf = await viewer.csrf('/account');
    const before = receiver.received.length;
    for (const [method, path] of routes) {
      const form = { _csrf: viewerCsrf, name: 'sneaky', 'field-url': `${receiver.url}/x` };
      const answer = await viewer.request(method, path, method === 'POST' ? { form } : {});
      expect(answer.status, `${method} ${path}`).toBe(403);
    }
    for (const [method, path] of [
      ['PATCH', '/api/v1/targets/ops-hook'],
      ['POST', '/api/v1/targets/ops-hook/test'],
    ] as const) {
      const answer = await viewer.request(method, path, {
        json: { enabled: false },
        headers: { 'x-csrf-token': viewerCsrf },
      });
      expect(answer.status, `${method} ${path}`).toBe(403);
    }
    expect(receiver.received.length).toBe(before);
    const csrf = await admin.csrf('/manage/targets');
    const forged = await admin.request('POST', '/manage/targets/ops-hook/remove', {
      form: { _csrf: csrf },
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(forged.status).toBe(403);
    const tokenless = await admin.request('POST', '/manage/targets/ops-hook/remove', {
      form: {},
    });
    expect(tokenless.status).toBe(403);
    const anonymous = await server.client().get('/manage/targets');
    expect(anonymous.status).toBe(303);
    expect((await admin.get('/manage/targets')).body).toContain('data-target="ops-hook"');
  });
});
