// The bodies the shared adapter contract runs this adapter on (contract.test.ts runs it for every
// registered adapter): fixture name → bodies keyed by endpoint key, as the fetcher hands them over.
import { readFixture } from '../../test-support/fixtures.js';

export const contractFixtures = {
  'index.docs-shape.json': { index: readFixture('betterstack', 'index.docs-shape.json') },
  'index.docs-shape.upcoming-maintenance.json': {
    index: readFixture('betterstack', 'index.docs-shape.upcoming-maintenance.json'),
  },
};
