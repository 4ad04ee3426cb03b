// `vendorwatch notify test NAME` and `notify list` through runCli, against real loopback
// receivers: what it prints, its exit codes, that it never prints a secret, and that a working
// destination puts a disabled target back in service.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { startReceiver, type Receiver } from '../../src/notify/test-support/receiver.js';
import { checks } from '../../src/notify/test-support/service-shapes.js';
import { startSmtpReceiver, type SmtpReceiver } from '../../src/notify/test-support/smtp.js';
import {
  claimNotifyTargets,
  getNotifyTarget,
  migrateToLatest,
  openStore,
  releaseNotifyTarget,
  syncNotifyTargets,
} from '../../src/store/index.js';

const receivers: Array<Receiver | SmtpReceiver> = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

async function run(argv: string[], cwd: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const env = { ...envFor };
  // The default database path is relative to the process, not `cwd`: always name one.
  const withDb =
    argv.length > 1 && !argv.includes('--db')
      ? [...argv, '--db', join(cwd, 'vendorwatch.db')]
      : argv;
  const code = await runCli(withDb, {
    stdout,
    stderr,
    env,
    cwd,
    untilSignal: () => Promise.resolve('SIGTERM'),
  });
  return { code, out, err };
}

let envFor: Record<string, string> = {};

function workspace(yaml: string[]): string {
  const cwd = mkdtempSync(join(tmpdir(), 'vw-notify-cli-'));
  writeFileSync(join(cwd, 'vendorwatch.yaml'), [...yaml, ''].join('\n'));
  return cwd;
}

describe('vendorwatch notify', () => {
  it('sends a sample to each kind of target and prints the result without secrets', async () => {
    const hook = await startReceiver({ check: checks.webhook('whsecCliSecret123') });
    const slack = await startReceiver({ check: checks.slack });
    const smtp = await startSmtpReceiver();
    receivers.push(hook, slack, smtp);
    envFor = { SLACK_URL: slack.url('/services/T9/B9/cliSlackSecret'), SMTP_URL: smtp.url() };
    const cwd = workspace([
      'network:',
      '  allowedPrivateRanges: [127.0.0.0/8]',
      'vendors: []',
      'notifications:',
      '  - name: hook',
      '    type: webhook',
      `    url: ${hook.url()}`,
      '    secret: whsecCliSecret123',
      '  - name: chat',
      '    type: slack',
      '    url: ${SLACK_URL}',
      '  - name: mail',
      '    type: email',
      '    smtp: ${SMTP_URL}',
      '    from: vw@example.com',
      '    to: [ops@example.com]',
    ]);
    for (const name of ['hook', 'chat', 'mail']) {
      const result = await run(['notify', 'test', name], cwd);
      expect(result, name).toMatchObject({ code: 0, err: '' });
      expect(result.out).toMatch(new RegExp(`^sent to ${name} \\(`));
      expect(result.out).not.toMatch(/cliSlackSecret|whsecCliSecret123|p%40ss|W0rd/);
    }
    expect(hook.problems).toEqual([]);
    expect(slack.problems).toEqual([]);
    expect(hook.received).toHaveLength(1);
    expect(slack.received).toHaveLength(1);
    expect((await smtp.settled())[0]!.parsed.subject).toBe(
      '[vendorwatch] New incident: Test notification',
    );

    const listed = await run(['notify', 'list'], cwd);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/chat +slack +config +http:\/\/127\.0\.0\.1:\d+\/… +active/);
    expect(listed.out).not.toContain('cliSlackSecret');
  });

  it('tests a config target while the store cannot be opened', async () => {
    const hook = await startReceiver({ check: checks.webhook(null) });
    receivers.push(hook);
    const cwd = workspace([
      'network:',
      '  allowedPrivateRanges: [127.0.0.0/8]',
      'vendors: []',
      'notifications:',
      '  - name: hook',
      '    type: webhook',
      `    url: ${hook.url()}`,
    ]);
    // The database's folder is a file: the store does not open.
    writeFileSync(join(cwd, 'not-a-folder'), '');
    const database = join(cwd, 'not-a-folder', 'vw.db');
    const { code, out, err } = await run(['notify', 'test', 'hook', '--db', database], cwd);
    expect(code).toBe(0);
    expect(out).toMatch(/^sent to hook \(webhook/);
    expect(err).toMatch(/the store cannot be read \(.+\); testing the config file's targets only/);
    expect(err).toMatch(/the store cannot be written/);
    expect(hook.received).toHaveLength(1);
  });

  it('fails with exit code 1 and a redacted reason, and re-enables a fixed target', async () => {
    const slack = await startReceiver();
    receivers.push(slack);
    const secretUrl = slack.url('/services/T9/B9/anotherSlackSecret');
    slack.respond((request) => ({ status: 404, body: `no_service at ${request.path}` }));
    envFor = { SLACK_URL: secretUrl };
    const cwd = workspace([
      'network:',
      '  allowedPrivateRanges: [127.0.0.0/8]',
      'vendors: []',
      'notifications:',
      '  - name: chat',
      '    type: slack',
      '    url: ${SLACK_URL}',
    ]);
    const failed = await run(['notify', 'test', 'chat'], cwd);
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(
      /^vendorwatch notify: chat \(slack, http:\/\/127\.0\.0\.1:\d+\/…\): failed: HTTP 404: no_service at \[redacted\]\n$/,
    );
    expect(failed.err + failed.out).not.toContain('anotherSlackSecret');

    // The store says the target was disabled (a 410 earlier); a working test re-enables it.
    const store = await openStore(join(cwd, 'vendorwatch.db'));
    await migrateToLatest(store);
    await syncNotifyTargets(
      store.db,
      [{ name: 'chat', type: 'slack', fingerprint: 'x' }],
      new Date().toISOString(),
    );
    await claimNotifyTargets(store.db, {
      names: ['chat'],
      owner: 'o',
      now: new Date().toISOString(),
      leaseSeconds: 60,
      limit: 1,
    });
    await store.db.updateTable('notify_targets').set({ lease_owner: 'o' }).execute();
    await releaseNotifyTarget(
      store.db,
      'chat',
      'o',
      {
        state: 'disabled',
        reason: 'disabled: HTTP 410 Gone',
        failures: 1,
        failingSince: null,
        lastError: 'HTTP 410 Gone',
        lastSuccessAt: null,
        nextAttemptAt: new Date().toISOString(),
      },
      new Date().toISOString(),
    );
    expect((await getNotifyTarget(store.db, 'chat'))?.state).toBe('disabled');
    slack.respond(() => ({ status: 200, body: 'ok' }));
    const fixed = await run(['notify', 'test', 'chat'], cwd);
    expect(fixed.code).toBe(0);
    expect(fixed.out).toContain('chat was disabled or quarantined; it is active again');
    expect((await getNotifyTarget(store.db, 'chat'))?.state).toBe('active');
    await store.close();
  });

  it.each([
    [
      ['notify'],
      /^vendorwatch notify: usage: vendorwatch notify test NAME \| vendorwatch notify list \(see vendorwatch help notify\)\n$/,
    ],
    [
      ['notify', 'test', 'nobody'],
      /^vendorwatch notify: no notification target named "nobody" \(targets: none configured\)\n$/,
    ],
    [['notify', 'test', 'x', '--timeout', '0'], /--timeout must be an integer between 1 and 120/],
  ])('%j: one clear line and exit code 2', async (argv, message) => {
    envFor = {};
    const result = await run(argv, workspace(['vendors: []']));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });
});
