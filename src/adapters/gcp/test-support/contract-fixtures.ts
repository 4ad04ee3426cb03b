// The bodies the shared adapter contract runs this adapter on (contract.test.ts runs it for every
// registered adapter): fixture name → bodies keyed by endpoint key, as the fetcher hands them over.
import { readFixture } from '../../test-support/fixtures.js';

const products = readFixture('gcp', 'products.docs-shape.json');

export const contractFixtures = {
  'incidents.2022-07-01.first5.json': {
    incidents: readFixture('gcp', 'incidents.2022-07-01.first5.json'),
  },
  'incidents.docs-shape.open-outage.json': {
    incidents: readFixture('gcp', 'incidents.docs-shape.open-outage.json'),
    products,
  },
};
