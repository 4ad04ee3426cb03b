// The payload shapes each service documents, as the loopback receivers check them: Slack Block Kit
// and Discord embed limits, a Teams Workflows Adaptive Card, PagerDuty Events API v2, and the
// generic webhook exactly as docs/contract.md#notifications lists it (body, headers, signature).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { componentStatuses, eventTypes, impacts, phases } from '../../domain/vocabulary.js';
import type { Received } from './receiver.js';

const plainText = (max: number) =>
  z.strictObject({
    type: z.literal('plain_text'),
    text: z.string().min(1).max(max),
    emoji: z.boolean().optional(),
  });
const mrkdwn = (max: number) =>
  z.strictObject({ type: z.literal('mrkdwn'), text: z.string().min(1).max(max) });

// docs.slack.dev/reference/block-kit/blocks: header 150, section text 3000, fields 10 × 2000.
export const slackMessage = z.strictObject({
  text: z.string().min(1),
  blocks: z
    .array(
      z.discriminatedUnion('type', [
        z.strictObject({ type: z.literal('header'), text: plainText(150) }),
        z.strictObject({
          type: z.literal('section'),
          text: z.union([mrkdwn(3000), plainText(3000)]).optional(),
          fields: z
            .array(z.union([mrkdwn(2000), plainText(2000)]))
            .max(10)
            .optional(),
        }),
        z.strictObject({
          type: z.literal('context'),
          elements: z.array(mrkdwn(3000)).min(1).max(10),
        }),
      ]),
    )
    .max(50),
  unfurl_links: z.boolean().optional(),
  unfurl_media: z.boolean().optional(),
});

// discord.com/developers/docs/resources/message#embed-object-embed-limits
const embed = z
  .strictObject({
    title: z.string().max(256).optional(),
    url: z.url().optional(),
    description: z.string().max(4096).optional(),
    color: z.number().int().min(0).max(0xffffff).optional(),
    timestamp: z.iso.datetime({ offset: true }).optional(),
    footer: z.strictObject({ text: z.string().max(2048) }).optional(),
    fields: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(256),
          value: z.string().min(1).max(1024),
          inline: z.boolean().optional(),
        }),
      )
      .max(25)
      .optional(),
  })
  .refine(
    (e) =>
      (e.title?.length ?? 0) +
        (e.description?.length ?? 0) +
        (e.footer?.text.length ?? 0) +
        (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0) <=
      6000,
    'embed text over 6000 characters',
  );
export const discordMessage = z.strictObject({
  content: z.string().max(2000).optional(),
  username: z.string().min(1).max(80).optional(),
  allowed_mentions: z.strictObject({ parse: z.array(z.enum(['roles', 'users', 'everyone'])) }),
  embeds: z.array(embed).min(1).max(10),
});

// learn.microsoft.com: Workflows "When a Teams webhook request is received" takes a message
// whose attachments are Adaptive Cards.
const cardElement = z.looseObject({
  type: z.enum(['TextBlock', 'FactSet', 'Container', 'ColumnSet', 'Image']),
});
export const teamsMessage = z.strictObject({
  type: z.literal('message'),
  attachments: z
    .array(
      z.strictObject({
        contentType: z.literal('application/vnd.microsoft.card.adaptive'),
        contentUrl: z.null(),
        content: z.looseObject({
          $schema: z.literal('http://adaptivecards.io/schemas/adaptive-card.json'),
          type: z.literal('AdaptiveCard'),
          version: z.string().regex(/^1\.[0-6]$/),
          body: z.array(cardElement).min(1),
          actions: z
            .array(
              z.strictObject({
                type: z.literal('Action.OpenUrl'),
                title: z.string().min(1),
                url: z.url(),
              }),
            )
            .optional(),
        }),
      }),
    )
    .length(1),
});

// developer.pagerduty.com/docs/events-api-v2/trigger-events
export const pagerDutyEvent = z.discriminatedUnion('event_action', [
  z.strictObject({
    routing_key: z.string().length(32),
    event_action: z.literal('trigger'),
    dedup_key: z.string().min(1).max(255),
    payload: z.strictObject({
      summary: z.string().min(1).max(1024),
      source: z.string().min(1),
      severity: z.enum(['critical', 'error', 'warning', 'info']),
      timestamp: z.iso.datetime({ offset: true }).optional(),
      component: z.string().optional(),
      group: z.string().optional(),
      class: z.string().optional(),
      custom_details: z.record(z.string(), z.unknown()).optional(),
    }),
    links: z.array(z.strictObject({ href: z.url(), text: z.string() })).optional(),
    client: z.string().optional(),
    client_url: z.url().optional(),
  }),
  z.strictObject({
    routing_key: z.string().length(32),
    event_action: z.enum(['acknowledge', 'resolve']),
    dedup_key: z.string().min(1).max(255),
  }),
]);

