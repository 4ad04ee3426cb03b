import { describe, expect, it } from 'vitest';
import { incidentioAdapter } from './index.js';

const context = { statusPageUrl: 'https://status.example.io' };
const page = {
  id: '01JMDK9XYNY6RXSED6SDWW50WY',
  name: 'Example',
  url: 'https://status.example.io',
};
const parse = (summary: unknown, incidents: unknown = null, proxy: unknown = null) =>
  incidentioAdapter.parse(
    {
      summary: typeof summary === 'string' ? summary : JSON.stringify(summary),
      incidents: incidents === null ? null : JSON.stringify(incidents),
      proxy: proxy === null ? null : typeof proxy === 'string' ? proxy : JSON.stringify(proxy),
    },
    context,
  );

const incident = (id: unknown, extra: Record<string, unknown> = {}) => ({
  id,
  name: 'Broken',
  status: 'investigating',
  impact: 'minor',
  created_at: '2026-01-01T00:00:00Z',
  incident_updates: [
    {
      id: `${String(id)}-u`,
      status: 'investigating',
      body: 'x',
      created_at: '2026-01-01T00:00:00Z',
    },
  ],
  ...extra,
});

describe('incidentio adapter: hostile payloads', () => {
  it.each([
    ['HTML', '<html>Cloudflare</html>'],
    ['truncated JSON', '{"page":{"id":'],
    ['an array', '[]'],
    ['a number', '42'],
    ['an object without page or components', '{"status":{}}'],
  ])('fails on %s instead of reporting all clear', (_name, body) => {
    expect(parse(body).ok).toBe(false);
  });

  it('maps unknown enums to unknown or open, with warnings', () => {
    const result = parse({
      page,
      components: [{ id: 'c1', name: 'API', status: 'kinda_broken', position: 0 }],
      incidents: [incident('i1', { status: 'purple', impact: 'catastrophic' })],
    });
    if (!result.ok) throw new Error(result.error);
    expect(result.snapshot.components[0]!.status).toBe('unknown');
    expect(result.snapshot.incidents[0]).toMatchObject({ phase: 'investigating', impact: 'minor' });
    expect(result.snapshot.warnings).toHaveLength(3);
  });

  it('rejects broken items one by one and stops claiming the open list is complete', () => {
    const result = parse({
      page,
      components: 'nope',
      incidents: [
        incident(undefined),
        incident({ id: 1 }),
        incident('ok'),
        incident('bad-time', { created_at: 5, incident_updates: 'x' }),
      ],
    });
    if (!result.ok) throw new Error(result.error);
    expect(result.snapshot.incidents.map((i) => i.sourceId)).toEqual(['ok']);
    expect(result.snapshot.listsAllOpen).toBe(false);
    expect(result.snapshot.components).toEqual([]);
  });

  it('reads a wrong-typed incidents list as not complete', () => {
    const result = parse({ page, components: [], incidents: { a: 1 } });
    if (!result.ok) throw new Error(result.error);
    expect(result.snapshot.listsAllOpen).toBe(false);
  });

  it('caps 10,000 incidents at 500', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => incident(`i${i}`));
    const result = parse({ page, components: [] }, { incidents: many });
    if (!result.ok) throw new Error(result.error);
    expect(result.snapshot.incidents).toHaveLength(500);
    expect(result.snapshot.warnings[0]).toContain('500 of 10000');
  });

  it('keeps script out of titles and bodies', () => {
    const result = parse({
      page,
      components: [],
      incidents: [
        incident('x', {
          name: '<script>alert(1)</script>Outage',
          incident_updates: [
            {
              id: 'u',
              status: 'investigating',
              body: '<img src=x onerror=alert(1)>[x](javascript:alert(1)) <a href="javascript:alert(1)">y</a>',
              created_at: '2026-01-01T00:00:00Z',
            },
          ],
        }),
      ],
    });
    if (!result.ok) throw new Error(result.error);
    const item = result.snapshot.incidents[0]!;
    expect(item.updates[0]!.body).not.toMatch(/onerror|<img|href="javascript/i);
    expect(item.title).toBe('<script>alert(1)</script>Outage');
  });

  it('survives a hostile proxy: wrong types, unknown statuses, prototype keys', () => {
    const result = parse(
      { page, components: [{ id: 'c1', name: 'API', status: 'operational' }] },
      null,
      `{"summary": {"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}},
        "affected_components": [{"component_id": "c1", "status": "melting"}, "x", null],
        "ongoing_incidents": [{"name": "no id", "status": "weird", "published_at": "never"}, 7],
        "scheduled_maintenances": {"nope": true},
        "structure": {"items": [{"group": {"name": "G", "components": "x"}}, {"component": null}]}}}`,
    );
    if (!result.ok) throw new Error(result.error);
    expect(result.snapshot.components).toEqual([
      { id: 'c1', name: 'API', group: null, status: 'unknown', position: 0 },
    ]);
    expect(result.snapshot.incidents).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
