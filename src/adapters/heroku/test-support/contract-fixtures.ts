// The bodies the shared adapter contract runs this adapter on (contract.test.ts runs it for every
// registered adapter): fixture name → bodies keyed by endpoint key, as the fetcher hands them over.
import { readFixture } from '../../test-support/fixtures.js';

const maintenance = readFixture('heroku', 'current-status.2020-11-09.maintenance.json');

export const contractFixtures = {
  'current-status.2019-10-24.incident.json': {
    current: readFixture('heroku', 'current-status.2019-10-24.incident.json'),
  },
  'current-status.2020-11-09.maintenance.json': { current: maintenance },
  'incidents.docs-shape.json': {
    current: maintenance,
    incidents: readFixture('heroku', 'incidents.docs-shape.json'),
  },
};
