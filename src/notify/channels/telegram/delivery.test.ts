// Telegram end to end: a target checked by the config rules, incidents recorded through the poll
// path and the dispatcher posting sendMessage to the Bot API path on a real receiver on
// 127.0.0.1. The bot token is in that path: an answer that echoes it back leaves it in no stored
// error and no log line, and a 429's `parameters.retry_after` sets when to try again.
import { afterEach, describe, expect, it } from 'vitest';
import { parseNotificationTarget } from '../../../config/load.js';
import { incident, snapshot, update } from '../../../store/test-support/harness.js';
import { getNotifyTarget, listDeliveries } from '../../../store/index.js';
import {
  capturedLogger,
  memoryLog,
  notifyHarness,
  type NotifyHarness,
} from '../../../../test/test-support/notify.js';
import { createHttpPoster } from '../../http/post.js';
import { startReceiver, type Receiver } from '../../test-support/receiver.js';
import { sampleContext, sampleEvent } from '../../test-support/samples.js';
import { telegramSendMessage } from '../../test-support/service-shapes.js';
import { telegramChannel } from './index.js';

const token = '6098765432:AAF-endToEndBotTokenSecret_xyz';
let harness: NotifyHarness | undefined;
let receiver: Receiver | undefined;

afterEach(async () => {
  await harness?.close();
  await receiver?.close();
  harness = undefined;
  receiver = undefined;
});

const base = Date.now() - 3600_000;
const t = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
const open = incident('inc1', { updates: [update('u1', 'investigating', t(1))] });

function telegramTarget(url: string) {
  const parsed = parseNotificationTarget({
    name: 'team-chat',
    type: 'telegram',
    url,
    token,
    chatId: -1001234567890,
  });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.target;
}

describe('Telegram through the dispatcher', () => {
  it('posts sendMessage to /bot<token>/sendMessage with the chat id', async () => {
    receiver = await startReceiver({ ok: { status: 200, body: '{"ok":true,"result":{}}' } });
    harness = await notifyHarness([telegramTarget(new URL(receiver.url()).origin)]);
    await harness.record(snapshot([]), t(0));
    await harness.record(snapshot([open]), t(1));
    const dispatcher = await harness.dispatcher({}, { loop: false });
    await dispatcher.runOnce();

    expect(receiver.received).toHaveLength(1);
    const [sent] = receiver.received;
    expect(sent).toMatchObject({
      path: `/bot${token}/sendMessage`,
      headers: { 'content-type': 'application/json' },
      json: {
        chat_id: '-1001234567890',
        parse_mode: 'HTML',
        disable_web_page_preview: true,
        text: expect.stringMatching(
          /^<b>New incident: Balena: Incident inc1<\/b>\ninvestigating update u1\n/,
        ),
      },
    });
    expect(telegramSendMessage.safeParse(sent!.json).error).toBeUndefined();
    const { deliveries } = await listDeliveries(harness.store.db, {});
    expect(deliveries.map((d) => [d.status, d.attempts, d.lastError])).toEqual([['sent', 1, null]]);
  });

  it('keeps the token out of every stored error and log line when the answer echoes it', async () => {
    receiver = await startReceiver();
    receiver.respond((request) => ({
      status: 400,
      body: `{"ok":false,"error_code":400,"description":"Bad Request: chat not found for ${request.path}"}`,
    }));
    harness = await notifyHarness([telegramTarget(new URL(receiver.url()).origin)]);
    await harness.record(snapshot([]), t(0));
    await harness.record(snapshot([open]), t(1));
    const log = memoryLog();
    const pino = capturedLogger();
    const dispatcher = await harness.dispatcher({}, { loop: false, log });
    await dispatcher.runOnce();
    for (const line of log.lines) pino.logger[line.level](line.fields, line.message);

    const { deliveries } = await listDeliveries(harness.store.db, {});
    expect(deliveries).toMatchObject([{ status: 'failed', attempts: 1 }]);
    expect(deliveries[0]!.lastError).toMatch(
      /^HTTP 400: .*chat not found for \/bot\[redacted\]\/sendMessage/,
    );
    expect(log.lines.length).toBeGreaterThan(0);
    const stored = JSON.stringify([
      await harness.store.db.selectFrom('outbox').selectAll().execute(),
      await harness.store.db.selectFrom('notify_targets').selectAll().execute(),
      await getNotifyTarget(harness.store.db, 'team-chat'),
      deliveries,
      log.lines,
      pino.text(),
    ]);
    expect(receiver.received[0]!.path).toContain(token);
    for (const secret of [token, token.split(':')[1]!, encodeURIComponent(token)])
      expect(stored).not.toContain(secret);
  });

  it('waits as long as a 429 says in parameters.retry_after, and names no token', async () => {
    receiver = await startReceiver();
    receiver.respond((request) => ({
      status: 429,
      body: `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 17 (${request.path})","parameters":{"retry_after":17}}`,
    }));
    const poster = createHttpPoster({
      policy: { allowPrivateAddresses: false, allowedPrivateRanges: ['127.0.0.0/8'] },
      connectTimeoutMs: 1000,
    });
    try {
      const message = telegramChannel.compose(sampleEvent('incident.opened'), sampleContext())!;
      const outcome = await message.send({
        target: telegramTarget(new URL(receiver.url()).origin),
        deliveryKey: '0123456789abcdef0123456789abcdef',
        progress: null,
        now: () => new Date(),
        timeoutMs: 2000,
        io: { post: poster.post, policy: { allowPrivateAddresses: false } },
      });
      expect(outcome).toMatchObject({ kind: 'retry', retryAfterSeconds: 17 });
      expect(JSON.stringify(outcome)).not.toContain(token);
      expect(JSON.stringify(outcome)).toContain('/bot[redacted]/sendMessage');
    } finally {
      await poster.close();
    }
  });
});