// docs/contract.md#notifications, exactly.
export const webhookBody = z.strictObject({
  id: z.string().regex(/^evt_[0-9A-Z]{26}$/),
  type: z.enum(eventTypes),
  at: z.iso.datetime(),
  vendor: z.strictObject({ slug: z.string(), name: z.string() }),
  incident: z
    .strictObject({
      id: z.string(),
      title: z.string(),
      impact: z.enum(impacts),
      phase: z.enum(phases),
      url: z.url().nullable(),
    })
    .optional(),
  update: z
    .strictObject({ phase: z.enum(phases), body: z.string(), postedAt: z.iso.datetime() })
    .optional(),
  component: z
    .strictObject({
      name: z.string(),
      from: z.enum(componentStatuses).nullable(),
      to: z.enum(componentStatuses),
    })
    .optional(),
  changes: z.record(z.string(), z.strictObject({ from: z.unknown(), to: z.unknown() })).optional(),
});

/** An independent verifier of X-Vendorwatch-Signature: constant-time, 5-minute tolerance. */
export function verifySignature(
  body: string,
  header: string,
  secret: string,
  nowMs = Date.now(),
): boolean {
  const parts = new Map(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(nowMs / 1000 - t) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function problem(schema: z.ZodType, request: Received, name: string): string | null {
  if (request.headers['content-type'] !== 'application/json')
    return `${name}: content-type is not application/json`;
  const result = schema.safeParse(request.json);
  return result.success
    ? null
    : `${name}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
}

export const checks = {
  slack: (request: Received) => problem(slackMessage, request, 'slack'),
  discord: (request: Received) => problem(discordMessage, request, 'discord'),
  teams: (request: Received) => problem(teamsMessage, request, 'teams'),
  pagerduty: (request: Received) => problem(pagerDutyEvent, request, 'pagerduty'),
  webhook(secret: string | null) {
    return (request: Received): string | null => {
      const shape = problem(webhookBody, request, 'webhook');
      if (shape) return shape;
      const body = request.json as { type: string };
      if (request.headers['x-vendorwatch-event'] !== body.type)
        return 'webhook: X-Vendorwatch-Event differs from type';
      if (!/^[0-9a-f]{32}$/.test(String(request.headers['x-vendorwatch-delivery'])))
        return 'webhook: bad X-Vendorwatch-Delivery';
      const signature = request.headers['x-vendorwatch-signature'];
      if (secret === null)
        return signature === undefined ? null : 'webhook: signed without a secret';
      if (typeof signature !== 'string' || !verifySignature(request.body, signature, secret))
        return 'webhook: bad signature';
      return null;
    };
  },
};

// docs.opsgenie.com/docs/alert-api: "Create Alert" and "Close Alert", with their field limits.
export const opsgenieCreate = z.strictObject({
  message: z.string().min(1).max(130),
  alias: z.string().min(1).max(512).optional(),
  description: z.string().max(15000).optional(),
  priority: z.enum(['P1', 'P2', 'P3', 'P4', 'P5']).optional(),
  tags: z.array(z.string().max(50)).max(20).optional(),
  details: z.record(z.string(), z.string()).optional(),
  entity: z.string().max(512).optional(),
  source: z.string().max(100).optional(),
});
export const opsgenieClose = z.strictObject({
  source: z.string().max(100).optional(),
  user: z.string().max(100).optional(),
  note: z.string().max(25000).optional(),
});

// developers.google.com/workspace/chat/api/reference/rest/v1/cards: a card message (cardsV2)
// with a header and sections of text paragraphs, as an incoming webhook takes it.
export const googleChatMessage = z.strictObject({
  text: z.string().max(4096).optional(),
  cardsV2: z
    .array(
      z.strictObject({
        cardId: z.string().min(1),
        card: z.strictObject({
          header: z.strictObject({ title: z.string().min(1), subtitle: z.string().optional() }),
          sections: z
            .array(
              z.strictObject({
                header: z.string().optional(),
                widgets: z
                  .array(z.strictObject({ textParagraph: z.strictObject({ text: z.string() }) }))
                  .min(1),
              }),
            )
            .min(1),
        }),
      }),
    )
    .length(1),
});

// developers.mattermost.com/integrate/webhooks/incoming: text is Markdown, up to 16383 characters.
export const mattermostMessage = z.strictObject({
  text: z.string().min(1).max(16383),
  username: z.string().optional(),
  icon_url: z.url().optional(),
  props: z.record(z.string(), z.unknown()).optional(),
});

// core.telegram.org/bots/api#sendmessage: 1-4096 characters after entities are parsed.
export const telegramSendMessage = z.strictObject({
  chat_id: z.union([z.number().int(), z.string().regex(/^(-?\d+|@\w{5,})$/)]),
  text: z.string().min(1).max(4096),
  parse_mode: z.literal('HTML'),
  disable_web_page_preview: z.boolean(),
});

export const moreChecks = {
  googleChat: (request: Received) => problem(googleChatMessage, request, 'google chat'),
  mattermost: (request: Received) => problem(mattermostMessage, request, 'mattermost'),
};
