import { describe, expect, it } from 'vitest';
import type { VendorSnapshot } from '../../domain/snapshot.js';
import { expectGolden, readFixture } from '../parse-kit/test-support/golden.js';
import { incidentioAdapter, proxyUrl } from './index.js';

const context = { statusPageUrl: 'https://status.openai.com' };
const summary = readFixture('incidentio', 'api-v2-summary.openai.2026-07.json');
const incidents = readFixture('incidentio', 'api-v2-incidents.docs-shape.json');
const proxy = readFixture('incidentio', 'proxy.docs-shape.json');

function parse(bodies: Record<string, string | null>): VendorSnapshot {
  const result = incidentioAdapter.parse(bodies, context);
  if (!result.ok) throw new Error(result.error);
  return result.snapshot;
}

const scenarios = {
  'api-v2-summary.openai.2026-07.json': { summary, incidents: null, proxy: null },
  'api-v2-incidents.docs-shape.json': { summary, incidents, proxy: null },
  'proxy.docs-shape.json': { summary, incidents, proxy },
};

describe('incidentio adapter: golden files', () => {
  it.each(Object.entries(scenarios))('%s matches its normalized golden file', (name, bodies) => {
    expectGolden('incidentio', name, parse(bodies));
  });
});

describe('incidentio adapter: compat JSON', () => {
  it('reads a healthy summary whose incidents keys are absent as "no open incidents"', () => {
    const snapshot = parse(scenarios['api-v2-summary.openai.2026-07.json']);
    expect(snapshot.platform).toBe('incidentio');
    expect(snapshot.pageName).toBe('OpenAI');
    expect(snapshot.incidents).toEqual([]);
    expect(snapshot.listsAllOpen).toBe(true);
    expect(snapshot.warnings).toEqual([]);
    expect(snapshot.components).toHaveLength(25);
    expect(snapshot.components[0]).toEqual({
      id: '01JMXBRMFE4MAP2BHSJNZ787WX',
      name: 'Images',
      group: null,
      status: 'operational',
      position: 0,
    });
  });

  it('reads null incidents lists the same way', () => {
    const withNulls = JSON.stringify({
      ...JSON.parse(summary),
      incidents: null,
      scheduled_maintenances: null,
    });
    const snapshot = parse({ summary: withNulls, incidents: null, proxy: null });
    expect(snapshot.listsAllOpen).toBe(true);
    expect(snapshot.warnings).toEqual([]);
  });

  it('renders Markdown bodies (a titled link, strong) to allowlisted HTML and plain text, maps impact none to notice and dates resolution from the timeline', () => {
    const snapshot = parse(scenarios['api-v2-incidents.docs-shape.json']);
    const [open, resolved] = snapshot.incidents;
    expect(open).toMatchObject({
      sourceId: '01K6Z8QW3M9R2T5V7X0B4D6F8H',
      impact: 'major',
      phase: 'monitoring',
      resolvedAt: null,
      components: [],
      sourceUrl: 'https://status.openai.com/incidents/01K6Z8QW3M9R2T5V7X0B4D6F8H',
    });
    expect(open!.updates[0]!.bodyText).toBe(
      'We are seeing elevated errors for image generation. Contact support if you are blocked. Details: https://status.openai.com/',
    );
    expect(open!.updates[0]!.body).toBe(
      'We are seeing <strong>elevated errors</strong> for image generation. Contact ' +
        '<a href="mailto:support@example.com" rel="noopener noreferrer nofollow">support</a> ' +
        'if you are blocked. Details: https://status.openai.com/',
    );
    expect(resolved).toMatchObject({
      impact: 'notice',
      phase: 'resolved',
      startedAt: '2026-07-01T09:00:00.000Z',
      resolvedAt: '2026-07-01T10:30:00.000Z',
    });
    expect(resolved!.updates.map((u) => u.phase)).toEqual([
      'investigating',
      'identified',
      'resolved',
    ]);
  });
});

