// Regions an incident names apart from its components (Azure) are stored, shown on the incident
// page and answered by the API; an incident without regions shows no regions section.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import {
  observedIncident,
  openTestStore,
  snapshot,
  vendor,
  type TestStore,
} from '../../test-support/seed.js';
import { visibleText } from '../test-support/inert-html.js';

const now = '2026-01-22T16:00:00.000Z';
let testStore: TestStore;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  testStore = await openTestStore(
    [vendor('azure', 'Azure', { platform: 'azure', category: 'cloud' })],
    now,
  );
  await testStore.poll(
    'azure',
    snapshot([
      observedIncident('7KQ3-LX8', {
        title: 'Multiple services – East US 2',
        components: ['Virtual Machines', 'Azure Storage'],
        regions: ['East US 2'],
      }),
      observedIncident('plain', { title: 'No regions here' }),
    ]),
    now,
  );
  app = createApp({ db: testStore.store.db, now: () => now });
});
afterAll(() => testStore.dispose());

describe('incident regions', () => {
  it('the incident page lists the regions apart from the components', async () => {
    const html = await (await app.request('/incidents/azure-7kq3-lx8')).text();
    expect(visibleText(html)).toMatch(/Affected regions\s*East US 2/);
    expect(html).toMatch(/data-testid="components">[^]*Virtual Machines/);
    expect(/data-testid="components">[^]*?<\/ul>/.exec(html)![0]).not.toContain('East US 2');
  });

  it('an incident without regions shows no regions section', async () => {
    const html = await (await app.request('/incidents/azure-plain')).text();
    expect(html).not.toContain('Affected regions');
  });

  it('the API answers the regions with the incident', async () => {
    const body = (await (await app.request('/api/v1/incidents/azure-7kq3-lx8')).json()) as {
      incident?: { regions: string[] };
      regions?: string[];
    };
    expect(body.incident?.regions ?? body.regions).toEqual(['East US 2']);
  });
});
