// Reading a probe's body without trusting it: several platforms answer 200 with an HTML shell
// for any path, so a verdict always rests on the body's own shape.
import { asRecord, type JsonObject } from '../parse-kit/lenient.js';

/** The body as a JSON object, or null for anything else (HTML, arrays, broken JSON). */
export function parseObject(body: string): JsonObject | null {
  const text = body.trimStart();
  if (!text.startsWith('{')) return null;
  try {
    return asRecord(JSON.parse(text));
  } catch {
    return null;
  }
}

/** A vendor value quoted in evidence, cut to a readable length. */
export function shortId(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

/** For probes whose page URL is the base itself. */
export const asIs = (base: string): string => base;
