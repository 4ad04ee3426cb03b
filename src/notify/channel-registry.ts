// Everything vendorwatch knows about channels, derived from one list of channel definitions: the
// target types, the target schema (config file and admin API), its JSON Schema (API description),
// which strings of a target are secret, its fingerprint and how to show its destination.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { AddressPolicy } from '../fetch/address-guard.js';
import type { ChannelDefinition, SecretKind } from './channel.js';
import { secretStrings } from './secret-parts.js';
import {
  buildTargetJsonSchema,
  buildTargetListSchema,
  buildTargetSchema,
  commonFields,
} from './target-schema.js';
import type { NotifyTarget, TargetType } from './types.js';

interface ChannelRegistry {
  /** The channels' type names, in the list's order. */
  types: readonly TargetType[];
  /** One target, as the config file and the admin API give it. */
  schema: z.ZodType<NotifyTarget>;
  /** The config file's list of targets: names are unique. */
  listSchema: z.ZodType<NotifyTarget[]>;
  /** A new target as JSON Schema, for the API description. */
  jsonSchema: object;
  get(type: TargetType): ChannelDefinition;
  /** Whether targets of this type get maintenance reminders. */
  reminders: (type: TargetType) => boolean;
  /** Every string of this target that must never leave vendorwatch, longest first. */
  secretsOf(target: NotifyTarget): string[];
  /** Changes when the destination or its credentials change, not when filters do. */
  fingerprintOf(target: NotifyTarget): string;
  describeDestination(target: NotifyTarget): string;
  refuseDestination(target: NotifyTarget, policy: AddressPolicy): Promise<string | null>;
  /**
   * A stored definition without the fields only other channel types have: the schema refuses
   * them, but targets stored before it did (e.g. a `secret` on a slack target) must keep working.
   */
  withoutForeignFields(value: unknown): unknown;
}

const typePattern = /^[a-z][a-z0-9-]*$/;
const reserved = new Set(['type', ...Object.keys(commonFields)]);

// Fingerprints are stored, so their text must not change: the fields the first channels used keep
// their slots (empty where a channel has none) and a channel's other fields follow in its order.
const legacySlots = ['url', 'secret', 'smtp', 'from', 'to', 'routingKey'];

function fieldText(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(',');
  return typeof value === 'string' ? value : '';
}

/** Refuses a list the rest of the code could not trust: a test fails before anything runs. */
function checkDefinition(channel: ChannelDefinition, seen: ReadonlySet<string>): void {
  const problem = (text: string) => new Error(`channel ${channel.type}: ${text}`);
  if (!typePattern.test(channel.type)) throw problem('the type must be lowercase letters');
  if (seen.has(channel.type)) throw problem('listed twice');
  const fields = Object.keys(channel.fields);
  const clash = fields.filter((field) => reserved.has(field));
  if (clash.length > 0) throw problem(`fields ${clash.join(', ')} are every target's`);
  const listed = [...channel.required, ...Object.keys(channel.secrets), ...channel.fingerprint];
  const unknown = listed.filter((field) => !fields.includes(field));
  if (unknown.length > 0) throw problem(`no field ${unknown.join(', ')}`);
}

export function createChannelRegistry(list: readonly ChannelDefinition[]): ChannelRegistry {
  const byType = new Map<TargetType, ChannelDefinition>();
  for (const channel of list) {
    checkDefinition(channel, new Set(byType.keys()));
    byType.set(channel.type, channel);
  }

  function get(type: TargetType): ChannelDefinition {
    const channel = byType.get(type);
    if (!channel) throw new Error(`no channel for type ${type}`);
    return channel;
  }

  // A type no channel claims never passes the schema; should one get here, all its own fields
  // count as secret and as its destination.
  const ownFields = (target: NotifyTarget) => Object.keys(target).filter((k) => !reserved.has(k));

  function secretsOf(target: NotifyTarget): string[] {
    const kinds: Readonly<Partial<Record<string, SecretKind>>> =
      byType.get(target.type)?.secrets ??
      Object.fromEntries(ownFields(target).map((key) => [key, 'url']));
    const values: Array<[SecretKind, string]> = [];
    for (const [field, kind] of Object.entries(kinds)) {
      const value = target[field];
      if (kind && typeof value === 'string' && value !== '') values.push([kind, value]);
    }
    return secretStrings(values);
  }

  function fingerprintOf(target: NotifyTarget): string {
    const fields = byType.get(target.type)?.fingerprint ?? ownFields(target).sort();
    const extra = fields.filter((field) => !legacySlots.includes(field));
    const slots = legacySlots.map((slot) => (fields.includes(slot) ? fieldText(target[slot]) : ''));
    const destination = [target.type, ...slots, ...extra.map((f) => fieldText(target[f]))];
    return createHash('sha256').update(destination.join('\n')).digest('hex').slice(0, 32);
  }

  const anyChannelField = new Set(list.flatMap((channel) => Object.keys(channel.fields)));
  function withoutForeignFields(value: unknown): unknown {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const own = byType.get(String((value as { type?: unknown }).type))?.fields;
    if (!own) return value;
    const kept = Object.entries(value).filter(([key]) => key in own || !anyChannelField.has(key));
    return Object.fromEntries(kept);
  }

  const schema = buildTargetSchema(list);
  return {
    types: [...byType.keys()],
    schema,
    listSchema: buildTargetListSchema(schema),
    jsonSchema: buildTargetJsonSchema(list),
    get,
    reminders: (type) => byType.get(type)?.reminders ?? false,
    secretsOf,
    fingerprintOf,
    describeDestination: (target) => get(target.type).describeDestination(target),
    refuseDestination: (target, policy) => get(target.type).refuseDestination(target, policy),
    withoutForeignFields,
  };
}
