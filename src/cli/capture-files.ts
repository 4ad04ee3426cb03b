// A capture folder: what each endpoint of a vendor answered to one poll, and the snapshot
// vendorwatch made of it, so a user can attach one folder to a bug report and a maintainer can
// turn it into a golden test (`npm run golden -- DIR`). Nothing secret is kept: URLs lose their
// userinfo and credential-like query parameters; no request or response cookie is ever recorded.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VendorSnapshot } from '../domain/snapshot.js';

export const captureFormat = 'vendorwatch-capture/1';

export type CapturedEndpoint = {
  key: string;
  url: string;
  required: boolean;
} & (
  | {
      ok: true;
      status: number;
      /** Length of the body after decompression, before decoding to text. */
      bytes: number;
      finalUrl: string;
      etag: string | null;
      lastModified: string | null;
      /** The body as the adapter reads it (decoded text, UTF-8), beside capture.json. */
      file: string;
      sha256: string;
    }
  | { ok: false; error: string; status: number | null }
);

export interface Capture {
  format: typeof captureFormat;
  vendorwatchVersion: string;
  url: string;
  platform: string;
  capturedAt: string;
  endpoints: CapturedEndpoint[];
}

/** Query parameters whose values are credentials or signatures, wherever a vendor puts them. */
const secretParam = /(?:token|key|secret|signature|sig|password|passwd|auth|session|cookie|code)/i;

export function redactUrl(raw: string): string {
  if (!URL.canParse(raw)) return raw;
  const url = new URL(raw);
  url.username = '';
  url.password = '';
  for (const name of [...url.searchParams.keys()]) {
    if (secretParam.test(name)) url.searchParams.set(name, 'REDACTED');
  }
  return url.toString();
}

export function bodyFileName(key: string): string {
  return `${key.replace(/[^a-z0-9_-]/gi, '_')}.body`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function writeCapture(
  dir: string,
  capture: Capture,
  bodies: Readonly<Record<string, string | null>>,
  snapshot: VendorSnapshot | { error: string },
): void {
  mkdirSync(dir, { recursive: true });
  for (const endpoint of capture.endpoints) {
    const body = bodies[endpoint.key];
    if (endpoint.ok && typeof body === 'string') writeFileSync(join(dir, endpoint.file), body);
  }
  writeFileSync(join(dir, 'capture.json'), `${JSON.stringify(capture, null, 2)}\n`);
  writeFileSync(join(dir, 'snapshot.json'), `${JSON.stringify(snapshot, null, 2)}\n`);
}

/** The capture's description and its bodies keyed by endpoint key (null where it failed). */
export function readCapture(dir: string): {
  capture: Capture;
  bodies: Record<string, string | null>;
} {
  const parsed = JSON.parse(readFileSync(join(dir, 'capture.json'), 'utf8')) as {
    format?: unknown;
  };
  if (parsed.format !== captureFormat) {
    throw new Error(`${dir}: not a ${captureFormat} folder (format ${String(parsed.format)})`);
  }
  const capture = parsed as Capture;
  const bodies: Record<string, string | null> = {};
  for (const endpoint of capture.endpoints) {
    bodies[endpoint.key] = endpoint.ok ? readFileSync(join(dir, endpoint.file), 'utf8') : null;
  }
  return { capture, bodies };
}
