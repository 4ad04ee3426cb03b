import { describe, expect, it } from 'vitest';
import type { VendorSnapshot } from '../../domain/snapshot.js';
import { expectGolden, readFixture } from '../parse-kit/test-support/golden.js';
import { sorryAdapter } from './index.js';

const context = { statusPageUrl: 'https://status.example-inc.com' };
const status = readFixture('sorry', 'status.docs-shape.json');
const components = readFixture('sorry', 'components.docs-shape.json');
const notices = readFixture('sorry', 'notices.docs-shape.json');
const none = { components: '{"components":[]}', notices: '{"notices":[]}' };

function parse(bodies: Record<string, string | null>): VendorSnapshot {
  const result = sorryAdapter.parse(bodies, context);
  if (!result.ok) throw new Error(result.error);
  return result.snapshot;
}

describe('sorry adapter: golden files', () => {
  it.each([
    ['status.docs-shape.json', { ...none, status }],
    ['components.docs-shape.json', { ...none, status, components }],
    ['notices.docs-shape.json', { status, components, notices }],
  ])('%s matches its normalized golden file', (name, bodies) => {
    expectGolden('sorry', name, parse(bodies));
  });
});

describe('sorry adapter: the public API', () => {
  const snapshot = parse({ status, components, notices });

  it('asks for the page status (optional), components and notices on the page host', () => {
    expect(
      sorryAdapter
        .endpoints('https://status.sorryapp.com/api/v1/status')
        .map((e) => [e.url, e.required]),
    ).toEqual([
      ['https://status.sorryapp.com/api/v1/status', false],
      ['https://status.sorryapp.com/api/v1/components', true],
      ['https://status.sorryapp.com/api/v1/notices', true],
    ]);
  });

  it('names children by their parent and leaves parents out; maps the states', () => {
    expect(snapshot.pageName).toBe('Example Inc. Status');
    expect(snapshot.components.map((c) => [c.name, c.group, c.status])).toEqual([
      ['Web application', 'LaunchPad', 'operational'],
      ['Analytics', 'LaunchPad', 'degraded_performance'],
      ['Notifications', null, 'under_maintenance'],
      ['Public API', null, 'degraded_performance'],
    ]);
  });

  it('reads unplanned notices as incidents and planned ones as maintenance with a window', () => {
    const [open, maintenance, resolved] = snapshot.incidents;
    expect(open).toMatchObject({
      sourceId: '204512',
      kind: 'incident',
      phase: 'identified',
      resolvedAt: null,
      components: ['Analytics'],
    });
    expect(open!.updates.map((u) => [u.sourceId, u.phase])).toEqual([
      ['50407219', 'investigating'],
      ['50407388', 'identified'],
    ]);
    expect(maintenance).toMatchObject({
      kind: 'maintenance',
      phase: 'completed',
      startedAt: '2022-11-05T08:00:00.000Z',
      resolvedAt: '2022-11-05T09:00:05.055Z',
      scheduledUntil: '2022-11-05T09:00:00.000Z',
    });
    expect(resolved).toMatchObject({ phase: 'resolved', components: ['Web application'] });
    expect(resolved!.updates.map((u) => [u.sourceId, u.phase])).toEqual([['synopsis', 'resolved']]);
    expect(snapshot.listsAllOpen).toBe(true);
    expect(snapshot.warnings).toEqual([]);
  });

  it('a further page of notices means the list is not complete', () => {
    const paged = JSON.stringify({ notices: [], meta: { next_page: '/api/v1/notices?page=2' } });
    expect(parse({ status, components, notices: paged }).listsAllOpen).toBe(false);
  });

  it('fails readably on what is not this API, and only warns without the page status', () => {
    expect(sorryAdapter.parse({ ...none, notices: '<html>' }, context)).toEqual({
      ok: false,
      error: 'notices: HTML or XML where JSON was expected',
    });
    expect(sorryAdapter.parse({ ...none, components: '{"data":[]}' }, context)).toEqual({
      ok: false,
      error: 'components: no components list (not a Sorry status page)',
    });
    expect(parse({ ...none, status: 'oops' }).warnings).toEqual([
      expect.stringContaining('status: invalid JSON'),
    ]);
  });
});
