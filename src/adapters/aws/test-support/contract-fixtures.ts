// The bodies the shared adapter contract runs this adapter on (contract.test.ts runs it for every
// registered adapter): fixture name → bodies keyed by endpoint key, as the fetcher hands them over.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesRoot, readFixture } from '../../test-support/fixtures.js';

const legacy = readFixture('aws', 'data.legacy-shd.2022-07.archive-first19.json');
const utf16Bytes = readFileSync(join(fixturesRoot, 'aws', 'currentevents.docs-shape.utf16le.json'));
// The fetcher decodes the UTF-16 body (after its BOM) before the adapter sees it.
const current = new TextDecoder('utf-16le').decode(utf16Bytes.subarray(2));

const regional = readFixture('aws', 'currentevents.docs-shape.regional-140-services.json');

export const contractFixtures = {
  'currentevents.docs-shape.regional-140-services.json': { events: regional },
  'data.legacy-shd.2022-07.archive-first19.json': { events: legacy },
  'currentevents.docs-shape.utf16le.json': { events: current },
};
