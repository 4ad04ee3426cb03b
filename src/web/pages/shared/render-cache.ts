// Rendered pages by id, valid while their key (what the page depends on) is unchanged: a hit
// costs one indexed read for the key instead of the page's queries and its rendering.
import { weakEtag } from '../../json.js';

interface Rendered {
  html: string;
  etag: string;
}

interface RenderCache {
  get(id: string, key: string): Rendered | undefined;
  set(id: string, key: string, html: string): Rendered;
}

/** Least recently used entries go first once `maxEntries` pages are held. */
export function createRenderCache(maxEntries: number): RenderCache {
  const entries = new Map<string, Rendered & { key: string }>();
  return {
    get(id, key) {
      const entry = entries.get(id);
      if (!entry || entry.key !== key) return undefined;
      entries.delete(id);
      entries.set(id, entry);
      return entry;
    },
    set(id, key, html) {
      const entry = { key, html, etag: weakEtag(html) };
      entries.delete(id);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(id, entry);
      return entry;
    },
  };
}
