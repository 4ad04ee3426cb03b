// Reading captured payloads and their golden outputs from test/fixtures/<platform>/ (tests only).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const fixturesRoot = fileURLToPath(new URL('../../../test/fixtures/', import.meta.url));

const goldenSuffix = '.normalized.json';

/** Captured payload file names of a platform (goldens and notes excluded), sorted. */
export function listFixtures(platform: string, extension = '.json'): string[] {
  return readdirSync(join(fixturesRoot, platform))
    .filter((name) => name.endsWith(extension) && !name.endsWith(goldenSuffix))
    .sort();
}

export function readFixture(platform: string, fileName: string): string {
  return readFileSync(join(fixturesRoot, platform, fileName), 'utf8');
}

/** `summary.x.json` → `<root>/<platform>/summary.x.normalized.json`. */
export function goldenPath(platform: string, fileName: string): string {
  return join(fixturesRoot, platform, fileName.replace(/\.[a-z]+$/, '') + goldenSuffix);
}

/**
 * The golden for a fixture, as parsed JSON. With `update`, first rewrites it from `actual`
 * (UPDATE_GOLDEN=1): goldens change only on purpose, and are reviewed by eye before a commit.
 */
export function loadGolden(path: string, actual: unknown, update: boolean): unknown {
  if (update) writeFileSync(path, `${JSON.stringify(actual, null, 2)}\n`);
  if (!existsSync(path))
    throw new Error(`No golden at ${path}; run with UPDATE_GOLDEN=1 and review it`);
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}
