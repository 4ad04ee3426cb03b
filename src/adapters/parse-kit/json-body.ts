// Vendor bodies are untrusted text: one function turns a body into JSON or a readable reason,
// so a maintenance page, a login wall or a truncated response never reads as "all clear".

export type BodyResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Why a body is not JSON; each adapter words it for its own endpoints. */
export type BodyFailure =
  { why: 'missing' } | { why: 'empty' } | { why: 'markup' } | { why: 'malformed'; reason: string };

/** Reads a JSON body after a BOM and surrounding whitespace; HTML and empty bodies are failures. */
export function readJsonBody(
  body: string | null | undefined,
): { ok: true; value: unknown } | { ok: false; failure: BodyFailure } {
  if (body === null || body === undefined) return { ok: false, failure: { why: 'missing' } };
  const text = body.replace(/^\uFEFF/, '').trim();
  if (text === '') return { ok: false, failure: { why: 'empty' } };
  if (text.startsWith('<')) return { ok: false, failure: { why: 'markup' } };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 120) : 'unreadable';
    return { ok: false, failure: { why: 'malformed', reason } };
  }
}

/** Parses a JSON body; HTML, empty bodies and broken JSON become an error naming the endpoint. */
export function parseJsonBody(body: string | null | undefined, label: string): BodyResult<unknown> {
  const read = readJsonBody(body);
  if (read.ok) return read;
  const { failure } = read;
  switch (failure.why) {
    case 'missing':
      return { ok: false, error: `${label}: no body` };
    case 'empty':
      return { ok: false, error: `${label}: empty body` };
    case 'markup':
      return { ok: false, error: `${label}: HTML or XML where JSON was expected` };
    case 'malformed':
      return { ok: false, error: `${label}: invalid JSON (${failure.reason})` };
  }
}
