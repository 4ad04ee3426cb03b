// The notification layer's vocabulary: targets, what a message is rendered from, and what a send
// reports. Channels, the router and the dispatcher all speak it; none of it touches the store.
import type { Incident, IncidentUpdate, VendorEvent } from '../domain/model.js';
import type { EventType, Impact } from '../domain/vocabulary.js';
import type { AddressPolicy } from '../fetch/address-guard.js';
import type { HttpPost } from './http/post.js';

/** A channel's type name (`webhook`, `slack`, …): the channel registry says which exist. */
export type TargetType = string;

/** What every target has, whatever its channel: a name, a type and the routing filters. */
interface TargetCommon {
  name: string;
  type: TargetType;
  vendors?: readonly string[];
  components?: Readonly<Record<string, readonly string[]>>;
  /** Board slugs: only events of what one of these boards covers (domain/board.ts). */
  boards?: readonly string[];
  minImpact?: Impact;
  events?: readonly EventType[];
}

/**
 * A configured notification target: the common part and its channel's own fields (url, secret,
 * smtp, …), which only that channel reads, as its config schema checked them.
 */
export interface NotifyTarget extends TargetCommon {
  [field: string]: unknown;
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

export interface SendRequest<T extends NotifyTarget = NotifyTarget> {
  target: T;
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
interface OutgoingMessage {
  /** The rendered payload (what send posts), for tests. */
  payload: unknown;
  send(request: SendRequest): Promise<SendOutcome>;
}

/** A channel as the dispatcher uses it (its full description is a ChannelDefinition). */
export interface Channel {
  type: TargetType;
  /** Folds bursts of updates into one message: people read these, machines want every event. */
  coalesce: boolean;
  /** Least time between two messages to one target: the service's own rate limit. */
  minIntervalMs: number;
  /** Whether it gets a reminder ahead of maintenance: people do, machines read the window. */
  reminders: boolean;
  /** The message for this event, or null when this channel has nothing to say about it. */
  compose(event: VendorEvent, context: MessageContext): OutgoingMessage | null;
}
