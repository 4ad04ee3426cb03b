// A channel the product does not have, in a registry of its own: the target schema, the API's
// JSON Schema, redaction, fingerprints and routing all take it from its definition alone.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineChannel } from './channel.js';
import { httpUrlField, urlDestination, urlRefusal } from './channel-kit.js';
import { createChannelRegistry } from './channel-registry.js';
import { channelList } from './registry.js';
import type { RoutingContext } from '../domain/routing.js';
import { routeEvent } from './router.js';
import { redactSecrets } from './secrets.js';
import { sampleContext, sampleEvent } from './test-support/samples.js';
import type { NotifyTarget, SendIo } from './types.js';

const apiKey = 'cp_live_0123456789abcdefSECRET';
const loftPath = '/lofts/north-tower-7f3a9c';

const pigeon = defineChannel({
  type: 'carrier-pigeon',
  summary: 'A pigeon to a loft (loft; apiKey).',
  fields: { loft: httpUrlField, apiKey: z.string().min(8), leg: z.enum(['left', 'right']) },
  required: ['loft', 'apiKey'],
  secrets: { loft: 'url', apiKey: 'text' },
  fingerprint: ['loft', 'apiKey'],
  coalesce: true,
  minIntervalMs: 0,
  reminders: true,
  describeDestination: (target) => urlDestination(target.loft),
  refuseDestination: (target, policy) => urlRefusal('loft', target.loft, policy),
  render: (event) => ({ note: event.type }),
  // A careless service that echoes every credential back in its error.
  send: (payload, request) =>
    Promise.resolve({
      kind: 'rejected',
      error: `${payload.note} refused: key ${request.target.apiKey} at ${request.target.loft}`,
    }),
});

const registry = createChannelRegistry([...channelList, pigeon]);
const target: NotifyTarget = {
  name: 'coop',
  type: 'carrier-pigeon',
  loft: `https://pigeons.example${loftPath}`,
  apiKey,
};

function parseError(value: unknown): string {
  const result = registry.schema.safeParse(value);
  if (result.success) throw new Error('expected the target to be refused');
  const [issue] = result.error.issues;
  return `${issue!.path.join('.')}: ${issue!.message}`;
}

