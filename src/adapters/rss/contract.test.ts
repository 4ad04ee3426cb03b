import { describeAdapterContract } from '../test-support/adapter-contract.js';
import { readFixture } from '../test-support/fixtures.js';
import { rssAdapter } from './index.js';

describeAdapterContract(rssAdapter, {
  'history.github.2025-07-07.atom': { feed: readFixture('rss', 'history.github.2025-07-07.atom') },
  'history.statuspage-rss.docs-shape.xml': {
    feed: readFixture('rss', 'history.statuspage-rss.docs-shape.xml'),
  },
  'feed.incidentio.docs-shape.atom': {
    feed: readFixture('rss', 'feed.incidentio.docs-shape.atom'),
  },
});
