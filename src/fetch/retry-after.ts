// Retry-After comes as delay-seconds or an HTTP date (RFC 9110 §10.2.3); both become seconds
// from `nowMs`, so the poller can honour a vendor's own request to slow down.

const httpDate = /^[A-Za-z]{3},? \d{1,2}[ -][A-Za-z]{3}[ -]\d{2,4} \d{2}:\d{2}:\d{2} GMT$/;

/** Seconds to wait, or undefined when the header is absent or unreadable. Never negative. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d{1,10}$/.test(text)) return Number(text);
  if (
    !httpDate.test(text) &&
    !/^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/.test(text)
  ) {
    return undefined;
  }
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}
