// The bodies the shared adapter contract runs this adapter on (contract.test.ts runs it for every
// registered adapter): fixture name → bodies keyed by endpoint key, as the fetcher hands them over.
import { readFixture } from '../../test-support/fixtures.js';

const current = readFixture('slack', 'current.2020-07-30.incident.json');

export const contractFixtures = {
  'current.2020-07-30.incident.json': { current },
  'history.docs-shape.json': { current, history: readFixture('slack', 'history.docs-shape.json') },
  'history.docs-shape.issue-summary.json': {
    current,
    history: readFixture('slack', 'history.docs-shape.issue-summary.json'),
  },
};
