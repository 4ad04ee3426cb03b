// capture URL|SLUG [--out DIR] [--platform P]: what each endpoint of a vendor answers to one poll,
// and the snapshot vendorwatch makes of it, saved in one folder for a bug report (docs/capture.md).
import { resolve } from 'node:path';
import { getAdapter, platforms } from '../../adapters/registry.js';
import { createConfiguredFetcher } from '../../app/fetcher.js';
import type { VendorSnapshot } from '../../domain/snapshot.js';
import type { Fetcher } from '../../fetch/types.js';
import { defineCommand, parseCommandArgs } from '../args.js';
import {
  bodyFileName,
  captureFormat,
  redactUrl,
  sha256,
  writeCapture,
  type Capture,
  type CapturedEndpoint,
} from '../capture-files.js';
import { configFor, print, type CommandIo } from '../io.js';
import { packageVersion } from '../main.js';
import { locateVendor, PollFailure } from './poll.js';

export const captureCommand = defineCommand({
  synopsis: 'capture URL|SLUG [--out DIR] [--platform P]',
  summary:
    "Save what a vendor's status endpoints answer and the snapshot vendorwatch makes of it, for a bug report.",
  options: { out: { type: 'string' }, platform: { type: 'string' } },
  help: {
    out: { arg: 'DIR', text: 'folder to write (default: capture-<slug>-<time> here)' },
    platform: { arg: 'P', text: `skip detection: one of ${platforms.join(', ')}` },
  },
});

export async function runCapture(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, captureCommand.options, 1);
  const config = configFor(io, values);
  const fetcher = createConfiguredFetcher(config);
  try {
    const { target, platform, url } = await locateVendor('capture', positionals[0], values, {
      config,
      fetcher,
    });
    const capturedAt = new Date().toISOString();
    const { endpoints, bodies } = await fetchAll(fetcher, url, platform);
    const adapter = getAdapter(platform)!;
    const parsed = adapter.parse(bodies, { statusPageUrl: url, observedAt: capturedAt });
    const snapshot: VendorSnapshot | { error: string } = parsed.ok
      ? parsed.snapshot
      : { error: parsed.error };
    const capture: Capture = {
      format: captureFormat,
      vendorwatchVersion: packageVersion(),
      url: redactUrl(url),
      platform,
      capturedAt,
      endpoints,
    };
    const stamp = capturedAt.replace(/[:.]/g, '-');
    const dir = resolve(io.cwd, values.out ?? `capture-${target.slug}-${stamp}`);
    writeCapture(dir, capture, bodies, snapshot);
    const failed = endpoints.filter((endpoint) => !endpoint.ok).length;
    print(
      io.stdout,
      `Captured ${endpoints.length} endpoint(s) of ${capture.url} (${platform})` +
        `${failed > 0 ? `, ${failed} failed` : ''} into ${dir}` +
        `${parsed.ok ? '' : `\nvendorwatch could not read it: ${parsed.error}`}`,
    );
    return 0;
  } finally {
    await fetcher.close();
  }
}

async function fetchAll(
  fetcher: Fetcher,
  url: string,
  platform: string,
): Promise<{ endpoints: CapturedEndpoint[]; bodies: Record<string, string | null> }> {
  const adapter = getAdapter(platform);
  if (!adapter) throw new PollFailure(`no adapter for platform ${platform}`);
  const endpoints: CapturedEndpoint[] = [];
  const bodies: Record<string, string | null> = {};
  for (const endpoint of adapter.endpoints(url)) {
    const base = { key: endpoint.key, url: redactUrl(endpoint.url), required: endpoint.required };
    const result = await fetcher.fetch({ url: endpoint.url });
    if (!result.ok || result.notModified) {
      bodies[endpoint.key] = null;
      endpoints.push({
        ...base,
        ok: false,
        error: result.ok ? 'unexpected 304' : result.error.message,
        status: result.ok ? 304 : (result.error.status ?? null),
      });
      continue;
    }
    bodies[endpoint.key] = result.body;
    endpoints.push({
      ...base,
      ok: true,
      status: result.status,
      bytes: result.bytes,
      finalUrl: redactUrl(result.finalUrl),
      etag: result.validators.etag,
      lastModified: result.validators.lastModified,
      file: bodyFileName(endpoint.key),
      sha256: sha256(result.body),
    });
  }
  return { endpoints, bodies };
}
