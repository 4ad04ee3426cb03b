// Turns body bytes into text without ever throwing: a BOM picks UTF-8 or UTF-16, anything else is
// read as UTF-8 with U+FFFD for invalid bytes. Vendors' declared charsets are too often wrong.

const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const utf16le = new TextDecoder('utf-16le', { fatal: false, ignoreBOM: true });
const utf16be = new TextDecoder('utf-16be', { fatal: false, ignoreBOM: true });

export function decodeBodyText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return utf8.decode(bytes.subarray(3));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16le.decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16be.decode(bytes.subarray(2));
  return utf8.decode(bytes);
}
