// Safe XML reading for feeds (docs/reliability.md#b-feeds). The parser never expands entities: a
// DOCTYPE with declarations is refused; only the five XML entities and numeric references are
// decoded, once, by our code. Element names that could pollute prototypes are renamed.
import { XMLParser } from 'fast-xml-parser';
import type { BodyResult } from '../parse-kit/json-body.js';
import type { JsonObject } from '../parse-kit/lenient.js';

/** Elements whose inner markup we read raw, so HTML content is decoded exactly once. */
const rawTextElements = ['title', 'content', 'summary', 'description', 'encoded'];
const pollutingNames = new Set(['__proto__', 'constructor', 'prototype']);
const renamePolluting = (name: string): string => (pollutingNames.has(name) ? `x-${name}` : name);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name) => name === 'entry' || name === 'item' || name === 'link',
  stopNodes: rawTextElements.map((name) => `*.${name}`),
  transformTagName: renamePolluting,
  transformAttributeName: renamePolluting,
});

/** Parses a feed body into a plain object tree; markup problems become a readable error. */
export function parseXml(body: string | null | undefined, label: string): BodyResult<JsonObject> {
  if (body === null || body === undefined) return { ok: false, error: `${label}: no body` };
  const text = body.replace(/^\uFEFF/, '').trim();
  if (!text.startsWith('<')) return { ok: false, error: `${label}: not XML` };
  if (/<!DOCTYPE[^>[]*\[/i.test(text) || /<!ENTITY/i.test(text)) {
    return { ok: false, error: `${label}: XML declares entities; refused` };
  }
  try {
    const tree: unknown = parser.parse(text);
    return typeof tree === 'object' && tree !== null
      ? { ok: true, value: tree as JsonObject }
      : { ok: false, error: `${label}: empty XML document` };
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 120) : 'unreadable';
    return { ok: false, error: `${label}: invalid XML (${reason})` };
  }
}

/** Decodes raw element text once: CDATA sections verbatim, XML entities outside them. */
export function decodeXmlText(raw: string): string {
  return raw
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) => (part.startsWith('<![CDATA[') ? part.slice(9, -3) : decodeXmlEntities(part)))
    .join('');
}

/** The five predefined XML entities and numeric references; anything else stays literal. */
function decodeXmlEntities(text: string): string {
  return text.replace(
    /&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi,
    (whole, name: string) => {
      const lower = name.toLowerCase();
      if (lower === 'lt') return '<';
      if (lower === 'gt') return '>';
      if (lower === 'amp') return '&';
      if (lower === 'quot') return '"';
      if (lower === 'apos') return "'";
      const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : Number(lower.slice(1));
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
        ? String.fromCodePoint(code)
        : whole;
    },
  );
}

/** Text of an element that may be a string, an object with `#text`, or a list of those. */
export function elementText(node: unknown): string | null {
  const first = Array.isArray(node) ? (node as unknown[])[0] : node;
  if (typeof first === 'string') return first;
  if (typeof first === 'object' && first !== null) {
    const text = (first as JsonObject)['#text'];
    return typeof text === 'string' ? text : null;
  }
  return null;
}

/** An attribute of an element object (`@_name`), or null. */
export function elementAttribute(node: unknown, name: string): string | null {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return null;
  const value = (node as JsonObject)[`@_${name}`];
  return typeof value === 'string' ? decodeXmlEntities(value) : null;
}
