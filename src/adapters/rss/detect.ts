// How a feed is recognised: a pasted feed URL, a page that is itself a feed, feeds the page
// advertises, then the conventional paths of the platforms that publish one.
import type { PlatformDetection } from '../detect-kit/types.js';

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

export const rssDetection: PlatformDetection = {
  feed: {
    paths: ['/history.atom', '/history.rss', '/feed.atom', '/feed.rss'],
    kindOf(body) {
      const kind = classifyFeed(body);
      return kind === null ? null : kind === 'atom' ? 'Atom' : 'RSS';
    },
  },
};
