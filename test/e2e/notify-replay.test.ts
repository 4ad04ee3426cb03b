// The Balena reference incident replayed through the simulator, polled every second, routed and
// delivered to real loopback receivers of all six kinds, each checking its service's documented
// payload shape: per matching target one incident.opened, every update, one incident.resolved.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotificationTargetConfig } from '../../src/config/schema.js';
import type { Vendor } from '../../src/domain/model.js';
import { startReceiver, type Receiver } from '../../src/notify/test-support/receiver.js';
import { checks } from '../../src/notify/test-support/service-shapes.js';
import { startSmtpReceiver, type SmtpReceiver } from '../../src/notify/test-support/smtp.js';
import { startSimulator, type Simulator } from '../../src/simulate/index.js';
import { parseTimeline } from '../../src/simulate/timeline.js';
import { getIncident, listDeliveries, type Store } from '../../src/store/index.js';
import { createTestDatabase } from '../test-support/databases.js';
import {
  capturedLogger,
  startNotifyingPoller,
  type NotifyingPoller,
} from '../test-support/notify.js';
import { loopbackFetcher, openMigratedStore } from '../test-support/poller.js';

const timelineJson: unknown = JSON.parse(
  readFileSync(new URL('../fixtures/timelines/balena-2025-09-10.json', import.meta.url), 'utf8'),
);
const incidentId = 'balena-8gq2x9k1mlh4';
const secret = 'whsec_replay_0123456789abcdef';
const routingKey = 'REPLAYroutingKey0123456789abcdef';

let simulator: Simulator | undefined;
let store: Store | undefined;
let poller: NotifyingPoller | undefined;
const receivers: Array<Receiver | SmtpReceiver> = [];

afterEach(async () => {
  await poller?.stop();
  await simulator?.close();
  await store?.close();
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

async function receiver(
  check: (request: Receiver['received'][number]) => string | null,
  ok = { status: 200 },
) {
  const started = await startReceiver({ check, ok });
  receivers.push(started);
  return started;
}

const typeOf = (request: Receiver['received'][number]) => (request.json as { type: string }).type;
const labelOf = (text: string) => text.split(':')[0];

describe('notifications for the replayed reference incident', () => {
  it(
    'reach every matching target once per event, in order, in each service format',
    { timeout: 90_000 },
    async () => {
      simulator = await startSimulator({ timeline: parseTimeline(timelineJson) });
      const hook = await receiver(checks.webhook(secret));
      const slack = await receiver(checks.slack);
      const discord = await receiver(checks.discord, { status: 204 });
      const teams = await receiver(checks.teams, { status: 202 });
      const pager = await receiver(checks.pagerduty, { status: 202 });
      const dashboard = await receiver(checks.webhook(null));
      const majorOnly = await receiver(checks.webhook(null));
      const smtp = await startSmtpReceiver();
      receivers.push(smtp);
      const notifications: NotificationTargetConfig[] = [
        { name: 'hook', type: 'webhook', url: hook.url(), secret },
        { name: 'slack', type: 'slack', url: slack.url('/services/T1/B1/slacksecret') },
        { name: 'discord', type: 'discord', url: discord.url('/api/webhooks/1/discordsecret') },
        { name: 'teams', type: 'teams', url: teams.url('/workflows/1/invoke?sig=teamssecret') },
        { name: 'pager', type: 'pagerduty', url: pager.url('/v2/enqueue'), routingKey },
        {
          name: 'mail',
          type: 'email',
          smtp: smtp.url(),
          from: 'vw@example.com',
          to: ['ops@example.com'],
        },
        {
          name: 'dashboard',
          type: 'webhook',
          url: dashboard.url(),
          components: { balena: ['Dashboard'] },
        },
        { name: 'major-only', type: 'webhook', url: majorOnly.url(), minImpact: 'major' },
      ];
      const database = await createTestDatabase('sqlite');
      store = await openMigratedStore(database.url);
      const vendor: Vendor = {
        slug: 'balena',
        name: 'Balena',
        statusPageUrl: simulator.vendors[0]!.baseUrl,
        platform: 'statuspage',
        category: 'iot',
        intervalSeconds: 1,
      };
      const captured = capturedLogger();
      const { logger } = captured;
      poller = await startNotifyingPoller(
        store,
        loopbackFetcher(),
        [vendor],
        notifications,
        {},
        logger,
      );

      const deadline = Date.now() + 60_000;
      for (;;) {
        const updates = (await getIncident(store.db, incidentId))?.updates.length ?? 0;
        const pending = (await listDeliveries(store.db, { status: 'pending', limit: 1 })).deliveries
          .length;
        if ((updates === 12 && pending === 0) || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      await new Promise((resolve) => setTimeout(resolve, 300));

      const incidentEvents = poller.events.filter((event) => event.incidentId === incidentId);
      const expectedTypes = [
        'incident.opened',
        ...Array<string>(9).fill('incident.updated'),
        'incident.resolved',
        'incident.updated',
      ];
      expect(incidentEvents.map((event) => event.type)).toEqual(expectedTypes);

      for (const target of [hook, slack, discord, teams, pager, dashboard])
        expect(target.problems).toEqual([]);
      // Machines get every event, signed, each with its own key and the event's id.
      expect(hook.received.map(typeOf)).toEqual(expectedTypes);
      expect(hook.received.map((r) => (r.json as { id: string }).id)).toEqual(
        incidentEvents.map((e) => e.id),
      );
      expect(new Set(hook.received.map((r) => r.headers['x-vendorwatch-delivery'])).size).toBe(12);
      // The Dashboard filter matches: all six components stay affected in this incident.
      expect(dashboard.received.map(typeOf)).toEqual(expectedTypes);
      // A notice incident is below major: nothing, not even an outbox row.
      expect(majorOnly.received).toHaveLength(0);
      expect((await listDeliveries(store.db, { target: 'major-only' })).deliveries).toHaveLength(0);

      const chatLabels = [
        'New incident',
        ...Array<string>(9).fill('Incident update'),
        'Resolved',
        'Incident update',
      ];
      expect(slack.received.map((r) => labelOf((r.json as { text: string }).text))).toEqual(
        chatLabels,
      );
      expect(
        discord.received.map((r) =>
          labelOf((r.json as { embeds: Array<{ title: string }> }).embeds[0]!.title),
        ),
      ).toEqual(chatLabels);
      expect(
        teams.received.map(
          (r) =>
            (r.json as { attachments: Array<{ content: { body: Array<{ text: string }> } }> })
              .attachments[0]!.content.body[0]!.text,
        ),
      ).toEqual(chatLabels);
      const mails = await smtp.settled();
      expect(mails.map((mail) => labelOf(mail.parsed.subject!.replace('[Balena] ', '')))).toEqual(
        chatLabels,
      );
      expect(mails[0]!.parsed.text).toContain("We're experiencing an elevated level of API errors");

      // PagerDuty: triggers while open, one resolve, one dedup key; the postmortem pages nobody.
      const actions = pager.received.map((r) => (r.json as { event_action: string }).event_action);
      expect(actions).toEqual([...Array<string>(10).fill('trigger'), 'resolve']);
      expect(
        new Set(pager.received.map((r) => (r.json as { dedup_key: string }).dedup_key)),
      ).toEqual(new Set([`vendorwatch/${incidentId}`]));

      const stored =
        JSON.stringify(await listDeliveries(store.db, { limit: 1000 })) + captured.text();
      expect(captured.text()).toContain('"msg":"notification sent"');
      for (const value of [secret, routingKey, 'slacksecret', 'discordsecret', 'teamssecret'])
        expect(stored).not.toContain(value);
    },
  );
});
