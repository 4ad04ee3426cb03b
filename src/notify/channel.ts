// What a channel says about itself, in its own folder: its config fields, which of them are
// secrets and which make its destination, how to show and check that destination, and its pure
// render and thin send. The registry derives everything else from these.
import type { z } from 'zod';
import type { VendorEvent } from '../domain/model.js';
import type { AddressPolicy } from '../fetch/address-guard.js';
import type {
  Channel,
  MessageContext,
  NotifyTarget,
  SendOutcome,
  SendRequest,
  TargetType,
} from './types.js';

/** A channel's own config fields; each is optional unless the channel lists it as required. */
type ChannelFields = Record<string, z.ZodType>;

/** How a secret is taken apart for redaction: a URL's path, query and password are hidden too. */
export type SecretKind = 'url' | 'text';

/** A target of one channel as its own code sees it, once the config schema has checked it. */
export type ChannelTarget<F extends ChannelFields, R extends keyof F> = NotifyTarget & {
  [K in R]: z.output<F[K]>;
} & { [K in Exclude<keyof F, R>]?: z.output<F[K]> };

/** A channel as written in its folder. */
interface ChannelSpec<F extends ChannelFields, R extends keyof F & string, P> {
  type: TargetType;
  /** One line for the API description: where it sends and what its fields are. */
  summary: string;
  fields: F;
  required: readonly R[];
  /** Fields that must never be logged, stored in an error or shown. */
  secrets: { readonly [K in keyof F]?: SecretKind };
  /** Fields that make the destination: a change gives the target a fresh start. */
  fingerprint: readonly (keyof F & string)[];
  coalesce: boolean;
  minIntervalMs: number;
  reminders: boolean;
  /** Where it sends, for people, without any secret. */
  describeDestination(target: ChannelTarget<F, R>): string;
  /** Why its destination may not be used (the address guard's rules), or null. */
  refuseDestination(target: ChannelTarget<F, R>, policy: AddressPolicy): Promise<string | null>;
  render(event: VendorEvent, context: MessageContext): P | null;
  send(payload: P, request: SendRequest<ChannelTarget<F, R>>): Promise<SendOutcome>;
}

/** A channel as the registry holds it: the dispatcher's Channel and its self-description. */
export interface ChannelDefinition extends Channel {
  summary: string;
  fields: ChannelFields;
  required: readonly string[];
  secrets: Readonly<Partial<Record<string, SecretKind>>>;
  fingerprint: readonly string[];
  describeDestination(target: NotifyTarget): string;
  refuseDestination(target: NotifyTarget, policy: AddressPolicy): Promise<string | null>;
}

export function defineChannel<F extends ChannelFields, R extends keyof F & string, P>(
  spec: ChannelSpec<F, R, P>,
): ChannelDefinition {
  // Every target passes its channel's schema before it reaches the channel, so these casts hold.
  const own = (target: NotifyTarget) => target as ChannelTarget<F, R>;
  return {
    type: spec.type,
    summary: spec.summary,
    fields: spec.fields,
    required: spec.required,
    secrets: spec.secrets,
    fingerprint: spec.fingerprint,
    coalesce: spec.coalesce,
    minIntervalMs: spec.minIntervalMs,
    reminders: spec.reminders,
    describeDestination: (target) => spec.describeDestination(own(target)),
    refuseDestination: (target, policy) => spec.refuseDestination(own(target), policy),
    compose(event, context) {
      const payload = spec.render(event, context);
      if (payload === null) return null;
      return {
        payload,
        send: (request) => spec.send(payload, { ...request, target: own(request.target) }),
      };
    },
  };
}
