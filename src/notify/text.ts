// Text helpers every channel uses on untrusted vendor text: trimming that never splits a
// character, one-line labels, and links limited to http(s).

/** Cuts to at most `max` UTF-16 units, never inside a surrogate pair, marking the cut with "…". */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** Cuts backslash-escaped Markdown without leaving a lone backslash before the "…". */
export function truncateBackslashed(escaped: string, max: number): string {
  const cut = truncate(escaped, max);
  return cut.endsWith('\\…') ? `${cut.slice(0, -2)}…` : cut;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what we remove
const lineBreaksAndControls = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
// eslint-disable-next-line no-control-regex -- control characters are exactly what we remove
const controlsButNewline = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** A single line: control characters and line breaks become spaces, runs of space collapse. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(lineBreaksAndControls, ' ').replace(/\s+/g, ' ').trim();
  return truncate(flat, max);
}

/** Paragraph text: trimmed, control characters removed, at most two line breaks in a row. */
export function paragraph(text: string, max: number): string {
  const cleaned = text
    .replace(/\r\n?/g, '\n')
    .replace(controlsButNewline, '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return truncate(cleaned, max);
}

/** The URL as an absolute http(s) href, or null for anything else (javascript:, data:, junk). */
export function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
