// GET /api/v1/deliveries (JSON) and /deliveries (HTML): recent notification deliveries, newest
// first, with each target's state (disabled or quarantined, and why). Errors are stored redacted.
import type { Context, Hono } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  listDeliveries,
  listNotifyTargets,
  outboxStatuses,
  type Database,
} from '../../store/index.js';
import { invalidParameter } from '../http-error.js';
import { sendJson } from '../json.js';
import { defaultLimit, maxLimit } from '../params.js';
import { deliveriesPage } from './deliveries-page.js';

const limitMessage = `limit must be an integer between 1 and ${maxLimit}`;

export const deliveryQuery = z.object({
  target: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9-]{0,62}$/,
      'target must be a target name (lowercase letters, digits, dashes)',
    )
    .optional(),
  status: z
    .enum(outboxStatuses, { error: `status must be one of ${outboxStatuses.join(', ')}` })
    .optional(),
  limit: z
    .string()
    .regex(/^[0-9]{1,5}$/, limitMessage)
    .transform(Number)
    .pipe(z.number().int().min(1, limitMessage).max(maxLimit, limitMessage))
    .default(defaultLimit),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_.:~-]{1,512}$/, 'cursor must be a nextCursor value from a list')
    .optional(),
});

/** Unknown or repeated parameters are refused, as on every other list endpoint. */
function parseDeliveryQuery(c: Context): z.output<typeof deliveryQuery> {
  const flat: Record<string, string> = {};
  for (const [name, values] of Object.entries(c.req.queries())) {
    if (!Object.hasOwn(deliveryQuery.shape, name)) {
      const known = Object.keys(deliveryQuery.shape).join(', ');
      throw invalidParameter(
        `unknown parameter ${JSON.stringify(name.slice(0, 50))} (accepted: ${known})`,
      );
    }
    if (values.length !== 1) throw invalidParameter(`${name} must be given at most once`);
    flat[name] = values[0]!;
  }
  const result = deliveryQuery.safeParse(flat);
  if (!result.success) throw invalidParameter(result.error.issues[0]?.message ?? 'invalid query');
  return result.data;
}

export function registerDeliveryRoutes(
  app: Hono,
  deps: { db: Kysely<Database>; now: () => string },
): void {
  app.get('/deliveries', (c) => deliveriesPage(c, deps));

  app.get('/api/v1/deliveries', async (c) => {
    const query = parseDeliveryQuery(c);
    const [page, targets] = await Promise.all([
      listDeliveries(deps.db, query),
      listNotifyTargets(deps.db),
    ]);
    return sendJson(c, {
      targets: targets.map((target) => ({
        name: target.name,
        type: target.type,
        state: target.state,
        reason: target.reason,
        failures: target.failures,
        failingSince: target.failingSince,
        lastError: target.lastError,
        lastSuccessAt: target.lastSuccessAt,
        nextAttemptAt: target.nextAttemptAt,
      })),
      deliveries: page.deliveries,
      nextCursor: page.nextCursor,
    });
  });
}
