// GET /api/v1/audit (admin token or an admin's session): the audit log, newest first, paged with
// ?before=SEQ and ?limit (1–200, default 50).
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { listAudit, type Database } from '../../store/index.js';
import { invalidParameter } from '../http-error.js';
import { sendJson } from '../json.js';
import { handleWrite, type WriteAuthorizer } from './write-support.js';

const defaultLimit = 50;
const maxLimit = 200;

function positive(raw: string | undefined, name: string, max: number): number | null {
  if (raw === undefined) return null;
  if (!/^[1-9][0-9]{0,15}$/.test(raw) || Number(raw) > max) {
    throw invalidParameter(`${name} must be a whole number from 1 to ${max}`);
  }
  return Number(raw);
}

export function createAuditApi(db: Kysely<Database>, authorize: WriteAuthorizer) {
  return (c: Context) =>
    handleWrite(c, async () => {
      await authorize(c);
      const limit = positive(c.req.query('limit'), 'limit', maxLimit) ?? defaultLimit;
      const before = positive(c.req.query('before'), 'before', Number.MAX_SAFE_INTEGER);
      const entries = await listAudit(db, { limit, before });
      const last = entries.at(-1);
      const next =
        entries.length === limit && last ? `/api/v1/audit?before=${last.seq}&limit=${limit}` : null;
      return sendJson(c, { entries, next });
    });
}
