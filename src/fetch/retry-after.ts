// Retry-After comes as delay-seconds or an HTTP date (RFC 9110 §10.2.3); both become seconds
// from `nowMs`, so the poller can honour a vendor's own request to slow down.

// The three date formats a recipient must accept (RFC 9110 §5.6.7), all meaning UTC.
const imfFixdate = /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const rfc850Date = /^[A-Za-z]{6,9}, \d{2}-[A-Za-z]{3}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const asctimeDate = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

function parseHttpDate(text: string): number {
  if (imfFixdate.test(text) || rfc850Date.test(text)) return Date.parse(text);
  if (asctimeDate.test(text)) return Date.parse(`${text} GMT`);
  return Number.NaN;
}

/** Seconds to wait, or undefined when the header is absent or unreadable. Never negative. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d{1,10}$/.test(text)) return Number(text);
  const at = parseHttpDate(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}
