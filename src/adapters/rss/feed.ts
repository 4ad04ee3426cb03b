// Reads RSS 2.0 and Atom into one entry shape: ids, link, title, dates and the content as HTML
// (decoded exactly once; plain-text content escaped). Shared by the rss and azure adapters.
import { bodyToText, escapeHtml } from '../../domain/sanitize.js';
import { cleanLabel } from '../../domain/text.js';
import { parseVendorTime } from '../parse-kit/dates.js';
import type { BodyResult } from '../parse-kit/json-body.js';
import { asList, asRecord, type JsonObject } from '../parse-kit/lenient.js';
import { safeHttpUrl } from '../parse-kit/incident-parts.js';
import { decodeXmlText, elementAttribute, elementText, parseXml } from './xml.js';

export interface FeedEntry {
  /** Atom `id` or RSS `guid`, decoded; null when absent. */
  guid: string | null;
  /** The entry's page, absolute http(s) only. */
  link: string | null;
  title: string;
  published: string | null;
  updated: string | null;
  /** Content as HTML, still untrusted (sanitizeBody runs later, once). */
  html: string;
  /** RSS `<category>` texts (with their `domain`) or Atom `category term`s, in feed order. */
  categories: Array<{ text: string; domain: string | null }>;
}

interface Feed {
  format: 'atom' | 'rss';
  title: string | null;
  entries: FeedEntry[];
}

/** Parses an Atom or RSS body; links resolve against `baseUrl` and must end up http(s). */
export function readFeed(body: string | null, baseUrl: string, label: string): BodyResult<Feed> {
  const parsed = parseXml(body, label);
  if (!parsed.ok) return parsed;
  const atom = asRecord(parsed.value.feed);
  if (atom) return { ok: true, value: readAtom(atom, baseUrl) };
  const rss = asRecord(asRecord(parsed.value.rss)?.channel);
  if (rss) return { ok: true, value: readRss(rss, rss.item, baseUrl) };
  // RSS 1.0 (RDF) keeps its items beside the channel, not inside it.
  const rdf = asRecord(parsed.value.RDF);
  if (rdf) return { ok: true, value: readRss(asRecord(rdf.channel) ?? {}, rdf.item, baseUrl) };
  return { ok: false, error: `${label}: XML is neither an Atom feed nor an RSS channel` };
}

function readAtom(feed: JsonObject, baseUrl: string): Feed {
  const entries = asList(feed.entry).flatMap((node) => {
    const entry = asRecord(node);
    if (!entry) return [];
    const content = entry.content ?? entry.summary;
    return [
      {
        guid: plainText(entry.id),
        link: atomLink(entry.link, baseUrl),
        title: labelOf(entry.title),
        published: parseVendorTime(plainText(entry.published)),
        updated: parseVendorTime(plainText(entry.updated)),
        html: atomContentHtml(content),
        categories: asList(entry.category).flatMap((node) => {
          const term = elementAttribute(node, 'term');
          return term === null ? [] : [{ text: term, domain: elementAttribute(node, 'scheme') }];
        }),
      },
    ];
  });
  return { format: 'atom', title: labelOrNull(feed.title), entries };
}

function readRss(channel: JsonObject, items: unknown, baseUrl: string): Feed {
  const entries = asList(items).flatMap((node) => {
    const item = asRecord(node);
    if (!item) return [];
    const date = parseVendorTime(plainText(item.pubDate) ?? plainText(item.date));
    const rawHtml = elementText(item.encoded) ?? elementText(item.description) ?? '';
    return [
      {
        guid: plainText(item.guid),
        link: rssLink(item.link, baseUrl),
        title: labelOf(item.title),
        published: date,
        updated: date,
        html: decodeXmlText(rawHtml),
        categories: asList(item.category).flatMap((node) => {
          const text = plainText(node);
          return text === null ? [] : [{ text, domain: elementAttribute(node, 'domain') }];
        }),
      },
    ];
  });
  return { format: 'rss', title: labelOrNull(channel.title), entries };
}

function plainText(node: unknown): string | null {
  const raw = elementText(node);
  if (raw === null) return null;
  const text = decodeXmlText(raw).trim();
  return text === '' ? null : text;
}

/** Titles may be declared HTML (Atom `type="html"`); either way the label is plain text. */
function labelOf(node: unknown): string {
  const raw = elementText(node);
  if (raw === null) return '';
  const decoded = decodeXmlText(raw);
  return cleanLabel(
    elementAttribute(first(node), 'type') === 'html' ? bodyToText(decoded) : decoded,
  );
}

function labelOrNull(node: unknown): string | null {
  const label = labelOf(node);
  return label === '' ? null : label;
}

function atomContentHtml(node: unknown): string {
  const raw = elementText(node) ?? '';
  const type = elementAttribute(first(node), 'type') ?? 'text';
  if (type === 'xhtml') return raw;
  const decoded = decodeXmlText(raw);
  return type === 'html' || type === 'text/html' ? decoded : escapeHtml(decoded);
}

function atomLink(node: unknown, baseUrl: string): string | null {
  const links = asList(node);
  const alternate =
    links.find((link) => {
      const rel = elementAttribute(link, 'rel');
      return rel === null || rel === 'alternate';
    }) ?? links[0];
  return safeHttpUrl(elementAttribute(alternate, 'href'), baseUrl);
}

/** RSS `<link>` text, or an `atom:link` href when that is all the item has. */
function rssLink(node: unknown, baseUrl: string): string | null {
  const links = asList(node);
  const text = links.find((link): link is string => typeof link === 'string');
  return (
    safeHttpUrl(text !== undefined ? decodeXmlText(text).trim() : null, baseUrl) ??
    atomLink(links, baseUrl)
  );
}

function first(node: unknown): unknown {
  return Array.isArray(node) ? (node as unknown[])[0] : node;
}
