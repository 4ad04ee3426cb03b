// Which platform a status page runs on, from as few requests as possible (providers.md §9).
import type { Platform } from '../domain/vocabulary.js';
import type { Fetcher } from '../fetch/types.js';

export type Detection =
  | { ok: true; platform: Platform; evidence: string }
  | { ok: false; error: string; tried: string[] };

const statuspagePageId = /^[a-z0-9]{12}$/;
const ulid = /^[0-9A-HJKMNP-TV-Z]{26}$/i;

export async function detectPlatform(fetcher: Fetcher, statusPageUrl: string): Promise<Detection> {
  const base = statusPageUrl.replace(/\/+$/, '').replace(/\/api\/v2(\/.*)?$/, '');
  const summaryUrl = `${base}/api/v2/summary.json`;
  const tried = [summaryUrl];
  const result = await fetcher.fetch({ url: summaryUrl });
  if (!result.ok) return { ok: false, error: `${summaryUrl}: ${result.error.message}`, tried };
  if (result.notModified) return { ok: false, error: `${summaryUrl}: unexpected 304`, tried };
  let body: unknown;
  try {
    body = JSON.parse(result.body);
  } catch {
    return { ok: false, error: 'no known status page API found (summary.json is not JSON)', tried };
  }
  const pageId = readPageId(body);
  if (pageId !== null && statuspagePageId.test(pageId)) {
    return {
      ok: true,
      platform: 'statuspage',
      evidence: `summary.json with a Statuspage page id (${pageId})`,
    };
  }
  if (pageId !== null && ulid.test(pageId)) {
    return {
      ok: true,
      platform: 'incidentio',
      evidence: `summary.json with an incident.io page id (${pageId})`,
    };
  }
  return { ok: false, error: 'no known status page API found', tried };
}

function readPageId(body: unknown): string | null {
  if (body === null || typeof body !== 'object') return null;
  const page = (body as { page?: unknown }).page;
  if (page === null || typeof page !== 'object') return null;
  const id = (page as { id?: unknown }).id;
  return typeof id === 'string' ? id : null;
}
