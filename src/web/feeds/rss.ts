// RSS 2.0, with an atom:link to itself as the RSS Advisory Board recommends.
import { element, xmlText } from './xml.js';
import type { FeedEntry, FeedMeta } from './entries.js';

/** RFC 822 dates, as RSS 2.0 requires (`Wed, 10 Sep 2025 13:47:31 GMT`). */
function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

export function renderRss(meta: FeedMeta, entries: readonly FeedEntry[]): string {
  const items = entries.map(
    (entry) =>
      '<item>' +
      element('title', entry.title) +
      element('link', entry.link) +
      element('guid', entry.id, { isPermaLink: 'false' }) +
      element('pubDate', rfc822(entry.updated)) +
      element('category', entry.category) +
      element('description', entry.html) +
      '</item>',
  );
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>' +
    element('title', meta.title) +
    element('link', meta.link) +
    element('description', `${meta.title}, from vendorwatch`) +
    `<atom:link href="${xmlText(meta.self)}" rel="self" type="application/rss+xml"/>` +
    element('lastBuildDate', rfc822(meta.updated)) +
    element('generator', 'vendorwatch') +
    items.join('') +
    '</channel></rss>\n'
  );
}
