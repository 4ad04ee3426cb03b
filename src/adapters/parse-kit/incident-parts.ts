// The small steps every adapter repeats when it builds ObservedIncidents: cleaned bodies,
// ordered timelines, deduplicated component names and links that can only be http(s).
import { bodyToText, sanitizeBody } from '../../domain/sanitize.js';
import type { ObservedComponent, ObservedIncident, ObservedUpdate } from '../../domain/snapshot.js';
import { cleanLabel } from '../../domain/text.js';
import { closedPhases, type Phase } from '../../domain/vocabulary.js';
import { markdownToHtml } from './markdown.js';
import type { Warnings } from './warnings.js';

interface UpdateInput {
  sourceId: string;
  phase: Phase;
  /** Vendor text: HTML, Markdown or plain text (plain text is escaped, HTML allowlisted). */
  raw: string;
  postedAt: string;
  components: string[] | null;
  /** `markdown`: the platform writes Markdown (incident.io); rendered before the allowlist. */
  format?: 'markdown';
}

/** Tags a Markdown body never needs: their presence means the vendor sent HTML after all. */
const htmlTag = /<\/?(?:p|br|a|b|strong|i|em|ul|ol|li|div|span|h[1-6]|code|pre)\b[^>]*>/i;

/** Longest vendor body looked at; sanitizeBody caps the stored text further. */
const maxRawBody = 256 * 1024;

export function buildUpdate(input: UpdateInput): ObservedUpdate {
  const prepared = prepareBody(input.raw);
  const raw =
    input.format === 'markdown' && !htmlTag.test(prepared) ? markdownToHtml(prepared) : prepared;
  return {
    sourceId: input.sourceId,
    phase: input.phase,
    body: sanitizeBody(raw),
    bodyText: bodyToText(raw),
    postedAt: input.postedAt,
    components: input.components === null ? null : uniqueNames(input.components),
  };
}

/** CRLF to LF, and Markdown autolinks `<https://…>` to bare URLs so the allowlist keeps them. */
function prepareBody(raw: string): string {
  return raw
    .slice(0, maxRawBody)
    .replace(/\r\n?/g, '\n')
    .replace(/<(https?:\/\/[^\s<>]{1,2000})>/g, '$1');
}

/** Oldest first by (postedAt, sourceId), as the snapshot contract asks. */
export function sortUpdates(updates: readonly ObservedUpdate[]): ObservedUpdate[] {
  return [...updates].sort((a, b) =>
    a.postedAt === b.postedAt
      ? compareText(a.sourceId, b.sourceId)
      : compareText(a.postedAt, b.postedAt),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** When the timeline last entered a closed phase and stayed closed; null while open. */
export function closedSince(updates: readonly ObservedUpdate[]): string | null {
  let since: string | null = null;
  for (const update of sortUpdates(updates)) {
    const closed = closedPhases.includes(update.phase);
    if (closed && since === null) since = update.postedAt;
    if (!closed) since = null;
  }
  return since;
}

/** Cleaned, non-empty names, first occurrence kept, in the vendor's order. */
export function uniqueNames(names: Iterable<string>): string[] {
  const seen = new Set<string>();
  for (const name of names) {
    const label = cleanLabel(name);
    if (label !== '') seen.add(label);
  }
  return [...seen];
}

/** An absolute http(s) URL, resolved against `base` when relative; null for anything else. */
export function safeHttpUrl(href: unknown, base?: string): string | null {
  if (typeof href !== 'string' || href.length > 2000) return null;
  try {
    const url = base === undefined ? new URL(href.trim()) : new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** The status page URL without trailing slashes, query or fragment: the base for endpoints. */
export function pageBase(statusPageUrl: string): string {
  try {
    const url = new URL(statusPageUrl.trim());
    const path = url.pathname.split('/').filter((segment) => segment !== '');
    return `${url.origin}${path.length > 0 ? `/${path.join('/')}` : ''}`;
  } catch {
    return statusPageUrl.trim();
  }
}

/** The page base, cut before `marker` (e.g. a pasted `/api/v2/summary.json`) when present. */
export function pageBaseBefore(statusPageUrl: string, marker: string): string {
  const base = pageBase(statusPageUrl);
  const cut = base.toLowerCase().indexOf(marker.toLowerCase());
  return cut > 0 && base.slice(0, cut).includes('://') ? base.slice(0, cut) : base;
}

type IncidentInput = Omit<ObservedIncident, 'title' | 'components' | 'updates'> & {
  title: string;
  components: Iterable<string>;
  updates: readonly ObservedUpdate[];
};

/**
 * Final shape: title cleaned (with a fallback), components deduplicated, updates ordered and
 * unique by id (a repeated id keeps its first occurrence, deterministically, with a warning).
 */
export function finishIncident(input: IncidentInput, warnings: Warnings): ObservedIncident {
  const title = cleanLabel(input.title);
  const seen = new Set<string>();
  const updates = input.updates.filter((update) => {
    if (!seen.has(update.sourceId)) {
      seen.add(update.sourceId);
      return true;
    }
    warnings.add(
      `incident ${input.sourceId}: update ${update.sourceId} appears twice; kept the first`,
    );
    return false;
  });
  return {
    ...input,
    title: title === '' ? `Untitled ${input.kind}` : title,
    components: uniqueNames(input.components),
    updates: sortUpdates(updates),
  };
}

/** Components unique by id (first kept, with a warning), positions renumbered in order. */
export function uniqueComponents(
  components: readonly ObservedComponent[],
  warnings: Warnings,
): ObservedComponent[] {
  const seen = new Set<string>();
  return components
    .filter((component) => {
      if (!seen.has(component.id)) {
        seen.add(component.id);
        return true;
      }
      warnings.add(`component ${component.id} appears twice; kept the first`);
      return false;
    })
    .map((component, position) => ({ ...component, position }));
}
