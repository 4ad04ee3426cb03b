// A failed poll's stored message ("summary.json: status.example.com answered HTTP 503") in a
// few words a dashboard row can hold ("HTTP 503"). Only the message is stored, so it is read
// back from the phrasing fetch/, the adapters and the poll cycle write; the full message is
// always shown beside it. Order matters: a detection failure quotes the failures it met.
const reasonRules: ReadonlyArray<readonly [RegExp, string | ((match: RegExpExecArray) => string)]> =
  [
    [/^platform not detected\b/, 'platform not detected'],
    [/^no adapter for platform\b/, 'no adapter for platform'],
    [/\bDNS lookup for \S+ (failed|found no address)/, 'DNS lookup failed'],
    [/\brefused the connection\b/, 'connection refused'],
    [/\b(reset|closed|aborted) the connection\b/, 'connection dropped'],
    [/\bis unreachable\b/, 'host unreachable'],
    [
      /\btook longer than \d+ ms|\bsent no response headers within|\bstalled while sending/,
      'timed out',
    ],
    [/\bHTTP (\d{3})\b/, (match) => `HTTP ${match[1]}`],
    [/\bmore than \d+ redirects\b|\banswered 3\d\d with/, 'bad redirect'],
    [/\bblocked: |\brefused by the address guard\b/, 'address blocked'],
    [/\bexceeds \d+ bytes\b|\bare too large\b/, 'response too large'],
    [
      /\bis not JSON\b|where JSON was expected|\binvalid JSON\b|\bis not a JSON object\b/,
      'not JSON',
    ],
    [/\bis empty\b|\bempty body\b/, 'empty response'],
    [
      /\bcould not decompress\b|\bunsupported content-encoding\b|\bcontent-encodings\b/,
      'bad encoding',
    ],
    [/\(not (a |an )?[A-Z][\w.]*( status page)?\)/, 'unexpected page format'],
    [/\banswered 304 but no earlier body\b/, 'no stored body'],
    [/^parse: /, 'unreadable page'],
    [/\brequest to \S+ failed\b/, 'request failed'],
  ];

/** A short reason for a failed poll's message; `poll failed` when nothing more is known. */
export function failureReason(message: string): string {
  for (const [pattern, reason] of reasonRules) {
    const match = pattern.exec(message);
    if (match) return typeof reason === 'string' ? reason : reason(match);
  }
  return 'poll failed';
}
