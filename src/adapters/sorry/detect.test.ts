// Detection of a Sorry page through the registry's generic walk, against a loopback replica.
import { afterAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../../fetch/fetcher.js';
import { defaultFetcherSettings } from '../../fetch/types.js';
import { detectPlatform } from '../../poll/detect.js';
import { html, json, startReplica } from '../../poll/detect/test-support/replica.js';
import { readFixture } from '../test-support/fixtures.js';
import { classifySorryStatus } from './detect.js';

const fetcher = createFetcher({
  ...defaultFetcherSettings,
  totalTimeoutMs: 5_000,
  allowedPrivateRanges: ['127.0.0.1/32'],
});
afterAll(() => fetcher.close());

describe('sorry detection', () => {
  it('knows /api/v1/status by its page state and links', () => {
    expect(classifySorryStatus(readFixture('sorry', 'status.docs-shape.json'))).toMatchObject({
      confidence: 'high',
    });
    expect(classifySorryStatus('{"page":{"state":"operational"}}')).toBeNull();
    expect(classifySorryStatus('{"page":{"state":"UP","links":{}}}')).toBeNull();
  });

  it('a page naming Sorry is probed at /api/v1/status first, and nowhere else', async () => {
    const page = await startReplica({
      '/': html('<script src="https://assets.sorryapp.com/page.js"></script>'),
      '/api/v1/status': json('sorry', 'status.docs-shape.json'),
    });
    try {
      const detection = await detectPlatform(fetcher, page.url('/'));
      expect(detection).toMatchObject({
        ok: true,
        platform: 'sorry',
        confidence: 'high',
        statusPageUrl: page.url(''),
      });
      expect(page.requests).toEqual(['/', '/api/v1/status']);
    } finally {
      await page.close();
    }
  });
});
