// Every `vendorwatch capture` turned into a golden test (`npm run golden -- DIR`) is replayed here.
import { describe, expect, it } from 'vitest';
import { listCaptures, replayCapture } from './test-support/captures.js';

const captures = listCaptures();

describe.runIf(captures.length > 0)('captured payloads', () => {
  it.each(captures)('%s matches its normalized.json', (dir) => {
    const { actual, golden } = replayCapture(dir, process.env['UPDATE_GOLDEN'] === '1');
    expect(actual).toEqual(golden);
  });
});
