// GET /manage/audit (admin): the audit log, newest first; ?before=SEQ pages back.
import type { Context } from 'hono';
import { listAudit } from '../../../store/index.js';
import type { PageDeps } from '../shared/context.js';
import { sendHtml } from '../shared/html.js';
import { AuditPage } from './view.js';

const pageSize = 50;

export function parseBefore(raw: string | undefined): number | null {
  return raw !== undefined && /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : null;
}

export async function auditPage(c: Context, deps: PageDeps): Promise<Response> {
  const before = parseBefore(c.req.query('before'));
  const entries = await listAudit(deps.db, { limit: pageSize, before });
  const last = entries.at(-1);
  const older = entries.length === pageSize && last ? `/manage/audit?before=${last.seq}` : null;
  return sendHtml(
    c,
    <AuditPage assets={deps.assets.urls} entries={entries} older={older} paged={before !== null} />,
  );
}
