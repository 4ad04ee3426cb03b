// Noise control and secrets, end to end through the dispatcher on a SQLite file: a burst of
// updates becomes one message, maintenance reminders go out once and only while still due, and
// no secret reaches the store, the logs or the deliveries list, whatever the receiver echoes.
import { afterEach, describe, expect, it } from 'vitest';
import type { ObservedIncident } from '../domain/snapshot.js';
import { incident, snapshot, update } from '../store/test-support/harness.js';
import { getNotifyTarget, listDeliveries } from '../store/index.js';
import { memoryLog, notifyHarness, type NotifyHarness } from '../../test/test-support/notify.js';
import { startReceiver, type Receiver } from './test-support/receiver.js';
import { checks } from './test-support/service-shapes.js';
import type { NotifyTarget } from './types.js';

let harness: NotifyHarness | undefined;
const receivers: Receiver[] = [];

afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

async function receiver(options: Parameters<typeof startReceiver>[0] = {}): Promise<Receiver> {
  const started = await startReceiver(options);
  receivers.push(started);
  return started;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

function withUpdates(count: number, resolved = false): ObservedIncident {
  const updates = Array.from({ length: count }, (_, i) =>
    update(`u${i + 1}`, i === 0 ? 'investigating' : 'monitoring', iso(-60_000 + i * 1000)),
  );
  if (resolved) updates.push(update('u-done', 'resolved', iso(-1000)));
  return incident('inc1', { updates, ...(resolved ? { resolvedAt: iso(-1000) } : {}) });
}

function slackText(request: Receiver['received'][number]): string {
  return JSON.stringify((request.json as { blocks: unknown }).blocks);
}

describe('noise control', () => {
  it('turns a burst of updates into one message, and never holds the resolution', async () => {
    const slack = await receiver({ check: checks.slack });
    harness = await notifyHarness([
      { name: 'chat', type: 'slack', url: slack.url('/services/T/B/x1') },
    ]);
    await harness.record(snapshot([]));
    await harness.dispatcher({ burstWindowMs: 800 });
    await harness.record(snapshot([withUpdates(1)]));
    await slack.waitFor(1);
    for (const count of [2, 3, 4]) await harness.record(snapshot([withUpdates(count)]));
    await slack.waitFor(2, 3000);
    expect(slack.received[1]!.at - slack.received[0]!.at).toBeGreaterThanOrEqual(780);
    expect(slackText(slack.received[1]!)).toContain('monitoring update u4');
    await harness.record(snapshot([withUpdates(4, true)]));
    await slack.waitFor(3, 1000);
    await sleep(300);
    expect(slack.problems).toEqual([]);
    expect(slack.received.map((r) => (r.json as { text: string }).text.split(':')[0])).toEqual([
      'New incident',
      'Incident update',
      'Resolved',
    ]);
    const { deliveries } = await listDeliveries(harness.store.db, {});
    expect(deliveries.map((d) => d.status).reverse()).toEqual([
      'sent',
      'skipped',
      'skipped',
      'sent',
      'sent',
    ]);
    expect(deliveries[2]!.lastError).toBe('folded into a later message about this incident');
  });

  it('sends a maintenance reminder before the window, and none for one already started', async () => {
    const slack = await receiver({ check: checks.slack });
    harness = await notifyHarness(
      [{ name: 'chat', type: 'slack', url: slack.url('/services/T/B/x2') }],
      {
        reminderLeadSeconds: 1,
      },
    );
    const startsAt = Date.now() + 2500;
    const announced = iso(-1000);
    const maintenance = (id: string, phase: 'scheduled' | 'in_progress') =>
      incident(id, {
        kind: 'maintenance',
        impact: 'maintenance',
        phase,
        scheduledFor: new Date(startsAt).toISOString(),
        scheduledUntil: new Date(startsAt + 3600_000).toISOString(),
        updates: [update(`${id}-u1`, 'scheduled', announced)],
      });
    await harness.record(snapshot([]));
    await harness.record(
      snapshot([maintenance('m1', 'scheduled'), maintenance('m2', 'scheduled')]),
    );
    await harness.dispatcher({ reminderLeadSeconds: 1 });
    await slack.waitFor(2);
    await harness.record(
      snapshot([maintenance('m1', 'scheduled'), maintenance('m2', 'in_progress')]),
    );
    await slack.waitFor(4, 4000);
    await sleep(300);
    const texts = slack.received.map((r) => (r.json as { text: string }).text);
    expect(texts.filter((text) => text.startsWith('Maintenance starts soon'))).toEqual([
      'Maintenance starts soon: Balena: Incident m1',
    ]);
    expect(texts.filter((text) => text.startsWith('Maintenance started'))).toHaveLength(1);
    const reminders = (await listDeliveries(harness.store.db, {})).deliveries.filter(
      (d) => d.kind === 'reminder',
    );
    expect(reminders.map((d) => [d.event.incidentId, d.status, d.lastError])).toEqual([
      ['balena-m2', 'skipped', 'the maintenance has started or was rescheduled'],
      ['balena-m1', 'sent', null],
    ]);
  });
});

describe('secrets', () => {
  it('never lands in the store, the logs or the deliveries list, even when echoed back', async () => {
    const echo = await receiver();
    echo.respond((request) => ({
      status: 400,
      body: `bad request to ${request.path}: ${request.body}`,
    }));
    const targets: NotifyTarget[] = [
      {
        name: 'chat',
        type: 'slack',
        url: echo.url('/services/T0SECRET/B0SECRET/slackTokenSecret42'),
      },
      {
        name: 'pager',
        type: 'pagerduty',
        url: echo.url('/v2/enqueue'),
        routingKey: 'PDroutingKeySecret0123456789abcd',
      },
      {
        name: 'hook',
        type: 'webhook',
        url: echo.url('/hook?token=webhookQuerySecret99'),
        secret: 'hmacSigningSecret77',
      },
    ];
    harness = await notifyHarness(targets);
    const log = memoryLog();
    await harness.record(snapshot([]));
    await harness.dispatcher({}, { log });
    await harness.record(snapshot([withUpdates(1)]));
    await echo.waitFor(3);
    await sleep(300);
    const secrets = [
      'slackTokenSecret42',
      'T0SECRET/B0SECRET',
      'PDroutingKeySecret0123456789abcd',
      'webhookQuerySecret99',
      'hmacSigningSecret77',
    ];
    expect(echo.received.map((r) => r.path + r.body).join()).toContain('slackTokenSecret42');
    const stored = JSON.stringify([
      await harness.store.db.selectFrom('outbox').selectAll().execute(),
      await harness.store.db.selectFrom('notify_targets').selectAll().execute(),
      await listDeliveries(harness.store.db, {}),
      log.lines,
    ]);
    for (const secret of secrets) expect(stored).not.toContain(secret);
    expect(stored).toContain('[redacted]');
    expect((await getNotifyTarget(harness.store.db, 'chat'))?.lastError).toMatch(
      /^HTTP 400: bad request to \[redacted\]/,
    );
  });
});
