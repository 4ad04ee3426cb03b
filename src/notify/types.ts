// The notification layer's vocabulary: targets, what a message is rendered from, and what a send
// reports. Channels, the router and the dispatcher all speak it; none of it touches the store.
import type { Incident, IncidentUpdate, VendorEvent } from '../domain/model.js';
import type { EventType, Impact } from '../domain/vocabulary.js';
import type { AddressPolicy } from '../fetch/address-guard.js';
import type { HttpPost } from './http/post.js';

export const targetTypes = ['webhook', 'slack', 'discord', 'teams', 'email', 'pagerduty'] as const;
export type TargetType = (typeof targetTypes)[number];

/** A configured notification target (SPEC §4 `notifications`). */
export interface NotifyTarget {
  name: string;
  type: TargetType;
  url?: string;
  secret?: string;
  to?: readonly string[];
  from?: string;
  smtp?: string;
  routingKey?: string;
  vendors?: readonly string[];
  components?: Readonly<Record<string, readonly string[]>>;
  minImpact?: Impact;
  events?: readonly EventType[];
}

/** Everything a message says besides the event itself, loaded when it is sent. */
export interface MessageContext {
  vendor: { slug: string; name: string; statusPageUrl: string | null };
  incident: Pick<
    Incident,
    | 'id'
    | 'title'
    | 'kind'
    | 'impact'
    | 'phase'
    | 'components'
    | 'sourceUrl'
    | 'startedAt'
    | 'resolvedAt'
    | 'scheduledFor'
    | 'scheduledUntil'
  > | null;
  /** The event's own update, or the incident's latest one when the event names none. */
  update: Pick<IncidentUpdate, 'id' | 'phase' | 'bodyText' | 'postedAt'> | null;
  /** vendorwatch's page for the incident (or the vendor); null when no public URL is known. */
  pageUrl: string | null;
  /** 'reminder' for a reminder ahead of a maintenance window. */
  kind: 'event' | 'reminder';
}

/**
 * What one attempt did. `retry`: try again later (Retry-After in seconds when the receiver said);
 * `rejected`: this message will never be accepted; `gone`: the destination no longer exists.
 */
export type SendOutcome =
  | { kind: 'sent'; detail: string }
  | { kind: 'retry'; error: string; retryAfterSeconds?: number; progress?: string | null }
  | { kind: 'rejected'; error: string }
  | { kind: 'gone'; error: string };

export interface SendRequest {
  target: NotifyTarget;
  /** The idempotency key, the same on every retry (X-Vendorwatch-Delivery). */
  deliveryKey: string;
  /** Resume state an earlier partial attempt returned (e.g. email recipients already served). */
  progress: string | null;
  now: () => Date;
  timeoutMs: number;
  signal?: AbortSignal;
  io: SendIo;
}

/** The I/O a send may use: every destination passes the same private-address guard. */
export interface SendIo {
  post: HttpPost;
  policy: AddressPolicy;
}

/** A rendered message, ready to send. */
export interface OutgoingMessage {
  /** The rendered payload (what send posts), for tests. */
  payload: unknown;
  send(request: SendRequest): Promise<SendOutcome>;
}

export interface Channel {
  type: TargetType;
  /** Folds bursts of updates into one message: people read these, machines want every event. */
  coalesce: boolean;
  /** Least time between two messages to one target: the service's own rate limit. */
  minIntervalMs: number;
  /** The message for this event, or null when this channel has nothing to say about it. */
  compose(event: VendorEvent, context: MessageContext): OutgoingMessage | null;
}

/** A channel as written: a pure render and a thin send for its own payload type. */
export interface ChannelSpec<P> {
  type: TargetType;
  coalesce: boolean;
  minIntervalMs: number;
  render(event: VendorEvent, context: MessageContext): P | null;
  send(payload: P, request: SendRequest): Promise<SendOutcome>;
}

export function defineChannel<P>(spec: ChannelSpec<P>): Channel {
  return {
    type: spec.type,
    coalesce: spec.coalesce,
    minIntervalMs: spec.minIntervalMs,
    compose(event, context) {
      const payload = spec.render(event, context);
      if (payload === null) return null;
      return { payload, send: (request) => spec.send(payload, request) };
    },
  };
}
