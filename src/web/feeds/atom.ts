// Atom 1.0 (RFC 4287).
import { element, xmlText } from './xml.js';
import type { FeedEntry, FeedMeta } from './entries.js';

export function renderAtom(meta: FeedMeta, entries: readonly FeedEntry[]): string {
  const items = entries.map(
    (entry) =>
      '<entry>' +
      element('id', entry.id) +
      element('title', entry.title) +
      `<link rel="alternate" type="text/html" href="${xmlText(entry.link)}"/>` +
      element('published', entry.published) +
      element('updated', entry.updated) +
      `<author>${element('name', entry.author)}</author>` +
      `<category term="${xmlText(entry.category)}"/>` +
      element('summary', entry.summary) +
      element('content', entry.html, { type: 'html' }) +
      '</entry>',
  );
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<feed xmlns="http://www.w3.org/2005/Atom">' +
    element('id', meta.id) +
    element('title', meta.title) +
    `<link rel="self" type="application/atom+xml" href="${xmlText(meta.self)}"/>` +
    `<link rel="alternate" type="text/html" href="${xmlText(meta.link)}"/>` +
    element('updated', meta.updated) +
    element('generator', 'vendorwatch') +
    items.join('') +
    '</feed>\n'
  );
}
