// GET /api/v1/workers: the pollers sharing this database, live first, then those gone within
// the last day with when their vendors were taken over.
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { listWorkers, workerLeaseSeconds, type Database } from '../../store/index.js';
import { sendJson } from '../json.js';

export function createWorkerApi(db: Kysely<Database>, now: () => string) {
  return {
    async list(c: Context): Promise<Response> {
      const workers = await listWorkers(db, { now: now(), leaseSeconds: workerLeaseSeconds });
      return sendJson(c, { leaseSeconds: workerLeaseSeconds, workers });
    },
  };
}
