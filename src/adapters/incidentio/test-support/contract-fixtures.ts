// The bodies the shared adapter contract runs this adapter on (contract.test.ts runs it for every
// registered adapter): fixture name → bodies keyed by endpoint key, as the fetcher hands them over.
import { readFixture } from '../../test-support/fixtures.js';

const summary = readFixture('incidentio', 'api-v2-summary.openai.2026-07.json');
const incidents = readFixture('incidentio', 'api-v2-incidents.docs-shape.json');
const proxy = readFixture('incidentio', 'proxy.docs-shape.json');

export const contractFixtures = {
  'api-v2-summary.openai.2026-07.json': { summary },
  'api-v2-incidents.docs-shape.json': { summary, incidents },
  'proxy.docs-shape.json': { summary, incidents, proxy },
};
