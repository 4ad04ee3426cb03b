// The channel forms come from the channel registry: every channel has one, with its fields in
// its order, its required and secret fields as the channel lists them, and its hints.
import { describe, expect, it } from 'vitest';
import { channelList } from '../notify/registry.js';
import { channelForms } from './target-forms.js';

describe('channel forms', () => {
  it('has a form per channel, each field as its channel defines it', () => {
    expect(channelForms.map((form) => form.type)).toEqual(channelList.map((c) => c.type));
    for (const channel of channelList) {
      const form = channelForms.find((candidate) => candidate.type === channel.type)!;
      expect(form.fields.map((field) => field.key)).toEqual(Object.keys(channel.fields));
      for (const field of form.fields) {
        expect(field.required, `${channel.type}.${field.key}`).toBe(
          channel.required.includes(field.key),
        );
        expect(field.secret, `${channel.type}.${field.key}`).toBe(
          channel.secrets[field.key] !== undefined,
        );
      }
    }
  });

  it('reads kinds, labels and hints from the field schemas', () => {
    const field = (type: string, key: string) =>
      channelForms.find((form) => form.type === type)!.fields.find((f) => f.key === key)!;
    expect(field('email', 'to')).toMatchObject({ kind: 'list', required: true, secret: false });
    expect(field('email', 'smtp')).toMatchObject({
      kind: 'text',
      label: 'SMTP URL',
      secret: true,
      hint: 'smtp:// or smtps:// URL, credentials included.',
    });
    expect(field('webhook', 'secret')).toMatchObject({ required: false, secret: true });
    expect(field('telegram', 'chatId')).toMatchObject({
      kind: 'text',
      label: 'Chat id',
      required: true,
      secret: false,
    });
    expect(field('pagerduty', 'routingKey')).toMatchObject({ label: 'Routing key', secret: true });
    expect(channelForms.find((form) => form.type === 'teams')!.label).toBe('Microsoft Teams');
  });
});
