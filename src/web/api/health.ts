// GET /healthz (the process answers) and GET /readyz (the store answers within a deadline).
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { checkReady, type Database } from '../../store/index.js';
import { sendError, sendJson } from '../json.js';
import { defaultReadinessTimeoutMs, probeWithDeadline } from './readiness.js';

interface HealthApi {
  live(c: Context): Response;
  ready(c: Context): Promise<Response>;
}

export function createHealthApi(
  db: Kysely<Database>,
  readinessTimeoutMs = defaultReadinessTimeoutMs,
): HealthApi {
  // One readiness query at a time: probes against a hung store share it instead of piling up.
  let readinessQuery: Promise<void> | null = null;
  const probeStore = () =>
    (readinessQuery ??= checkReady(db).finally(() => {
      readinessQuery = null;
    }));
  return {
    live: (c) => sendJson(c, { status: 'ok' }),
    async ready(c) {
      const result = await probeWithDeadline(probeStore, readinessTimeoutMs);
      if (result.ready) return sendJson(c, { status: 'ready' });
      const message =
        result.reason === 'timeout'
          ? `the store did not answer within ${readinessTimeoutMs} ms`
          : 'the store is unavailable';
      return sendError(c, 503, 'store_unavailable', message);
    },
  };
}
