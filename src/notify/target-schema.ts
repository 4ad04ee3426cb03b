// One notification target's schema, built from the channels: a variant per channel type with
// that channel's fields, plus the fields every target has (its name and routing filters). The
// config file, the admin API and the API description all use what is built here.
import { z } from 'zod';
import { eventTypes, impacts } from '../domain/vocabulary.js';
import type { ChannelDefinition } from './channel.js';
import type { NotifyTarget } from './types.js';

/** Deliveries are keyed by target name; the same shape as a vendor slug. */
const namePattern = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The fields every target has besides `type`; a channel's own fields may not reuse the names. */
export const commonFields = {
  name: z.string().regex(namePattern, 'must be lowercase letters, digits and dashes'),
  vendors: z.array(z.string().regex(namePattern)).optional(),
  components: z.record(z.string(), z.array(z.string().min(1))).optional(),
  /** Only events of vendors (and components) on one of these boards (config `boards:`). */
  boards: z.array(z.string().regex(namePattern)).min(1).optional(),
  minImpact: z.enum(impacts).optional(),
  events: z.array(z.enum(eventTypes)).optional(),
};

/** The variant's object before its required-field check: what the API description shows. */
function variantShape(channel: ChannelDefinition) {
  const { name, ...filters } = commonFields;
  const own = Object.fromEntries(
    Object.entries(channel.fields).map(([key, field]) => [key, field.optional()]),
  );
  return z.object({ name, type: z.literal(channel.type), ...own, ...filters }).strict();
}

// Required fields are checked after the shape, so a missing one says which type needs it.
function variant(channel: ChannelDefinition) {
  return variantShape(channel).superRefine((target, ctx) => {
    for (const key of channel.required) {
      if ((target as Record<string, unknown>)[key] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `is required for type ${channel.type}`,
        });
      }
    }
  });
}

/** One target: a variant per channel, chosen by `type`. */
export function buildTargetSchema(channels: readonly ChannelDefinition[]): z.ZodType<NotifyTarget> {
  const types = channels.map((channel) => `"${channel.type}"`).join('|');
  const [first, ...rest] = channels.map(variant);
  if (!first) throw new Error('no channels to build a target schema from');
  return z.discriminatedUnion('type', [first, ...rest], {
    error: (issue) =>
      issue.code === 'invalid_union' ? `Invalid option: expected one of ${types}` : undefined,
  });
}

/** The first target whose name an earlier one already has: deliveries are keyed by name. */
export function duplicateTargetName(targets: readonly { name: string }[]): number | null {
  const seen = new Set<string>();
  for (const [index, target] of targets.entries()) {
    if (seen.has(target.name)) return index;
    seen.add(target.name);
  }
  return null;
}

/** A list of targets (the config file's `notifications`): names are unique. */
export function buildTargetListSchema(schema: z.ZodType<NotifyTarget>) {
  return z.array(schema).superRefine((targets, ctx) => {
    const index = duplicateTargetName(targets);
    if (index === null) return;
    const message = `duplicate target name "${targets[index]!.name}"`;
    ctx.addIssue({ code: 'custom', path: [index, 'name'], message });
  });
}

/** A new target as JSON Schema (for OpenAPI): one variant per channel, its required fields too. */
export function buildTargetJsonSchema(channels: readonly ChannelDefinition[]): object {
  return {
    description:
      'A target as in the config file: a name, a type, that type’s fields and the optional ' +
      'filters (vendors, components, boards, minImpact, events).',
    oneOf: channels.map((channel) => {
      const { $schema: _, ...schema } = z.toJSONSchema(variantShape(channel), { io: 'input' });
      return {
        title: channel.type,
        description: channel.summary,
        ...schema,
        required: ['name', 'type', ...channel.required],
      };
    }),
  };
}
