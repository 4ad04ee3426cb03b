// The bodies the shared adapter contract runs this adapter on (contract.test.ts runs it for every
// registered adapter): fixture name → bodies keyed by endpoint key, as the fetcher hands them over.
import { readFixture } from '../../test-support/fixtures.js';

const status = readFixture('sorry', 'status.docs-shape.json');
const components = readFixture('sorry', 'components.docs-shape.json');
const notices = readFixture('sorry', 'notices.docs-shape.json');

export const contractFixtures = {
  'components.docs-shape.json': { status, components, notices: '{"notices":[]}' },
  'notices.docs-shape.json': { status, components, notices },
};
