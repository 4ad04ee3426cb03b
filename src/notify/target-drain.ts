// One target's turn: its due deliveries in recording order, one at a time, under its lease. A
// failure stops the turn (the target backs off as a whole, so order is kept); a 2xx is marked
// sent before the next one goes. Outcomes are decided by policy.ts and noise.ts.
import type { Delivery, TargetStatus } from '../domain/delivery.js';
import { reminderStillDue, messageContext } from './context.js';
import { decideHold, holdsFor } from './noise.js';
import { afterSend, type DeliveryPolicy } from './policy.js';
import type { OutboxPort } from './port.js';
import { redactSecrets } from './secrets.js';
import type { Channel, NotifyTarget, SendIo, SendOutcome } from './types.js';

export interface NotifyLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface DrainSettings {
  timeoutMs: number;
  burstWindowMs: number;
  leaseSeconds: number;
  batchSize: number;
  publicUrl: string | null;
  reminderLeadSeconds: number | null;
  minIntervalMs: number;
  policy: DeliveryPolicy;
}

interface DrainEnv {
  port: OutboxPort;
  owner: string;
  target: NotifyTarget;
  channel: Channel;
  secrets: readonly string[];
  io: SendIo;
  settings: DrainSettings;
  now: () => Date;
  random: () => number;
  log: NotifyLog;
  /** Aborted when the dispatcher stops. */
  signal: AbortSignal;
  /** When this target was last sent something (rate limit), shared across turns. */
  lastSend: { at: number };
}

interface Step {
  status: TargetStatus;
  keepGoing: boolean;
}

export async function drainTarget(env: DrainEnv): Promise<void> {
  const { port, owner, target, settings } = env;
  const stored = await port.getTarget(target.name);
  if (!stored) return;
  let status: TargetStatus = stored;
  try {
    for (let more = true; more && !env.signal.aborted;) {
      const batch = await port.claimDeliveries({
        target: target.name,
        now: env.now().toISOString(),
        leaseSeconds: settings.leaseSeconds,
        limit: settings.batchSize,
      });
      if (batch.length === 0) break;
      for (const [index, delivery] of batch.entries()) {
        const step = env.signal.aborted ? null : await handleDelivery(env, delivery, status);
        if (step) status = step.status;
        if (!step?.keepGoing) {
          await port.releaseDeliveries(batch.slice(step ? index + 1 : index).map((d) => d.seq));
          more = false;
          break;
        }
      }
    }
  } finally {
    await port.releaseTarget(target.name, owner, status, env.now().toISOString());
  }
}

async function handleDelivery(
  env: DrainEnv,
  delivery: Delivery,
  status: TargetStatus,
): Promise<Step> {
  const { port, settings, channel, target } = env;
  const { seq, event } = delivery;
  const now = env.now();
  const keep = { status, keepGoing: true };

  if (now.getTime() - Date.parse(delivery.createdAt) > settings.policy.maxAgeMs) {
    const hours = Math.round(settings.policy.maxAgeMs / 3600_000);
    await port.markDeliveryFailed(seq, `expired: not delivered within ${hours} h`);
    return keep;
  }
  const holdable = { ...delivery, eventType: event.type };
  if (holdsFor(channel.coalesce, settings.burstWindowMs, holdable) && delivery.groupKey) {
    const position = { target: target.name, groupKey: delivery.groupKey, seq };
    const laterMessage = await port.hasLaterMessage(position);
    const lastSentAt = laterMessage ? null : await port.lastSentInGroup(position);
    const hold = decideHold({ laterMessage, lastSentAt, now, windowMs: settings.burstWindowMs });
    if (hold.action === 'fold') await port.markDeliverySkipped(seq, hold.reason);
    if (hold.action === 'defer') await port.deferDelivery(seq, hold.until);
    if (hold.action !== 'send') return keep;
  }

  const context = messageContext(await port.loadContext(event), delivery, settings.publicUrl);
  if (
    context.kind === 'reminder' &&
    !reminderStillDue(context, now, settings.reminderLeadSeconds)
  ) {
    await port.markDeliverySkipped(seq, 'the maintenance has started or was rescheduled');
    return keep;
  }
  const message = channel.compose(event, context);
  if (!message) {
    await port.markDeliverySkipped(seq, `nothing to send to ${channel.type} for ${event.type}`);
    return keep;
  }

  await pause(env.lastSend.at + settings.minIntervalMs - env.now().getTime(), env.signal);
  const leaseUntil = new Date(env.now().getTime() + settings.leaseSeconds * 1000).toISOString();
  if (env.signal.aborted || !(await port.renewTarget(target.name, env.owner, leaseUntil))) {
    return { status, keepGoing: false };
  }
  const started = env.now().getTime();
  env.lastSend.at = started;
  const raw = await message
    .send({
      target,
      deliveryKey: delivery.deliveryKey,
      progress: delivery.progress,
      now: env.now,
      timeoutMs: settings.timeoutMs,
      signal: env.signal,
      io: env.io,
    })
    // A channel bug must not wedge the target: it counts as a failed attempt, retried later.
    .catch((error: unknown): SendOutcome => ({
      kind: 'retry',
      error: `internal error: ${error instanceof Error ? error.message : String(error)}`,
    }));
  // Stopped mid-send: the receiver may or may not have it; the next turn resends, same key.
  if (raw.kind !== 'sent' && env.signal.aborted) return { status, keepGoing: false };
  const outcome = redactOutcome(raw, env.secrets);
  const decided = afterSend(outcome, status, env.now(), env.random(), settings.policy);
  const fields = {
    target: target.name,
    type: channel.type,
    event: event.type,
    deliveryKey: delivery.deliveryKey,
    attempt: delivery.attempts + 1,
    ms: env.now().getTime() - started,
  };
  switch (decided.delivery.mark) {
    case 'sent':
      await port.markDelivered(seq, env.now().toISOString());
      env.log.info(
        { ...fields, result: outcome.kind === 'sent' ? outcome.detail : '' },
        'notification sent',
      );
      break;
    case 'retry':
      await port.markDeliveryRetry(seq, {
        error: decided.delivery.error,
        nextAttemptAt: decided.delivery.at,
        ...(decided.delivery.progress === undefined ? {} : { progress: decided.delivery.progress }),
      });
      env.log.warn(
        { ...fields, error: decided.delivery.error, retryAt: decided.delivery.at },
        'notification will be retried',
      );
      break;
    case 'failed':
      await port.markDeliveryFailed(seq, decided.delivery.error);
      env.log.warn({ ...fields, error: decided.delivery.error }, 'notification failed');
      break;
  }
  if (decided.failPending) {
    const failed = await port.failPendingDeliveries(target.name, decided.failPending);
    env.log.warn(
      { target: target.name, reason: decided.failPending, failed },
      'notification target disabled',
    );
  } else if (decided.target.state === 'quarantined' && status.state !== 'quarantined') {
    env.log.warn(
      { target: target.name, reason: decided.target.reason },
      'notification target quarantined',
    );
  }
  return { status: decided.target, keepGoing: decided.keepGoing };
}

function redactOutcome(outcome: SendOutcome, secrets: readonly string[]): SendOutcome {
  if (outcome.kind === 'sent')
    return { ...outcome, detail: redactSecrets(outcome.detail, secrets) };
  return { ...outcome, error: redactSecrets(outcome.error, secrets) };
}

/** Waits `ms` (nothing when ≤ 0), or less when the signal aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
