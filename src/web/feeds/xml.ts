// XML text for the feeds: escaped for element text and attribute values alike, with the code
// points XML 1.0 forbids (C0 controls other than tab/newline/CR, lone surrogates, U+FFFE/FFFF)
// removed, since a single one makes the whole feed unreadable to a strict parser.
/** Anything outside XML 1.0's Char production (the u flag makes lone surrogates match too). */
const forbidden = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function xmlText(value: string): string {
  return value.replace(forbidden, '').replace(/[&<>"']/g, (char) => entities[char]!);
}

/** `<name attr="…">text</name>` with everything escaped. */
export function element(
  name: string,
  text: string,
  attributes: Record<string, string> = {},
): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${xmlText(value)}"`)
    .join('');
  return `<${name}${attrs}>${xmlText(text)}</${name}>`;
}
