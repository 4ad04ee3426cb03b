// Secrets of notification targets are write-only: a target of every channel type is added through
// /manage/targets on the service as `serve` runs it (the real logger at debug level, the notifier
// running), tested against a loopback receiver that echoes what it got into its error answers,
// edited with a bad value, and then every page, every API answer, the audit log and every log
// line are searched for each secret, which must appear nowhere.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, expect, it } from 'vitest';
import { channelForms } from '../../src/app/target-forms.js';
import { startService } from '../../src/app/service.js';
import { loadConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/logger.js';
import { Client } from '../test-support/auth-server.js';
import { startReceiver } from '../test-support/loopback-receiver.js';

const dir = mkdtempSync(join(tmpdir(), 'vw-targets-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('never shows, answers or logs a target secret', async () => {
  const receiver = await startReceiver();
  const r = receiver.url;
  // Every receiver path answers 500 with what it got (URL, authorization, body): a leak would
  // carry the secrets.
  const secrets = {
    webhookPath: 'webhook-path-secret-1a2b',
    webhookHmac: 'webhook-hmac-secret-3c4d',
    slackPath: 'slack-path-secret-5e6f',
    discordPath: 'discord-path-secret-7a8b',
    teamsPath: 'teams-path-secret-9c0d',
    smtpPassword: 'smtp-password-secret-1e2f',
    pagerdutyKey: 'pagerduty-routing-secret-3a4b',
    ntfyTopic: 'ntfy-topic-secret-5c6d',
    ntfyToken: 'ntfy-token-secret-7e8f',
    opsgenieKey: 'opsgenie-api-key-secret-9a0b',
    chatKey: 'gchat-key-secret-1c2d',
    chatToken: 'gchat-token-secret-3e4f',
    mattermostKey: 'mattermostsecret5a6b',
    telegramToken: '123456:telegram-bot-secret-7c8dAAAAAAAA',
    replacedSlack: 'slack-replaced-secret-9e0f',
    configPath: 'config-file-secret-path-4d5e',
  };
  const fields: Record<string, Record<string, string>> = {
    webhook: { url: `${r}/wh/${secrets.webhookPath}`, secret: secrets.webhookHmac },
    slack: { url: `${r}/services/${secrets.slackPath}` },
    discord: { url: `${r}/api/webhooks/${secrets.discordPath}` },
    teams: { url: `${r}/teams/${secrets.teamsPath}` },
    email: {
      to: 'ops@example.com',
      from: 'vendorwatch@example.com',
      // Nothing listens on port 9: the SMTP attempt fails, and its error must not carry this.
      smtp: `smtp://mailer:${secrets.smtpPassword}@127.0.0.1:9`,
    },
    pagerduty: { url: `${r}/pd/enqueue`, routingKey: secrets.pagerdutyKey },
    ntfy: { url: `${r}/${secrets.ntfyTopic}`, token: secrets.ntfyToken },
    opsgenie: { url: r, apiKey: secrets.opsgenieKey },
    googlechat: {
      url: `${r}/v1/spaces/AAA/messages?key=${secrets.chatKey}&token=${secrets.chatToken}`,
    },
    mattermost: { url: `${r}/hooks/${secrets.mattermostKey}` },
    telegram: { url: r, token: secrets.telegramToken, chatId: '-1001234567890' },
  };
  expect(Object.keys(fields).sort()).toEqual(channelForms.map((form) => form.type).sort());
  for (const path of [
    `/wh/${secrets.webhookPath}`,
    `/services/${secrets.slackPath}`,
    `/api/webhooks/${secrets.discordPath}`,
    `/teams/${secrets.teamsPath}`,
    '/pd/enqueue',
    `/${secrets.ntfyTopic}`,
    '/v2/alerts',
    '/v1/spaces/AAA/messages',
    `/hooks/${secrets.mattermostKey}`,
    `/bot${secrets.telegramToken}/sendMessage`,
  ]) {
    receiver.answer(path, 500, { echo: true });
  }

  writeFileSync(
    join(dir, 'vendorwatch.yaml'),
    [
      `database: ${join(dir, 'vw.db')}`,
      'vendors: []',
      'server: { port: 0 }',
      'network: { allowedPrivateRanges: [127.0.0.0/8] }',
      'notifications:',
      `  - { name: config-hook, type: webhook, url: "${r}/cfg/${secrets.configPath}" }`,
    ].join('\n'),
  );
  const config = loadConfig({ env: {}, cwd: dir });
  const logs = new PassThrough();
  let logText = '';
  logs.on('data', (chunk: Buffer) => (logText += chunk.toString()));
  const service = await startService(
    config,
    { poller: true, web: true },
    createLogger('debug', logs),
  );
  const transcript: string[] = [];
  try {
    const admin = new Client(service.url!, transcript);
    await admin.request('POST', '/setup', {
      form: {
        email: 'ops@example.com',
        password: 'secrets-admin-pass-77',
        confirm: 'secrets-admin-pass-77',
      },
    });
    const csrf = await admin.csrf('/manage/targets');
    for (const [type, values] of Object.entries(fields)) {
      const form: Record<string, string> = { _csrf: csrf, name: `${type}-target` };
      for (const [key, value] of Object.entries(values)) form[`field-${key}`] = value;
      const added = await admin.request('POST', `/manage/targets/new/${type}`, { form });
      expect(added.status, `${type}: ${added.body.slice(0, 300)}`).toBe(303);
      const tested = await admin.request('POST', `/manage/targets/${type}-target/test`, {
        form: { _csrf: csrf },
      });
      expect(tested.body, type).toContain('data-test-result="failed"');
      // A bad edit with a new secret typed in: refused, and the new secret is not shown back.
      const badEdit = await admin.request('POST', `/manage/targets/${type}-target/edit`, {
        form: { _csrf: csrf, minImpact: 'catastrophic', 'field-url': values.url ?? '' },
      });
      expect(badEdit.status, type).toBe(400);
    }
    // A replaced secret: the new one is used, neither is ever shown.
    const replaced = await admin.request('POST', '/manage/targets/slack-target/edit', {
      form: { _csrf: csrf, 'field-url': `${r}/services/${secrets.replacedSlack}` },
    });
    expect(replaced.status).toBe(303);
    const before = receiver.received.length;
    await admin.request('POST', '/manage/targets/slack-target/test', { form: { _csrf: csrf } });
    expect(receiver.received.slice(before).map((got) => got.path)).toEqual([
      `/services/${secrets.replacedSlack}`,
    ]);

    // The config file's target: read-only here ("change it in the config file"), but testable.
    const configured = await admin.get('/manage/targets/config-hook');
    expect(configured.body).toContain('change it in the config file');
    expect(configured.body).toContain('action="/manage/targets/config-hook/test"');
    for (const action of ['disable', 'enable', 'edit', 'remove']) {
      expect(configured.body).not.toContain(`action="/manage/targets/config-hook/${action}"`);
      const refused = await admin.request('POST', `/manage/targets/config-hook/${action}`, {
        form: { _csrf: csrf, 'field-url': `${r}/elsewhere` },
      });
      expect(refused.status, action).toBe(409);
      expect(refused.body).toContain('is defined in the config file');
    }
    const configTest = await admin.request('POST', '/manage/targets/config-hook/test', {
      form: { _csrf: csrf },
    });
    expect(configTest.body.replace(/<[^>]+>/g, ' ')).toMatch(/Test sent: +HTTP 200/);

    for (const path of [
      '/manage/targets',
      '/manage/targets/config-hook',
      ...Object.keys(fields).map((type) => `/manage/targets/${type}-target`),
      ...Object.keys(fields).map((type) => `/manage/targets/new/${type}`),
      '/manage/audit',
      '/deliveries',
      '/api/v1/targets',
      ...Object.keys(fields).map((type) => `/api/v1/targets/${type}-target`),
      '/api/v1/audit?limit=200',
      '/api/v1/deliveries',
    ]) {
      expect((await admin.get(path)).status, path).toBe(200);
    }
    await admin.request('POST', '/manage/targets/webhook-target/disable', {
      form: { _csrf: csrf },
    });
    await admin.request('POST', '/manage/targets/webhook-target/remove', { form: { _csrf: csrf } });

    const everything = `${logText}\n${transcript.join('\n')}`;
    expect(transcript.join('\n')).toContain('Test failed');
    // The receivers echoed the secrets into their errors; what the page showed was redacted.
    expect(transcript.join('\n')).toContain('HTTP 500: refused [redacted]');
    expect(logText).toContain('notification targets');
    for (const [what, secret] of Object.entries(secrets)) {
      expect(everything.includes(secret), `${what} leaked`).toBe(false);
      expect(everything.includes(encodeURIComponent(secret)), `${what} leaked encoded`).toBe(false);
    }
  } finally {
    await service.stop();
    await receiver.close();
  }
});
