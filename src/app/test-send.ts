// One sample message to one target, through the same channel, address guard and redaction as the
// dispatcher: `vendorwatch notify test` and the "Send test" button of /manage/targets both use it.
import type { AppConfig } from '../config/load.js';
import { getChannel } from '../notify/registry.js';
import { sampleMessage } from '../notify/sample.js';
import { redactSecrets, targetSecrets } from '../notify/secrets.js';
import type { NotifyTarget, SendOutcome } from '../notify/types.js';
import { deliveryKey, newEventId } from '../store/index.js';
import { createSendIo } from './notifier.js';

export type TestSendResult =
  | { ok: true; detail: string; ms: number }
  /** `kind` 'silent': the channel sends nothing for a test event. Errors are redacted. */
  | { ok: false; kind: Exclude<SendOutcome['kind'], 'sent'> | 'silent'; error: string; ms: number };

interface TestSendOptions {
  config: Pick<AppConfig, 'network'>;
  /** vendorwatch's own address, for the links in the sample message. */
  publicUrl: string | null;
  timeoutMs: number;
}

export async function sendTestMessage(
  target: NotifyTarget,
  { config, publicUrl, timeoutMs }: TestSendOptions,
): Promise<TestSendResult> {
  const now = new Date();
  const eventId = newEventId(now.getTime());
  const { event, context } = sampleMessage(eventId, now, publicUrl);
  const message = getChannel(target.type).compose(event, context);
  if (!message) {
    return {
      ok: false,
      kind: 'silent',
      error: 'this channel sends nothing for a test event',
      ms: 0,
    };
  }
  const sendIo = createSendIo(config);
  const started = Date.now();
  let outcome: SendOutcome;
  try {
    outcome = await message.send({
      target,
      deliveryKey: deliveryKey(target.name, eventId),
      progress: null,
      now: () => new Date(),
      timeoutMs,
      io: sendIo,
    });
  } catch (error) {
    // A channel answers with an outcome; should one throw, the message still says why.
    outcome = { kind: 'retry', error: error instanceof Error ? error.message : String(error) };
  } finally {
    await sendIo.poster.close();
  }
  const ms = Date.now() - started;
  if (outcome.kind === 'sent') return { ok: true, detail: outcome.detail, ms };
  return {
    ok: false,
    kind: outcome.kind,
    error: redactSecrets(outcome.error, targetSecrets(target)),
    ms,
  };
}
