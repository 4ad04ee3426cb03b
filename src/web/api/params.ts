// Query parameters of the list endpoints, validated with zod. Every failure names the parameter
// and what it accepts, and unknown or repeated parameters are refused rather than ignored, so a
// typo (`?vendr=x`) is a 400 instead of a silently unfiltered list.
import type { Context } from 'hono';
import { z } from 'zod';
import { flagKinds } from '../../domain/hygiene-flags.js';
import { impacts } from '../../domain/vocabulary.js';
import { parseInstant } from '../../domain/time.js';
import { invalidParameter } from '../http-error.js';
import { cursorPattern, slugPattern } from '../ids.js';

export const defaultLimit = 50;
export const maxLimit = 1000;
/** Longest text search accepted; longer input is almost surely not a search. */
export const maxQueryLength = 200;

const limitMessage = `limit must be an integer between 1 and ${maxLimit}`;
export const limit = z
  .string()
  .regex(/^[0-9]{1,5}$/, limitMessage)
  .transform(Number)
  .pipe(z.number().int().min(1, limitMessage).max(maxLimit, limitMessage));

const vendor = z
  .string()
  .regex(slugPattern, 'vendor must be a vendor slug (lowercase letters, digits, dashes)');

export const cursor = z
  .string()
  .regex(cursorPattern, 'cursor must be a nextCursor value from a list');

function instant(name: string) {
  return z.string().transform((value, ctx): string => {
    const parsed = parseInstant(value);
    if (parsed === null) {
      ctx.addIssue({
        code: 'custom',
        message: `${name} must be an ISO 8601 instant with a zone, e.g. 2025-09-10T13:47:31Z`,
      });
      return z.NEVER;
    }
    return parsed;
  });
}

const active = z
  .enum(['true', 'false'], { error: 'active must be true or false' })
  .transform((value) => value === 'true');

const impact = z.enum(impacts, { error: `impact must be one of ${impacts.join(', ')}` });

const flag = z.enum(flagKinds, { error: `flag must be one of ${flagKinds.join(', ')}` });

const q = z
  .string()
  .trim()
  .min(1, 'q must not be empty')
  .max(maxQueryLength, `q must be at most ${maxQueryLength} characters`);

const incidentQuery = z.object({
  vendor: vendor.optional(),
  active: active.optional(),
  impact: impact.optional(),
  since: instant('since').optional(),
  until: instant('until').optional(),
  q: q.optional(),
  flag: flag.optional(),
  limit: limit.default(defaultLimit),
  cursor: cursor.optional(),
});
type IncidentQuery = z.output<typeof incidentQuery>;

const eventQuery = z.object({
  since: instant('since').optional(),
  vendor: vendor.optional(),
  limit: limit.default(defaultLimit),
  cursor: cursor.optional(),
});
type EventQuery = z.output<typeof eventQuery>;

const afterMessage = 'after must be an event id or sequence number';
const streamQuery = z.object({
  after: z
    .string()
    .regex(/^[A-Za-z0-9_.:~-]{1,200}$/, afterMessage)
    .optional(),
  vendor: vendor.optional(),
});
type StreamQuery = z.output<typeof streamQuery>;

export const outageQuery = z.object({
  active: active.optional(),
  limit: limit.default(defaultLimit),
  cursor: cursor.optional(),
});

/** The parameter names each list endpoint accepts (openapi.test.ts compares them with the doc). */
export const acceptedParameters = {
  '/api/v1/incidents': Object.keys(incidentQuery.shape),
  '/api/v1/events': Object.keys(eventQuery.shape),
  '/api/v1/outages': Object.keys(outageQuery.shape),
  '/api/v1/events/stream': Object.keys(streamQuery.shape),
} as const;

export function parseIncidentQuery(c: Context): IncidentQuery {
  const query = parseQuery(c, incidentQuery);
  if (query.since && query.until && query.since >= query.until) {
    throw invalidParameter('since must be earlier than until');
  }
  return query;
}

export function parseEventQuery(c: Context): EventQuery {
  return parseQuery(c, eventQuery);
}

export function parseStreamQuery(c: Context): StreamQuery {
  return parseQuery(c, streamQuery);
}

export function parseQuery<Shape extends z.ZodRawShape>(
  c: Context,
  schema: z.ZodObject<Shape>,
): z.output<z.ZodObject<Shape>> {
  const given = c.req.queries();
  const flat: Record<string, string> = {};
  for (const [name, values] of Object.entries(given)) {
    if (!Object.hasOwn(schema.shape, name)) {
      const known = Object.keys(schema.shape).join(', ');
      throw invalidParameter(
        `unknown parameter ${JSON.stringify(name.slice(0, 50))} (accepted: ${known})`,
      );
    }
    if (values.length !== 1) throw invalidParameter(`${name} must be given at most once`);
    flat[name] = values[0]!;
  }
  const result = schema.safeParse(flat);
  if (!result.success) {
    throw invalidParameter(result.error.issues[0]?.message ?? 'invalid query parameters');
  }
  return result.data;
}
