// The contract every channel passes, run from its folder's contract.test.ts: it is registered,
// the target schema takes its example and names each missing required field, its render is pure
// for every event, its secrets stay out of what is shown and fingerprinted right, and, for an
// HTTP channel, a real receiver's answers map to the same outcomes as every other channel's
// while nothing it sends can leak through an echoed error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VendorEvent } from '../../domain/model.js';
import { eventTypes, type EventType } from '../../domain/vocabulary.js';
import type { ChannelDefinition } from '../channel.js';
import { createHttpPoster, type HttpPoster } from '../http/post.js';
import { channels } from '../registry.js';
import { redactSecrets, targetSecrets } from '../secrets.js';
import type { MessageContext, NotifyTarget, SendOutcome } from '../types.js';
import { startReceiver, type Received, type Receiver, type Reply } from './receiver.js';
import { componentEvent, hostileContext, sampleContext, sampleEvent } from './samples.js';

export interface ContractFixture {
  /** A valid target of the channel that sends to `url` (a loopback receiver over HTTP). */
  target(url: string): NotifyTarget;
  /** Values in that target that must never be logged, stored or shown. */
  secrets: readonly string[];
  /** 'http': it sends through the guarded poster, so the HTTP part runs against a receiver. */
  transport: 'http' | 'other';
  /** A problem with a request's shape, as the service documents it, or null. */
  check?: (request: Received) => string | null;
}

const loopback = { allowPrivateAddresses: false, allowedPrivateRanges: ['127.0.0.0/8'] };

/** Every event type with a context it comes with, in both message kinds. */
function cases(): Array<[string, VendorEvent, MessageContext]> {
  const vendorOnly = { incident: null, update: null };
  const pairs = eventTypes.map((type: EventType): [VendorEvent, MessageContext] => {
    if (type === 'component.status_changed') return [componentEvent(), sampleContext(vendorOnly)];
    if (type.startsWith('vendor.')) return [sampleEvent(type), sampleContext(vendorOnly)];
    return [sampleEvent(type), sampleContext()];
  });
  return pairs.flatMap(([event, context]) => [
    [event.type, event, context],
    [`${event.type} (hostile text)`, event, { ...hostileContext(), ...vendorFields(context) }],
    [`${event.type} (reminder)`, event, { ...context, kind: 'reminder' }],
  ]);
}

function vendorFields(context: MessageContext): Partial<MessageContext> {
  return context.incident === null ? { incident: null, update: null } : {};
}

function changed(value: unknown): unknown {
  if (Array.isArray(value)) return [...(value as unknown[]), 'another@example.com'];
  return `${String(value)}x`;
}

export function channelContract(channel: ChannelDefinition, fixture: ContractFixture): void {
  const example = fixture.target('https://receiver.example/hook');

  describe(`the ${channel.type} channel contract`, () => {
    it('is registered under its type', () => {
      expect(channels.get(channel.type)).toBe(channel);
      expect(example.type).toBe(channel.type);
    });

    it('takes its example target and names each missing required field', () => {
      expect(channels.schema.safeParse(example).success).toBe(true);
      for (const field of channel.required) {
        const { [field]: _, ...missing } = example;
        const issue = channels.schema.safeParse(missing).error?.issues[0];
        expect(issue, field).toMatchObject({
          path: [field],
          message: `is required for type ${channel.type}`,
        });
      }
      expect(channels.schema.safeParse({ ...example, colour: 'red' }).success).toBe(false);
    });

    it.each(cases())('renders %s purely', (_, event, context) => {
      const first = channel.compose(event, context);
      const again = channel.compose(event, structuredClone(context));
      expect(again?.payload).toEqual(first?.payload);
      if (first) expect(JSON.parse(JSON.stringify(first.payload))).toEqual(first.payload);
    });

    it('keeps its secrets out of what it shows and out of redacted text', () => {
      expect(fixture.secrets.length).toBeGreaterThan(0);
      const secrets = targetSecrets(example);
      for (const secret of fixture.secrets) {
        const written = JSON.stringify(example);
        expect(written.includes(secret) || written.includes(encodeURIComponent(secret))).toBe(true);
        expect(channels.describeDestination(example)).not.toContain(secret);
        expect(redactSecrets(`error near ${secret} here`, secrets)).not.toContain(secret);
      }
    });

    it('fingerprints its destination fields, not the filters', () => {
      const print = channels.fingerprintOf(example);
      const filtered: NotifyTarget = { ...example, minImpact: 'critical', vendors: ['github'] };
      expect(channels.fingerprintOf(filtered)).toBe(print);
      for (const field of channel.fingerprint.filter((f) => example[f] !== undefined)) {
        const moved = { ...example, [field]: changed(example[field]) };
        expect(channels.fingerprintOf(moved), field).not.toBe(print);
      }
    });

    if (fixture.transport === 'http') httpContract(channel, fixture);
  });
}

