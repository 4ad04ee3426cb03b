// Update bodies are stored already sanitized, but a page never trusts the store: HTML goes
// through the same small allowlist again as it is rendered (docs/security.md#vendor-text-and-html).
import { raw } from 'hono/html';
import { sanitizeBody } from '../../../domain/sanitize.js';

/** Rendered bodies by stored body: the same text is shown on many page views. */
const cache = new Map<string, string>();
const maxCached = 2000;

/** The stored body as HTML that is safe to insert; text without `<` cannot hold a tag. */
export function safeBodyHtml(stored: string): string {
  if (!stored.includes('<'))
    return stored.replace(
      /&(?![a-zA-Z][a-zA-Z0-9]{0,31};|#[0-9]{1,7};|#x[0-9a-fA-F]{1,6};)/g,
      '&amp;',
    );
  let html = cache.get(stored);
  if (html === undefined) {
    html = sanitizeBody(stored);
    if (cache.size >= maxCached) cache.delete(cache.keys().next().value!);
    cache.set(stored, html);
  }
  return html;
}

/** For JSX children: the sanitized HTML, inserted as markup. */
export function bodyMarkup(stored: string) {
  return raw(safeBodyHtml(stored));
}
