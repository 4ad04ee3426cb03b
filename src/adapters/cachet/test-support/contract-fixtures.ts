// The bodies the shared adapter contract runs this adapter on (contract.test.ts runs it for every
// registered adapter): fixture name → bodies keyed by endpoint key, as the fetcher hands them over.
import { readFixture } from '../../test-support/fixtures.js';

export const contractFixtures = {
  'cachet 2 (api v1)': {
    components: readFixture('cachet', 'v1-components.yoti.2020-10.json'),
    groups: readFixture('cachet', 'v1-components-groups.docs-shape.json'),
    incidents: readFixture('cachet', 'v1-incidents.docs-shape.json'),
  },
  'cachet 3': {
    components: readFixture('cachet', 'v3-api-components.docs-shape.json'),
    incidents: readFixture('cachet', 'v3-api-incidents.docs-example.2024-10.json'),
  },
};
