// Hostile and broken payloads (A1–A7, A11–A13, A15, A16, A18, A19: headings of docs/reliability.md,
// e.g. docs/reliability.md#a4): each one degrades one item or fails the poll with a readable
// error, and never throws.
import { describe, expect, it } from 'vitest';
import { bodies, incidentJson, parse, snapshot, t0 } from '../test-support/statuspage-payloads.js';

const valid = bodies({});

describe('whole bodies that are not Statuspage JSON (A1–A3)', () => {
  it.each([
    ['truncated JSON', '{"page":{"id":', 'summary.json is not JSON (malformed or truncated)'],
    [
      'trailing garbage',
      '{"components":[]} <html>',
      'summary.json is not JSON (malformed or truncated)',
    ],
    [
      'an HTML page',
      '<!DOCTYPE html><html>Just a moment...</html>',
      'summary.json is not JSON (looks like HTML)',
    ],
    ['an empty body', '', 'summary.json is empty'],
    ['whitespace', ' \n ', 'summary.json is empty'],
    ['null', 'null', 'summary.json is not a JSON object (got null)'],
    ['an array', '[]', 'summary.json is not a JSON object (got an array)'],
    ['a string', '"x"', 'summary.json is not a JSON object (got a string)'],
    ['a number', '42', 'summary.json is not a JSON object (got a number)'],
    [
      'an object of something else',
      '{"error":"Not found"}',
      'summary.json has no page, components or incidents (not Statuspage)',
    ],
  ])('summary.json as %s fails the poll readably', (_label, body, error) => {
    expect(parse({ ...valid, summary: body })).toEqual({ ok: false, error });
  });

  it('a broken incidents.json fails the poll too: resolutions live only there', () => {
    expect(parse({ ...valid, incidents: '<html></html>' })).toEqual({
      ok: false,
      error: 'incidents.json is not JSON (looks like HTML)',
    });
    expect(parse({ ...valid, incidents: null })).toEqual({
      ok: false,
      error: 'incidents.json was not fetched',
    });
  });

  it('a missing or broken scheduled-maintenances.json only warns', () => {
    expect(snapshot({ ...valid, maintenances: null }).warnings).toEqual([
      'scheduled-maintenances.json unavailable; maintenances come from summary.json only',
    ]);
    expect(snapshot({ ...valid, maintenances: '<html>' }).warnings).toEqual([
      'scheduled-maintenances.json is not JSON (looks like HTML); maintenances come from summary.json only',
    ]);
  });

  it('accepts a UTF-8 BOM before the JSON', () => {
    expect(snapshot({ ...valid, summary: `\uFEFF${valid.summary}` }).pageName).toBe('Example');
  });

  it('a 100,000-deep nesting neither overflows the stack nor passes as a summary', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(parse({ ...valid, summary: deep })).toEqual({
      ok: false,
      error: 'summary.json is not a JSON object (got an array)',
    });
    const nested = `{"components":[],"incidents":[{"id":"a","name":"x","created_at":"${t0}","components":${deep}}]}`;
    expect(snapshot({ ...valid, summary: nested }).incidents.map((i) => i.sourceId)).toEqual(['a']);
  });
});

