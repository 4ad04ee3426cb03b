// Vendor bodies are untrusted text: one function turns a body into JSON or a readable reason,
// so a maintenance page, a login wall or a truncated response never reads as "all clear".

export type BodyResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Parses a JSON body; HTML, empty bodies and broken JSON become an error naming the endpoint. */
export function parseJsonBody(body: string | null | undefined, label: string): BodyResult<unknown> {
  if (body === null || body === undefined) return { ok: false, error: `${label}: no body` };
  const text = body.replace(/^\uFEFF/, '').trim();
  if (text === '') return { ok: false, error: `${label}: empty body` };
  if (text.startsWith('<')) {
    return { ok: false, error: `${label}: HTML or XML where JSON was expected` };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 120) : 'unreadable';
    return { ok: false, error: `${label}: invalid JSON (${reason})` };
  }
}