describe('a channel added to a registry', () => {
  it('is a target type the schema accepts, with its own required fields and no others', () => {
    expect(registry.types).toEqual([...channelList.map((c) => c.type), 'carrier-pigeon']);
    expect(registry.schema.parse({ ...target, leg: 'left', minImpact: 'major' })).toEqual({
      ...target,
      leg: 'left',
      minImpact: 'major',
    });
    expect(parseError({ name: 'coop', type: 'carrier-pigeon', loft: target.loft })).toBe(
      'apiKey: is required for type carrier-pigeon',
    );
    expect(parseError({ ...target, leg: 'middle' })).toMatch(/^leg: /);
    expect(parseError({ ...target, url: 'https://x.example/' })).toMatch(/Unrecognized key/);
    expect(parseError({ ...target, type: 'owl' })).toContain('"carrier-pigeon"');
    expect(registry.listSchema.safeParse([target, target]).error?.issues[0]).toMatchObject({
      path: [1, 'name'],
      message: 'duplicate target name "coop"',
    });
  });

  it('appears in the API description with its fields and what it requires', () => {
    const { oneOf } = registry.jsonSchema as { oneOf: Array<Record<string, unknown>> };
    const variant = oneOf.find((entry) => entry.title === 'carrier-pigeon');
    expect(variant).toMatchObject({
      description: 'A pigeon to a loft (loft; apiKey).',
      additionalProperties: false,
      required: ['name', 'type', 'loft', 'apiKey'],
      properties: {
        type: { const: 'carrier-pigeon' },
        loft: { type: 'string', format: 'uri' },
        leg: { enum: ['left', 'right'] },
        minImpact: { type: 'string' },
      },
    });
  });

  it('never lets its secrets out: errors, destinations and refusals are redacted', async () => {
    const message = registry.get('carrier-pigeon').compose(sampleEvent('incident.opened'), {
      ...sampleContext(),
    });
    const io: SendIo = {
      post: () => Promise.reject(new Error('unused')),
      policy: { allowPrivateAddresses: false },
    };
    const outcome = await message!.send({
      target,
      deliveryKey: 'k',
      progress: null,
      now: () => new Date(),
      timeoutMs: 1000,
      io,
    });
    const secrets = registry.secretsOf(target);
    const stored = redactSecrets(JSON.stringify(outcome), secrets);
    expect(JSON.stringify(outcome)).toContain(apiKey);
    expect(stored).not.toContain(apiKey);
    expect(stored).not.toContain('north-tower-7f3a9c');
    expect(stored).toContain('incident.opened refused: key [redacted]');
    expect(registry.describeDestination(target)).toBe('https://pigeons.example/…');
    const refusal = await registry.refuseDestination(
      { ...target, loft: `http://169.254.169.254${loftPath}` },
      { allowPrivateAddresses: false, allowedPrivateRanges: [] },
    );
    expect(refusal).toMatch(/^loft: blocked/);
  });

  it('fingerprints its destination fields, not its filters', () => {
    const print = registry.fingerprintOf(target);
    expect(registry.fingerprintOf({ ...target, minImpact: 'critical', leg: 'right' })).toBe(print);
    expect(registry.fingerprintOf({ ...target, apiKey: `${apiKey}2` })).not.toBe(print);
  });

  it('is routed like any target, with the maintenance reminders its definition asks for', () => {
    const scheduled = sampleEvent('maintenance.scheduled', { at: '2025-09-10T10:00:00.000Z' });
    const context: RoutingContext = {
      incident: {
        kind: 'maintenance',
        impact: 'maintenance',
        phase: 'scheduled',
        components: ['API'],
        scheduledFor: '2025-09-11T02:00:00.000Z',
      },
      updateComponents: null,
      notifiedTargets: [],
    };
    const hook: NotifyTarget = { name: 'hook', type: 'webhook', url: 'https://h.example/x' };
    const routed = routeEvent([target, hook], scheduled, context, {
      reminderLeadSeconds: 3600,
      reminders: registry.reminders,
    });
    expect(routed).toEqual([
      { target: 'coop', kind: 'event' },
      { target: 'coop', kind: 'reminder', notBefore: '2025-09-11T01:00:00.000Z' },
      { target: 'hook', kind: 'event' },
    ]);
  });
});

describe('createChannelRegistry', () => {
  it('refuses a list the rest of the code could not trust', () => {
    const variant = (overrides: object) => ({ ...pigeon, ...overrides });
    expect(() => createChannelRegistry([pigeon, pigeon])).toThrow(/listed twice/);
    expect(() => createChannelRegistry([variant({ type: 'Pigeon' })])).toThrow(/lowercase/);
    expect(() => createChannelRegistry([variant({ required: ['beak'] })])).toThrow(/no field beak/);
    expect(() => createChannelRegistry([variant({ secrets: { wing: 'text' } })])).toThrow(
      /no field wing/,
    );
    expect(() => createChannelRegistry([variant({ fingerprint: ['tail'] })])).toThrow(
      /no field tail/,
    );
    expect(() =>
      createChannelRegistry([variant({ fields: { ...pigeon.fields, vendors: z.string() } })]),
    ).toThrow(/fields vendors are every target's/);
    expect(() => createChannelRegistry([])).toThrow(/no channels/);
  });
});

describe('a stored target from before the per-type schema', () => {
  const products = createChannelRegistry(channelList);
  const slack = { name: 'ops', type: 'slack', url: 'https://hooks.slack.com/services/T/B/x' };

  it('loads without the fields only other types have, which it never used', () => {
    const stored = { ...slack, secret: 'signing-secret-unused', routingKey: 'R0UT1NGKEY' };
    expect(products.schema.safeParse(stored).success).toBe(false);
    expect(products.schema.parse(products.withoutForeignFields(stored))).toEqual(slack);
  });

  it('keeps every other mistake, so a damaged definition is still refused', () => {
    const damaged = { ...slack, colour: 'red' };
    expect(products.withoutForeignFields(damaged)).toEqual(damaged);
    expect(products.schema.safeParse(products.withoutForeignFields(damaged)).success).toBe(false);
    expect(products.withoutForeignFields('not an object')).toBe('not an object');
  });
});
