import { describeAdapterContract } from '../test-support/adapter-contract.js';
import { readFixture } from '../test-support/fixtures.js';
import { incidentioAdapter } from './index.js';

const summary = readFixture('incidentio', 'api-v2-summary.openai.2026-07.json');
const incidents = readFixture('incidentio', 'api-v2-incidents.docs-shape.json');
const proxy = readFixture('incidentio', 'proxy.docs-shape.json');

describeAdapterContract(incidentioAdapter, {
  'api-v2-summary.openai.2026-07.json': { summary },
  'api-v2-incidents.docs-shape.json': { summary, incidents },
  'proxy.docs-shape.json': { summary, incidents, proxy },
});
