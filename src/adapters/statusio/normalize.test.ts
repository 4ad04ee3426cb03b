import { describe, expect, it } from 'vitest';
import type { VendorSnapshot } from '../../domain/snapshot.js';
import { expectGolden, readFixture } from '../parse-kit/test-support/golden.js';
import { statusioAdapter, statusioTarget } from './index.js';

const docker = 'status.docker.2020-07-16.partial-disruption.json';
const maintenance = 'status.gitlab.2020-09-05.planned-maintenance.json';
const security = 'status.gitlab.2020-02-09.security-issue.json';
const gitlabPage = 'https://status.gitlab.com/#5b36dc6502d06804c0834a04';

function parse(name: string, statusPageUrl = gitlabPage): VendorSnapshot {
  const result = statusioAdapter.parse(
    { status: readFixture('statusio', name) },
    { statusPageUrl },
  );
  if (!result.ok) throw new Error(result.error);
  return result.snapshot;
}

describe('statusio adapter: golden files', () => {
  it.each([docker, maintenance, security])('%s matches its normalized golden file', (name) => {
    expectGolden('statusio', name, parse(name));
  });
});

describe('statusio adapter: quirks', () => {
  it('Docker: code 400 is a partial outage and a major incident on the affected component', () => {
    const snapshot = parse(docker, 'https://api.status.io/1.0/status/533c6539221ae15e3f000031');
    expect(snapshot.components.find((c) => c.name === 'Docker Hub Automated Builds')!.status).toBe(
      'partial_outage',
    );
    expect(snapshot.components.filter((c) => c.status === 'operational')).toHaveLength(7);
    expect(snapshot.incidents).toEqual([
      expect.objectContaining({
        sourceId: '5f108cc06e9c9104c0553a46',
        kind: 'incident',
        impact: 'major',
        phase: 'investigating',
        startedAt: '2020-07-16T17:22:08.325Z',
        components: ['Docker Hub Automated Builds'],
        sourceUrl: null,
      }),
    ]);
    expect(snapshot.listsAllOpen).toBe(true);
  });

  it('GitLab maintenance: code 200 is under maintenance; messages before the start are "scheduled"', () => {
    const snapshot = parse(maintenance);
    expect(snapshot.components.find((c) => c.name === 'dashboards.gitlab.com')!.status).toBe(
      'under_maintenance',
    );
    const window = snapshot.incidents.find((i) => i.kind === 'maintenance')!;
    expect(window).toMatchObject({
      impact: 'maintenance',
      phase: 'in_progress',
      startedAt: '2020-09-02T17:55:00.000Z',
      scheduledFor: '2020-09-02T17:55:00.000Z',
      scheduledUntil: '2020-09-07T17:55:00.000Z',
      resolvedAt: null,
      sourceUrl:
        'https://status.gitlab.com/pages/maintenance/5b36dc6502d06804c0834a04/5f4e8b7f2250a004bc3453da',
    });
    expect(window.updates.map((u) => u.phase)).toEqual(['scheduled', 'in_progress']);
    const incident = snapshot.incidents.find((i) => i.kind === 'incident')!;
    expect(incident.phase).toBe('identified');
    expect(incident.updates[0]!.bodyText).not.toContain('\r');
    expect(incident.updates.map((u) => u.sourceId)).toEqual([
      '5f52b8074ef75804bc7d2c3e-001',
      '5f52b8074ef75804bc7d2c3e-002',
    ]);
  });

  it('GitLab security: code 600 reads as unknown for components (with a warning) and major for the incident', () => {
    const snapshot = parse(security);
    expect(snapshot.components.filter((c) => c.status === 'unknown').map((c) => c.name)).toEqual([
      'Website',
      'API',
      'Git (ssh and https)',
      'Registry',
      'CI/CD',
    ]);
    expect(snapshot.warnings).toEqual([expect.stringContaining('status 600')]);
    expect(snapshot.incidents[0]).toMatchObject({ impact: 'major', phase: 'identified' });
    expect(snapshot.incidents[0]!.components).toHaveLength(5);
  });
});

describe('statusio adapter: endpoints', () => {
  it('uses an API URL as given, builds one from a page id, and passes anything else through', () => {
    expect(statusioTarget('https://api.status.io/1.0/status/5b36dc6502d06804c0834a04/')).toEqual({
      apiUrl: 'https://api.status.io/1.0/status/5b36dc6502d06804c0834a04',
      pageId: '5b36dc6502d06804c0834a04',
      pageOrigin: null,
    });
    expect(statusioAdapter.endpoints(gitlabPage)[0]!.url).toBe(
      'https://api.status.io/1.0/status/5b36dc6502d06804c0834a04',
    );
    expect(
      statusioAdapter.endpoints('http://127.0.0.1:4000/1.0/status/5b36dc6502d06804c0834a04')[0]!
        .url,
    ).toBe('http://127.0.0.1:4000/1.0/status/5b36dc6502d06804c0834a04');
    expect(statusioAdapter.endpoints('https://status.gitlab.com')[0]!.url).toBe(
      'https://status.gitlab.com/',
    );
  });
});

describe('statusio adapter: hostile payloads', () => {
  const url = 'https://api.status.io/1.0/status/5b36dc6502d06804c0834a04';
  const parseBody = (body: unknown) =>
    statusioAdapter.parse(
      { status: typeof body === 'string' ? body : JSON.stringify(body) },
      { statusPageUrl: url },
    );

  it.each([
    ['an HTML status page', '<html>status.io</html>'],
    ['an error object', { error: 'page not found' }],
    ['result without status list', { result: { status: 'ok' } }],
  ])('fails on %s, with a hint about the URL', (_name, body) => {
    const result = parseBody(body);
    expect(result.ok).toBe(false);
  });

  it('reads unknown codes as unknown, skips broken items and stops claiming completeness', () => {
    const result = parseBody({
      result: {
        status: [
          { id: 'a', name: 'A', status_code: 700, containers: [{ status_code: 100 }] },
          { id: 'b', name: 'B', status_code: 100, containers: [{ status_code: 500 }] },
          { name: 'no id' },
        ],
        incidents: [
          { _id: 'i1', name: 'x', datetime_open: 'nope', messages: 'x' },
          {
            _id: 'i2',
            name: '<img src=x onerror=alert(1)>',
            datetime_open: '2020-01-01T00:00:00Z',
            messages: [
              {
                details: '<script>x</script>ok',
                state: 999,
                status: 'x',
                datetime: '2020-01-01T00:00:00Z',
              },
            ],
          },
        ],
        maintenance: { active: 'x', upcoming: null },
      },
    });
    if (!result.ok) throw new Error(result.error);
    expect(result.snapshot.components.map((c) => [c.id, c.status])).toEqual([
      ['a', 'unknown'],
      ['b', 'major_outage'],
    ]);
    expect(result.snapshot.incidents.map((i) => [i.sourceId, i.impact, i.phase])).toEqual([
      ['i2', 'minor', 'investigating'],
    ]);
    expect(result.snapshot.incidents[0]!.updates[0]!.body).toBe('ok');
    expect(result.snapshot.listsAllOpen).toBe(false);
  });
});