function httpContract(channel: ChannelDefinition, fixture: ContractFixture): void {
  let receiver: Receiver;
  let poster: HttpPoster;
  beforeAll(async () => {
    receiver = await startReceiver();
    poster = createHttpPoster({ policy: loopback, connectTimeoutMs: 1000 });
  });
  afterAll(async () => {
    await poster.close();
    await receiver.close();
  });

  async function send(reply: Reply, target = fixture.target(receiver.url())) {
    receiver.respond(() => reply);
    const message = channel.compose(sampleEvent('incident.opened'), sampleContext());
    if (!message) throw new Error(`${channel.type} renders nothing for incident.opened`);
    return message.send({
      target,
      deliveryKey: '0123456789abcdef0123456789abcdef',
      progress: null,
      now: () => new Date(),
      timeoutMs: 500,
      io: { post: poster.post, policy: loopback },
    });
  }

  it.each<[Reply, SendOutcome['kind']]>([
    [{ status: 200 }, 'sent'],
    [{ status: 202 }, 'sent'],
    [{ status: 204 }, 'sent'],
    [{ status: 400, body: 'bad' }, 'rejected'],
    [{ status: 401 }, 'rejected'],
    [{ status: 404 }, 'rejected'],
    [{ status: 408 }, 'retry'],
    [{ status: 410 }, 'gone'],
    [{ status: 429, headers: { 'retry-after': '7' } }, 'retry'],
    [{ status: 500 }, 'retry'],
    [{ status: 503 }, 'retry'],
    ['hang', 'retry'],
    ['drop', 'retry'],
  ])('maps the answer %j to %s, in the shape the service documents', async (reply, kind) => {
    const outcome = await send(reply);
    expect(outcome.kind).toBe(kind);
    if (typeof reply === 'object' && reply.headers) {
      expect(outcome).toMatchObject({ retryAfterSeconds: 7 });
    }
    expect(fixture.check?.(receiver.received.at(-1)!) ?? null).toBeNull();
  });

  it('refuses a private destination without connecting', async () => {
    const before = receiver.received.length;
    const outcome = await send({ status: 200 }, fixture.target('http://169.254.169.254/x'));
    expect(outcome.kind).toBe('rejected');
    expect(receiver.received).toHaveLength(before);
  });

  it('never leaks a secret it sends, even when the receiver echoes the request', async () => {
    const target = fixture.target(receiver.url());
    const secrets = targetSecrets(target);
    await send({ status: 204 }, target);
    const sent = receiver.received.at(-1)!;
    const everything = `${sent.path} ${JSON.stringify(sent.headers)} ${sent.body}`;
    // An error quotes the start of an answer: the parts that may carry a secret come first.
    const echo = `${sent.headers.authorization ?? ''} ${sent.path}`;
    const answered = await send({ status: 400, body: echo }, target);
    for (const secret of fixture.secrets) {
      expect(redactSecrets(everything, secrets)).not.toContain(secret);
      expect(redactSecrets(JSON.stringify(answered), secrets)).not.toContain(secret);
    }
  });
}
