// GET /api/v1/deliveries: recent notification deliveries, newest first, with each target's state
// (disabled or quarantined, and why). Errors are stored redacted.
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  listDeliveries,
  listNotifyTargets,
  outboxStatuses,
  type Database,
} from '../../store/index.js';
import { sendJson } from '../json.js';
import { targetNamePattern } from '../ids.js';
import { cursor, defaultLimit, limit, parseQuery } from './params.js';

const deliveryQuery = z.object({
  target: z
    .string()
    .regex(targetNamePattern, 'target must be a target name (lowercase letters, digits, dashes)')
    .optional(),
  status: z
    .enum(outboxStatuses, { error: `status must be one of ${outboxStatuses.join(', ')}` })
    .optional(),
  limit: limit.default(defaultLimit),
  cursor: cursor.optional(),
});

interface DeliveryApi {
  list(c: Context): Promise<Response>;
}

export function createDeliveryApi(db: Kysely<Database>): DeliveryApi {
  return { list: (c) => listDeliveryPage(c, db) };
}

async function listDeliveryPage(c: Context, db: Kysely<Database>): Promise<Response> {
  const query = parseQuery(c, deliveryQuery);
  const [page, targets] = await Promise.all([listDeliveries(db, query), listNotifyTargets(db)]);
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
}
