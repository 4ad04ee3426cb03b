// The bodies the shared adapter contract runs this adapter on (contract.test.ts runs it for every
// registered adapter): fixture name → bodies keyed by endpoint key, as the fetcher hands them over.
import { readFixture } from '../../test-support/fixtures.js';

export const contractFixtures = {
  'feed.docs-shape.healthy.xml': { feed: readFixture('azure', 'feed.docs-shape.healthy.xml') },
  'feed.docs-shape.active.xml': { feed: readFixture('azure', 'feed.docs-shape.active.xml') },
  'feed.docs-shape.categories.xml': {
    feed: readFixture('azure', 'feed.docs-shape.categories.xml'),
  },
};
