// The product's channel list: every channel runs the channel contract from its folder, the config
// file and the API description read the registry's schema, and stored fingerprints still match.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { notificationSchema, targetJsonSchema, targetTypes } from '../config/schema.js';
import { openApiDocument } from '../web/api/openapi.js';
import { channelList, channels } from './registry.js';
import { checkTargets, targetFingerprint } from './targets.js';
import type { NotifyTarget } from './types.js';

/** The fingerprint as stored before channels described themselves: it must not change. */
function storedFingerprint(target: NotifyTarget): string {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const destination = [
    target.type,
    text(target.url),
    text(target.secret),
    text(target.smtp),
    text(target.from),
    Array.isArray(target.to) ? target.to.join(',') : '',
    text(target.routingKey),
  ].join('\n');
  return createHash('sha256').update(destination).digest('hex').slice(0, 32);
}

describe('the channel registry', () => {
  it('has a channel contract test in every registered channel folder', () => {
    for (const { type } of channelList) {
      const contract = new URL(`./channels/${type}/contract.test.ts`, import.meta.url);
      expect(existsSync(contract), type).toBe(true);
    }
  });

  it('is what the config file and the API description use', () => {
    expect(notificationSchema).toBe(channels.schema);
    expect(targetTypes).toEqual(channelList.map((channel) => channel.type));
    const schemas = openApiDocument.components.schemas as Record<string, unknown>;
    expect(schemas.NewTarget).toBe(targetJsonSchema);
    expect(JSON.stringify(schemas.Target)).toContain(JSON.stringify(targetTypes));
  });

  it('refuses a target list with a name twice (deliveries are keyed by name)', () => {
    const hook: NotifyTarget = { name: 'ops', type: 'webhook', url: 'https://h.example/x' };
    expect(checkTargets([hook])).toEqual([hook]);
    expect(() => checkTargets([hook, { ...hook, type: 'slack' }])).toThrow(
      'config error at notifications[1].name: duplicate target name "ops"',
    );
  });

  it.each<NotifyTarget>([
    { name: 'a', type: 'webhook', url: 'https://h.example/x', secret: 'whsec_1' },
    { name: 'a', type: 'webhook', url: 'https://h.example/x' },
    { name: 'a', type: 'slack', url: 'https://hooks.slack.com/services/T/B/x' },
    { name: 'a', type: 'discord', url: 'https://discord.com/api/webhooks/1/x' },
    { name: 'a', type: 'teams', url: 'https://t.example/workflows/x?sig=y' },
    {
      name: 'a',
      type: 'email',
      smtp: 'smtp://u:p@mail.example:587',
      from: 'vw@example.com',
      to: ['a@example.com', 'b@example.com'],
    },
    { name: 'a', type: 'pagerduty', routingKey: 'R0UTINGKEY0123456789abcdefABCDEF' },
    { name: 'a', type: 'pagerduty', url: 'http://127.0.0.1:9/v2', routingKey: 'k' },
  ])('keeps the stored fingerprint of a $type target', (target) => {
    expect(targetFingerprint(target)).toBe(storedFingerprint(target));
  });
});
