// Golden files are the spec of an adapter's output: compared on every run, rewritten only when
// UPDATE_GOLDEN=1 is set (and then read by eye before committing).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

export function fixturePath(platform: string, name: string): string {
  return new URL(`../../../../test/fixtures/${platform}/${name}`, import.meta.url).pathname;
}

export function readFixture(platform: string, name: string): string {
  return readFileSync(fixturePath(platform, name), 'utf8');
}

/** Compares `actual` with `<fixture>.normalized.json` beside the fixture. */
export function expectGolden(platform: string, fixtureName: string, actual: unknown): void {
  const goldenPath = `${fixturePath(platform, fixtureName)}.normalized.json`;
  const serialized = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(goldenPath, serialized);
    return;
  }
  if (!existsSync(goldenPath)) {
    throw new Error(`Missing golden file ${goldenPath}; run with UPDATE_GOLDEN=1 and review it`);
  }
  expect(JSON.parse(serialized)).toEqual(JSON.parse(readFileSync(goldenPath, 'utf8')));
}