describe('wrong types degrade one item (A4, A5)', () => {
  it('incidents as an object: that list is skipped, and the summary no longer claims every open item', () => {
    const result = snapshot(bodies({ incidents: { a: 1 } }, [incidentJson('hist1')]));
    expect(result.incidents.map((i) => i.sourceId)).toEqual(['hist1']);
    expect(result.listsAllOpen).toBe(false);
    expect(result.warnings).toContain('summary.json incidents is an object, not a list');
  });

  it('numeric ids are read as strings; items without an id are skipped with a reason', () => {
    const result = snapshot(
      bodies({
        incidents: [
          incidentJson(123),
          incidentJson(null),
          incidentJson(''),
          'junk',
          incidentJson('ok'),
        ],
      }),
    );
    expect(result.incidents.map((i) => i.sourceId).sort()).toEqual(['123', 'ok']);
    expect(result.listsAllOpen).toBe(false);
    expect(result.warnings).toEqual([
      'summary.json incidents item #1: skipped (no id)',
      'summary.json incidents item #2: skipped (no id)',
      'summary.json incidents item #3: skipped (not an object)',
    ]);
  });

  it('wrong field types: times as numbers, components as a string, status as an object', () => {
    const odd = incidentJson('odd', {
      created_at: 1714557600,
      started_at: true,
      status: { value: 'resolved' },
      components: 'API',
      incident_updates: 'none',
      name: 42,
    });
    const result = snapshot(bodies({ incidents: [odd, incidentJson('fine')] }));
    expect(result.incidents.map((i) => i.sourceId)).toEqual(['fine']);
    expect(result.warnings).toContain('incident odd: skipped (no usable start time)');

    const recoverable = incidentJson('rec', {
      status: { value: 'x' },
      components: 'API',
      name: 42,
    });
    const item = snapshot(bodies({ incidents: [recoverable] })).incidents[0];
    expect(item).toMatchObject({
      phase: 'investigating',
      components: [],
      title: 'Untitled incident',
    });
  });

  it('an incident without incident_updates or status still counts, with a warning', () => {
    const bare = { id: 'bare', name: 'Bare', created_at: t0, impact: 'major' };
    const result = snapshot(bodies({ incidents: [bare] }));
    expect(result.incidents[0]).toMatchObject({
      phase: 'investigating',
      impact: 'major',
      updates: [],
    });
    expect(result.warnings).toEqual([
      'incident bare: unknown status (missing), read as investigating',
    ]);
  });

  it('components: group rows, missing names, wrong types and duplicates', () => {
    const components = [
      { id: 'g', name: 'Group', group: true, position: 1, status: 'major_outage' },
      { id: 'c1', name: 'Child', group_id: 'g', position: 1, status: 'operational' },
      { id: 'c2', position: 2, status: 'operational' },
      { id: 'c3', name: 'Top', position: 'first', status: { x: 1 } },
      { id: 'c1', name: 'Again', status: 'operational' },
      7,
    ];
    const result = snapshot(bodies({ components }));
    expect(result.components).toEqual([
      { id: 'c1', name: 'Child', group: 'Group', status: 'operational', position: 0 },
      { id: 'c3', name: 'Top', group: null, status: 'unknown', position: 1 },
    ]);
    expect(result.warnings).toEqual([
      'component #2: skipped (no name)',
      'component c1: listed twice, kept the first',
      'component #5: skipped (not an object)',
      'component c3: unknown status an object, shown as unknown',
    ]);
  });
});

describe('unknown enum values (A6)', () => {
  it('an unknown component status is unknown, never operational', () => {
    const result = snapshot(
      bodies({ components: [{ id: 'c', name: 'API', status: 'kinda_broken' }] }),
    );
    expect(result.components[0]?.status).toBe('unknown');
    expect(result.warnings).toEqual([
      'component c: unknown status "kinda_broken", shown as unknown',
    ]);
  });

  it('unknown impact is minor; unknown status is investigating, or resolved once resolved_at is set', () => {
    const open = incidentJson('open', { impact: 'catastrophic', status: 'purple' });
    const done = incidentJson('done', { status: 'purple', resolved_at: '2024-05-01T11:00:00Z' });
    const result = snapshot(bodies({ incidents: [open] }, [done]));
    const byId = new Map(result.incidents.map((i) => [i.sourceId, i]));
    expect(byId.get('open')).toMatchObject({
      impact: 'minor',
      phase: 'investigating',
      resolvedAt: null,
    });
    expect(byId.get('done')).toMatchObject({
      phase: 'resolved',
      resolvedAt: '2024-05-01T11:00:00.000Z',
    });
    expect(result.warnings).toEqual([
      'incident open: unknown status "purple", read as investigating',
      'incident open: unknown impact "catastrophic", read as minor',
      'incident done: unknown status "purple", read as resolved',
    ]);
  });

  it('an unknown maintenance status is scheduled, or completed once resolved_at is set', () => {
    const window = {
      scheduled_for: '2024-05-02T00:00:00Z',
      scheduled_until: '2024-05-02T01:00:00Z',
    };
    const later = incidentJson('later', { ...window, status: 'postponed' });
    const gone = incidentJson('gone', {
      ...window,
      status: 'postponed',
      resolved_at: '2024-05-02T00:30:00Z',
    });
    const result = snapshot(bodies({ scheduled_maintenances: [later, gone] }));
    expect(result.incidents.map((i) => [i.sourceId, i.kind, i.phase, i.impact])).toEqual([
      ['gone', 'maintenance', 'completed', 'maintenance'],
      ['later', 'maintenance', 'scheduled', 'maintenance'],
    ]);
  });
});
