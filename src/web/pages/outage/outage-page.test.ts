// The outage page, the dashboard banner and /api/v1/outages through the real app over a SQLite
// file holding one outage that spans vendors (and an unrelated incident outside it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import {
  hostileOutageText,
  outageId,
  outageNow,
  seedOutageScenario,
  type OutageScenario,
} from '../../test-support/outage-scenario.js';
import { findActiveContent, visibleText } from '../test-support/inert-html.js';

let scenario: OutageScenario;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  scenario = await seedOutageScenario();
  app = createApp({ db: scenario.store.db, now: () => outageNow });
});
afterAll(() => scenario.dispose());

async function get(path: string) {
  const response = await app.request(path);
  return { status: response.status, body: await response.text() };
}

describe('outages on the web', () => {
  it('lists the outage with its members and evidence; the unrelated incident is not in it', async () => {
    const { status, body } = await get('/api/v1/outages');
    expect(status).toBe(200);
    const { outages, nextCursor } = JSON.parse(body) as {
      outages: Array<{
        id: string;
        upstream: string;
        region: string;
        members: Array<{
          incident: { id: string };
          role: string;
          evidence: Array<{ kind: string }>;
        }>;
      }>;
      nextCursor: string | null;
    };
    expect(nextCursor).toBeNull();
    expect(outages.map((o) => [o.id, o.upstream, o.region])).toEqual([
      [outageId, 'aws', 'us-east-1'],
    ]);
    expect(
      outages[0]!.members.map((m) => [m.incident.id, m.role, m.evidence.map((e) => e.kind).join()]),
    ).toEqual([
      ['aws-e1', 'upstream', 'upstream-incident'],
      ['acme-a1', 'dependent', 'depends-on'],
      ['beta-b1', 'dependent', 'names-upstream'],
      ['gamma-g1', 'dependent', 'depends-on'],
    ]);
    expect(JSON.parse((await get('/api/v1/outages?active=false')).body)).toEqual({
      outages: [],
      nextCursor: null,
    });
  });

  it('gives one outage with its shared timeline, oldest first; 404 and 400 as JSON', async () => {
    const { status, body } = await get(`/api/v1/outages/${outageId}`);
    expect(status).toBe(200);
    const outage = JSON.parse(body) as {
      title: string;
      timeline: Array<{ vendorSlug: string; text: string }>;
    };
    expect(outage.title).toBe('Amazon Web Services us-east-1: outage across 4 vendors');
    expect(outage.timeline.map((entry) => entry.vendorSlug)).toEqual([
      'aws',
      'acme',
      'beta',
      'gamma',
    ]);
    expect(outage.timeline[2]!.text).toBe(hostileOutageText);
    const missing = await get('/api/v1/outages/o-nothing');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ error: { code: 'not_found' } });
    expect((await get('/api/v1/outages?active=maybe')).status).toBe(400);
    expect((await get('/api/v1/outages?vendor=aws')).status).toBe(400);
  });

  it('shows the outage page: vendors, likely upstream, evidence, timeline; the vendor text runs nothing', async () => {
    const { status, body } = await get(`/outages/${outageId}`);
    expect(status).toBe(200);
    const text = visibleText(body);
    expect(text).toContain('Amazon Web Services us-east-1: outage across 4 vendors');
    expect(text).toContain('Likely upstreamAmazon Web Services (us-east-1)');
    expect(text).toContain('Declared dependency: the config says acme depends on aws:us-east-1');
    expect(text).toContain('Named in its text: its text names "AWS … us-east-1"');
    expect(text).toContain("The upstream's own incident: aws's own incident names us-east-1");
    expect(text).toContain("6m from Acme Pay's start");
    expect(text).not.toContain('Delta DB');
    expect(body).not.toContain('<img src=x');
    const ownScript = /<script src="([^"]+)"/.exec(body)![1]!;
    expect(findActiveContent(body, ownScript)).toEqual([]);
    expect((await get('/outages/o-nothing')).status).toBe(404);
  });

  it('links each member incident page to its outage, and leaves the unrelated incident alone', async () => {
    const member = await get('/incidents/acme-a1');
    expect(member.status).toBe(200);
    expect(member.body).toContain(`href="/outages/${outageId}"`);
    expect(visibleText(member.body)).toContain(
      'Correlated outageLikely Amazon Web Services us-east-1 outage',
    );
    const unrelated = await get('/incidents/delta-d1');
    expect(unrelated.status).toBe(200);
    expect(unrelated.body).not.toContain('/outages/');
    expect(visibleText(unrelated.body)).not.toContain('Correlated outage');
  });

  it('puts a banner on the dashboard while the outage is open', async () => {
    const { body } = await get('/');
    expect(body).toContain(`href="/outages/${outageId}"`);
    expect(visibleText(body)).toContain(
      'Likely upstream: Amazon Web Services us-east-1 — Amazon Web Services, Acme Pay, Beta Mail, Gamma Auth',
    );
  });
});
