// The bodies the shared adapter contract runs this adapter on (contract.test.ts runs it for every
// registered adapter): fixture name → bodies keyed by endpoint key, as the fetcher hands them over.
import { listFixtures } from '../../test-support/fixtures.js';
import { statuspageBodies } from '../../test-support/statuspage-bodies.js';

export const contractFixtures = Object.fromEntries(
  listFixtures('statuspage').map((name) => [name, statuspageBodies(name)]),
);
