// The bodies the shared adapter contract runs this adapter on (contract.test.ts runs it for every
// registered adapter): fixture name → bodies keyed by endpoint key, as the fetcher hands them over.
import { readFixture } from '../../test-support/fixtures.js';

const summary = readFixture('instatus', 'summary.instatus-docs-example.2022-06.json');
const components = readFixture('instatus', 'v2-components.docs-shape.json');

export const contractFixtures = {
  'summary.instatus-docs-example.2022-06.json': { summary },
  'v2-components.docs-shape.json': { summary, components },
};
