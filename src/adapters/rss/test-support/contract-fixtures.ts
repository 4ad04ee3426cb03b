// The bodies the shared adapter contract runs this adapter on (contract.test.ts runs it for every
// registered adapter): fixture name → bodies keyed by endpoint key, as the fetcher hands them over.
import { readFixture } from '../../test-support/fixtures.js';

export const contractFixtures = {
  'history.github.2025-07-07.atom': { feed: readFixture('rss', 'history.github.2025-07-07.atom') },
  'history.statuspage-rss.docs-shape.xml': {
    feed: readFixture('rss', 'history.statuspage-rss.docs-shape.xml'),
  },
  'feed.incidentio.docs-shape.atom': {
    feed: readFixture('rss', 'feed.incidentio.docs-shape.atom'),
  },
};