describe('incidentio adapter: proxy JSON', () => {
  const snapshot = parse(scenarios['proxy.docs-shape.json']);
  const byId = new Map(snapshot.incidents.map((incident) => [incident.sourceId, incident]));

  it('takes groups and order from the structure, hides hidden components, maps full_outage', () => {
    expect(snapshot.components.slice(0, 3)).toEqual([
      {
        id: '01JMXBRMFE4MAP2BHSJNZ787WX',
        name: 'Images',
        group: 'APIs',
        status: 'partial_outage',
        position: 0,
      },
      {
        id: '01JMXBRMFESJCBGJR10PDD3WCQ',
        name: 'Files',
        group: 'APIs',
        status: 'operational',
        position: 1,
      },
      {
        id: '01JSM5RTJWHRWDTS6Q604VEW3B',
        name: 'Login',
        group: null,
        status: 'major_outage',
        position: 2,
      },
    ]);
    expect(snapshot.components.map((c) => c.name)).not.toContain('Internal tooling');
    expect(snapshot.components).toHaveLength(25);
  });

  it('adds affected components and the worst impact to a compat incident, keeping its timeline', () => {
    const images = byId.get('01K6Z8QW3M9R2T5V7X0B4D6F8H')!;
    expect(images.components).toEqual(['Images']);
    expect(images.impact).toBe('major');
    expect(images.updates).toHaveLength(2);
  });

  it('adds incidents and maintenances only the proxy knows', () => {
    expect(byId.get('01K70AAAABBBBCCCCDDDDEEEEF')).toMatchObject({
      impact: 'critical',
      phase: 'investigating',
      components: ['Login'],
    });
    expect(byId.get('01K70AAAABBBBCCCCDDDDEEEEF')!.updates[0]!.components).toEqual(['Login']);
    expect(byId.get('01K71MMMMNNNNPPPPQQQQRRRRS')).toMatchObject({
      kind: 'maintenance',
      impact: 'maintenance',
      phase: 'scheduled',
      startedAt: '2026-07-12T02:00:00.000Z',
      scheduledFor: '2026-07-12T02:00:00.000Z',
      scheduledUntil: '2026-07-12T04:00:00.000Z',
      components: ['Files'],
    });
    expect(byId.get('01K71MMMMNNNNPPPPQQQQRRRRS')!.updates[0]!.bodyText).toBe(
      'Uploads may be slow during the migration.',
    );
  });

  it('falls back to the compat JSON when the proxy answers HTML', () => {
    const fallback = parse({ summary, incidents, proxy: '<!doctype html><p>404</p>' });
    expect(fallback.components.every((c) => c.group === null)).toBe(true);
    expect(fallback.warnings).toEqual([expect.stringContaining('proxy: HTML')]);
    expect(fallback.incidents).toHaveLength(2);
  });
});

describe('incidentio adapter: maintenance windows', () => {
  const id = '01K71MMMMNNNNPPPPQQQQRRRRS';
  const phaseAt = (proxyBody: string, observedAt: string) => {
    const result = incidentioAdapter.parse(
      { ...scenarios['proxy.docs-shape.json'], proxy: proxyBody },
      { ...context, observedAt },
    );
    if (!result.ok) throw new Error(result.error);
    return result.snapshot.incidents.find((incident) => incident.sourceId === id)!.phase;
  };
  const withoutStatus = proxy.replace('"status": "maintenance_scheduled",', '');

  it('a maintenance without a status follows its window against the poll time', () => {
    expect(withoutStatus).not.toBe(proxy);
    expect(phaseAt(withoutStatus, '2026-07-09T12:00:00.000Z')).toBe('scheduled');
    expect(phaseAt(withoutStatus, '2026-07-12T03:00:00.000Z')).toBe('in_progress');
    expect(phaseAt(withoutStatus, '2026-07-12T04:00:00.000Z')).toBe('completed');
  });

  it('a stated maintenance_scheduled stays scheduled even past its start (not started yet)', () => {
    expect(phaseAt(proxy, '2026-07-12T03:00:00.000Z')).toBe('scheduled');
  });
});

describe('incidentio adapter: endpoints', () => {
  it('names compat and proxy URLs, also from a pasted API URL or a sub-page', () => {
    expect(incidentioAdapter.endpoints('https://status.openai.com/api/v2/summary.json')).toEqual([
      { key: 'summary', url: 'https://status.openai.com/api/v2/summary.json', required: true },
      { key: 'incidents', url: 'https://status.openai.com/api/v2/incidents.json', required: false },
      { key: 'proxy', url: 'https://status.openai.com/proxy/status.openai.com', required: false },
    ]);
    expect(proxyUrl('https://neonstatus.com/console/')).toBe(
      'https://neonstatus.com/proxy/neonstatus.com/console',
    );
  });
});
