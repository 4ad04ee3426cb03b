// Golden comparison for the non-Statuspage adapters, on the shared fixture helpers: goldens are
// the spec, compared on every run and rewritten only with UPDATE_GOLDEN=1 (then read by eye).
import { expect } from 'vitest';
import { goldenPath, loadGolden, readFixture } from '../../test-support/fixtures.js';

export { readFixture };

export function expectGolden(platform: string, fixtureName: string, actual: unknown): void {
  const update = process.env['UPDATE_GOLDEN'] === '1';
  const golden = loadGolden(goldenPath(platform, fixtureName), actual, update);
  expect(JSON.parse(JSON.stringify(actual))).toEqual(golden);
}
