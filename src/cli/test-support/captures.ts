// Golden tests made from `vendorwatch capture` folders (scripts/golden.mjs puts them under
// test/fixtures/captures/<platform>.<name>/): parse the captured bodies as the poll did, at the
// capture's time, and compare with normalized.json.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesRoot, loadGolden } from '../../adapters/test-support/fixtures.js';
import { getAdapter } from '../../adapters/registry.js';
import { readCapture } from '../capture-files.js';

export const capturesRoot = join(fixturesRoot, 'captures');

export function listCaptures(root = capturesRoot): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, entry.name))
    .sort();
}

/** What vendorwatch makes of a capture today, and its golden (rewritten first when `update`). */
export function replayCapture(dir: string, update: boolean): { actual: unknown; golden: unknown } {
  const { capture, bodies } = readCapture(dir);
  const adapter = getAdapter(capture.platform);
  if (!adapter) throw new Error(`${dir}: no adapter for platform ${capture.platform}`);
  const parsed = adapter.parse(bodies, {
    statusPageUrl: capture.url,
    observedAt: capture.capturedAt,
  });
  const actual = JSON.parse(
    JSON.stringify(parsed.ok ? parsed.snapshot : { error: parsed.error }),
  ) as unknown;
  const path = join(dir, 'normalized.json');
  if (update) writeFileSync(path, `${JSON.stringify(actual, null, 2)}\n`);
  return { actual, golden: loadGolden(path, actual, false) };
}
