// The bodies the shared adapter contract runs this adapter on (contract.test.ts runs it for every
// registered adapter): fixture name → bodies keyed by endpoint key, as the fetcher hands them over.
import { listFixtures, readFixture } from '../../test-support/fixtures.js';

export const contractFixtures = Object.fromEntries(
  listFixtures('statusio').map((name) => [name, { status: readFixture('statusio', name) }]),
);
