// Vendor text is untrusted: these helpers make any string safe to store in SQLite and PostgreSQL.

/** Stored text fields are capped so one hostile 10 MB body cannot bloat the store or a page. */
const maxTextLength = 64 * 1024;
const truncationMarker = ' […truncated]';

/**
 * Removes NUL (PostgreSQL text rejects it) and lone UTF-16 surrogates (not valid UTF-8),
 * and caps the length.
 */
export function cleanText(value: string, maxLength = maxTextLength): string {
  let text = value
    .replaceAll('\u0000', '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  if (text.length > maxLength)
    text = text.slice(0, maxLength - truncationMarker.length) + truncationMarker;
  return text;
}

/** A short single-line label (titles, names): whitespace collapsed, capped at 500 characters. */
export function cleanLabel(value: string): string {
  return cleanText(value.replace(/\s+/g, ' ').trim(), 500);
}

/** Makes a URL-safe id segment: lowercase, [a-z0-9-] only. */
export function slugify(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
}
