// Pure verdicts on one probe's body (providers.md §9 steps 2–5 and 8). Several platforms answer
// 200 with an HTML shell for any path, so a verdict always rests on the body's own shape.
import type { Platform } from '../../domain/vocabulary.js';

export interface Verdict {
  platform: Platform;
  confidence: 'high' | 'medium';
  evidence: string;
}

const statuspagePageId = /^[a-z0-9]{12}$/;
const ulid = /^[0-9A-HJKMNP-TV-Z]{26}$/i;
const instatusStates = new Set(['UP', 'HASISSUES', 'UNDERMAINTENANCE']);

type JsonObject = Record<string, unknown>;

function parseObject(body: string): JsonObject | null {
  const text = body.trimStart();
  if (!text.startsWith('{')) return null;
  try {
    return asObject(JSON.parse(text));
  } catch {
    return null;
  }
}

function asObject(value: unknown): JsonObject | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as JsonObject)
    : null;
}

function shortId(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

/** `/api/v2/summary.json`: Statuspage (12-char page id), incident.io (ULID) or an imitator. */
export function classifySummary(body: string): Verdict | null {
  const json = parseObject(body);
  const page = asObject(json?.page);
  const id = page?.id;
  if (!json || !page || typeof id !== 'string') return null;
  if (statuspagePageId.test(id)) {
    return {
      platform: 'statuspage',
      confidence: 'high',
      evidence: `/api/v2/summary.json with a Statuspage page id (${id})`,
    };
  }
  if (ulid.test(id)) {
    return {
      platform: 'incidentio',
      confidence: 'high',
      evidence: `/api/v2/summary.json with an incident.io page id (${id})`,
    };
  }
  const status = asObject(json.status);
  if (typeof status?.indicator === 'string' && Array.isArray(json.components)) {
    return {
      platform: 'statuspage',
      confidence: 'medium',
      evidence: `a Statuspage-compatible /api/v2/summary.json (page id ${shortId(id)})`,
    };
  }
  return null;
}

/** Instatus `/summary.json`: `page.status` is one of its three states. */
export function classifyInstatus(body: string): Verdict | null {
  const page = asObject(parseObject(body)?.page);
  const status = page?.status;
  if (typeof status !== 'string' || !instatusStates.has(status)) return null;
  return {
    platform: 'instatus',
    confidence: 'high',
    evidence: `/summary.json with an Instatus page status (${status})`,
  };
}

/** Better Stack `/index.json`: a JSON:API document whose data is the status page. */
export function classifyBetterstack(body: string): Verdict | null {
  const data = asObject(parseObject(body)?.data);
  if (data?.type !== 'status_page') return null;
  return {
    platform: 'betterstack',
    confidence: 'high',
    evidence: '/index.json with a JSON:API status_page document',
  };
}

/** Cachet's `/api/v1/ping` (2.x) or `/api/ping` (3.x): `{"data":"Pong!"}`. */
export function classifyCachetPing(body: string, path: string): Verdict | null {
  const data = parseObject(body)?.data;
  if (typeof data !== 'string' || !/^pong!?$/i.test(data.trim())) return null;
  return { platform: 'cachet', confidence: 'high', evidence: `${path} answered Pong!` };
}

/** Cachet 2.x `/api/v1/components`: Laravel pagination plus `status_name` on components. */
export function classifyCachetComponents(body: string): Verdict | null {
  const json = parseObject(body);
  const pagination = asObject(asObject(json?.meta)?.pagination);
  const data = json?.data;
  if (!pagination || !Array.isArray(data)) return null;
  if (!data.every((item) => typeof asObject(item)?.status_name === 'string')) return null;
  return {
    platform: 'cachet',
    confidence: 'medium',
    evidence: '/api/v1/components with Cachet pagination and status names',
  };
}

/** An RSS 2.0, RSS 1.0 (RDF) or Atom document, judged by its root element. */
export function classifyFeed(body: string): 'rss' | 'atom' | null {
  const head = body
    .slice(0, 4096)
    .replace(/^\uFEFF/, '')
    .replace(/<\?[\s\S]*?\?>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!DOCTYPE[^>]*>/gi, '')
    .trimStart();
  if (/^<(rss|rdf:RDF)\b/i.test(head)) return 'rss';
  if (/^<feed\b/i.test(head)) return 'atom';
  return null;
}
