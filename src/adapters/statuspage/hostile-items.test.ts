// Hostile items inside valid bodies: duplicates (A7), ordering (A11), dates (A12), volume (A13),
// prototype keys (A16), NUL and surrogates (A18), script (A19), and legacy shapes. Each id is a
// heading of docs/reliability.md (A7 → docs/reliability.md#a7).
import { describe, expect, it } from 'vitest';
import { bodies, incidentJson, snapshot, t0 } from '../test-support/statuspage-payloads.js';

const update = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  status: 'investigating',
  body: id,
  created_at: t0,
  ...extra,
});

describe('duplicated ids (A7)', () => {
  const older = incidentJson('dup', { name: 'Old title', updated_at: '2024-05-01T10:00:00Z' });
  const newer = incidentJson('dup', { name: 'New title', updated_at: '2024-05-01T12:00:00Z' });

  it.each([
    ['newer first', [newer, older]],
    ['older first', [older, newer]],
  ])('one list, %s: one item, the later updated_at wins, logged', (_label, list) => {
    const result = snapshot(bodies({}, list));
    expect(result.incidents.map((i) => i.title)).toEqual(['New title']);
    expect(result.warnings).toEqual([
      'incidents.json incidents: id dup listed twice, kept the newer copy',
    ]);
  });

  it('a tie on updated_at goes to the copy with more updates', () => {
    const longer = incidentJson('dup', {
      name: 'Longer',
      incident_updates: [update('a'), update('b')],
    });
    expect(snapshot(bodies({}, [incidentJson('dup'), longer])).incidents[0]?.title).toBe('Longer');
    expect(snapshot(bodies({}, [longer, incidentJson('dup')])).incidents[0]?.title).toBe('Longer');
  });

  it('across the summary and the history, the fresher copy wins without a warning', () => {
    const resolved = incidentJson('x', {
      status: 'resolved',
      resolved_at: '2024-05-01T11:00:00Z',
      updated_at: '2024-05-01T11:00:00Z',
    });
    const result = snapshot(bodies({ incidents: [incidentJson('x')] }, [resolved]));
    expect(result.incidents).toHaveLength(1);
    expect(result.incidents[0]).toMatchObject({ phase: 'resolved' });
    expect(result.warnings).toEqual([]);
  });

  it('an item listed as a maintenance anywhere stays a maintenance', () => {
    const asMaintenance = incidentJson('m', {
      status: 'in_progress',
      scheduled_for: t0,
      updated_at: '2024-05-01T09:00:00Z',
    });
    const asIncident = incidentJson('m', { updated_at: '2024-05-01T12:00:00Z' });
    const result = snapshot(bodies({}, [asIncident], [asMaintenance]));
    expect(result.incidents[0]).toMatchObject({ kind: 'maintenance', phase: 'in_progress' });
  });

  it('duplicated update ids keep the later edit', () => {
    const timeline = [
      update('u', { body: 'first', updated_at: '2024-05-01T10:00:00Z' }),
      update('u', { body: 'edited', updated_at: '2024-05-02T10:00:00Z' }),
    ];
    const result = snapshot(
      bodies({ incidents: [incidentJson('i', { incident_updates: timeline })] }),
    );
    expect(result.incidents[0]?.updates.map((u) => u.bodyText)).toEqual(['edited']);
  });
});

describe('timeline order and dates (A11, A12)', () => {
  it('sorts by (postedAt, id), falls back from a null display_at to created_at', () => {
    const timeline = [
      update('b', { display_at: '2024-05-01T10:05:00Z' }),
      update('c', { display_at: null, created_at: '2024-05-01T10:01:00+02:00' }),
      update('a', { display_at: '2024-05-01T10:05:00Z' }),
    ];
    const item = snapshot(
      bodies({ incidents: [incidentJson('i', { incident_updates: timeline })] }),
    ).incidents[0];
    expect(item?.updates.map((u) => [u.sourceId, u.postedAt])).toEqual([
      ['c', '2024-05-01T08:01:00.000Z'],
      ['a', '2024-05-01T10:05:00.000Z'],
      ['b', '2024-05-01T10:05:00.000Z'],
    ]);
  });

  it('impossible and zoneless dates are ignored; the next usable time is taken', () => {
    const item = incidentJson('i', {
      started_at: '2024-13-45T99:00:00Z',
      created_at: '2024-05-01 10:00:00',
      incident_updates: [
        update('bad', { display_at: '2024-02-31T00:00:00Z', created_at: 'yesterday' }),
        update('good', { display_at: '2024-05-01T10:02:00Z' }),
      ],
    });
    const result = snapshot(bodies({ incidents: [item] }));
    expect(result.incidents[0]).toMatchObject({ startedAt: '2024-05-01T10:02:00.000Z' });
    expect(result.incidents[0]?.updates.map((u) => u.sourceId)).toEqual(['good']);
    expect(result.warnings).toEqual(['incident i: update bad skipped (no usable time)']);
  });

  it('an incident with no usable time at all is skipped, and the list no longer claims completeness', () => {
    const timeless = incidentJson('t', { created_at: 0, updated_at: null, incident_updates: [] });
    const result = snapshot(bodies({ incidents: [timeless, incidentJson('ok')] }));
    expect(result.incidents.map((i) => i.sourceId)).toEqual(['ok']);
    expect(result.listsAllOpen).toBe(false);
    expect(result.warnings).toEqual(['incident t: skipped (no usable start time)']);
  });

  it('resolvedAt only for closed phases: an open incident with resolved_at stays open', () => {
    const reopened = incidentJson('r', { resolved_at: '2024-05-01T11:00:00Z' });
    expect(snapshot(bodies({ incidents: [reopened] })).incidents[0]?.resolvedAt).toBeNull();
  });

  it('a resolved incident without resolved_at ends at its last update', () => {
    const closed = incidentJson('c', {
      status: 'resolved',
      incident_updates: [update('x', { display_at: '2024-05-01T12:00:00Z' }), update('y')],
    });
    expect(snapshot(bodies({}, [closed])).incidents[0]?.resolvedAt).toBe(
      '2024-05-01T12:00:00.000Z',
    );
  });
});

describe('volume caps (A13)', () => {
  it('keeps 500 items, open ones first, and stops claiming every open item is listed', () => {
    const resolved = Array.from({ length: 550 }, (_, i) =>
      incidentJson(`r${i}`, { status: 'resolved', resolved_at: t0, incident_updates: [] }),
    );
    const result = snapshot(bodies({ incidents: [incidentJson('open')] }, resolved));
    expect(result.incidents).toHaveLength(500);
    expect(result.incidents.some((i) => i.sourceId === 'open')).toBe(true);
    expect(result.listsAllOpen).toBe(false);
    expect(result.warnings).toContain(
      '551 incidents and maintenances listed; kept 500, open ones first',
    );
  });

  it('keeps the newest 500 updates of an incident', () => {
    const timeline = Array.from({ length: 520 }, (_, i) =>
      update(`u${String(i).padStart(3, '0')}`, {
        display_at: new Date(Date.parse(t0) + i * 60_000).toISOString(),
      }),
    );
    const result = snapshot(
      bodies({ incidents: [incidentJson('i', { incident_updates: timeline })] }),
    );
    const updates = result.incidents[0]?.updates ?? [];
    expect(updates).toHaveLength(500);
    expect(updates[0]?.sourceId).toBe('u020');
    expect(updates.at(-1)?.sourceId).toBe('u519');
    expect(result.warnings).toEqual(['incident i: 520 updates, kept the newest 500']);
  });

  it('caps the warnings themselves, at the toolkit’s one cap', () => {
    const junk = Array.from({ length: 300 }, () => 'junk');
    const warnings = snapshot(bodies({ incidents: junk })).warnings;
    expect(warnings).toHaveLength(51);
    expect(warnings.at(-1)).toBe('…and 250 more warnings');
  });
});

describe('hostile strings and keys (A16, A18, A19)', () => {
  it('__proto__, constructor and prototype keys and ids are plain data; nothing is polluted', () => {
    const summary =
      '{"__proto__":{"polluted":true},"page":{"name":"P","__proto__":{"polluted":true}},' +
      '"components":[{"id":"__proto__","name":"Proto","status":"operational"},' +
      '{"id":"constructor","name":"Ctor","status":"major_outage","group_id":"__proto__"}],' +
      `"incidents":[{"id":"__proto__","name":"P","created_at":"${t0}","status":"investigating",` +
      '"impact":"minor","constructor":{"prototype":{"polluted":true}},' +
      '"components":[{"id":"constructor","name":"Old"}]}],"scheduled_maintenances":[]}';
    const result = snapshot({ ...bodies({}), summary });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(result.components.map((c) => [c.id, c.group])).toEqual([['constructor', 'Proto']]);
    expect(result.incidents[0]).toMatchObject({ sourceId: '__proto__', components: ['Ctor'] });
  });

  it('NUL and lone surrogates never reach any stored string', () => {
    const dirty = 'A\u0000B\ud800C\udc00D';
    const item = incidentJson('n\u0000ul', {
      name: dirty,
      incident_updates: [update('u\u0000', { body: dirty })],
      components: [{ id: 'c', name: dirty }],
    });
    const result = snapshot(
      bodies({ components: [{ id: 'k', name: dirty, status: 'operational' }] }, [item]),
    );
    const text = JSON.stringify(result);
    expect(text).not.toMatch(/\\u0000|\\ud800|\\udc00/i);
    expect(result.incidents[0]).toMatchObject({ sourceId: 'nul', title: 'AB\uFFFDC\uFFFDD' });
  });

  it('script, event handlers and javascript: links are gone from bodies; text stays readable', () => {
    const body =
      'Fixed <script>alert(1)</script><img src=x onerror=alert(1)> see ' +
      '<a href="javascript:alert(1)">here</a> and <a href="https://ok.example/x">there</a>';
    const result = snapshot(
      bodies({ incidents: [incidentJson('x', { incident_updates: [update('u', { body })] })] }),
    );
    const stored = result.incidents[0]?.updates[0];
    expect(stored?.body).not.toMatch(/script|onerror|javascript:/i);
    expect(stored?.body).toContain('href="https://ok.example/x"');
    expect(stored?.bodyText).toBe('Fixed  see here and there');
  });

  it('links only to http(s) pages: a javascript: page.url falls back to the configured page', () => {
    const summary = {
      page: { name: 'P', url: 'javascript:alert(1)//' },
      incidents: [incidentJson('a b')],
    };
    expect(snapshot(bodies(summary)).incidents[0]?.sourceUrl).toBe(
      'https://status.example.test/incidents/a%20b',
    );
  });
});

describe('legacy and odd shapes', () => {
  it('reminder_intervals as the string "[]" is harmless', () => {
    const item = incidentJson('r', { reminder_intervals: '[]' });
    expect(snapshot(bodies({ incidents: [item] })).incidents[0]?.sourceId).toBe('r');
  });

  it('a legacy postmortem_body becomes a postmortem entry at its publication time', () => {
    const item = incidentJson('pm', {
      status: 'postmortem',
      resolved_at: '2024-05-01T12:00:00Z',
      postmortem_body: 'Root cause: <b>DNS</b>',
      postmortem_published_at: '2024-05-10T09:00:00Z',
    });
    const result = snapshot(bodies({}, [item])).incidents[0];
    expect(result?.phase).toBe('postmortem');
    expect(result?.updates.at(-1)).toEqual({
      sourceId: 'postmortem',
      phase: 'postmortem',
      postedAt: '2024-05-10T09:00:00.000Z',
      body: 'Root cause: <b>DNS</b>',
      bodyText: 'Root cause: DNS',
      components: null,
    });
  });

  it('"maintenance" in a name alone does not make an incident a maintenance', () => {
    const item = incidentJson('m', {
      name: 'Errors after maintenance',
      components: [{ id: 'c', name: 'API', status: 'major_outage' }],
    });
    expect(snapshot(bodies({ incidents: [item] })).incidents[0]?.kind).toBe('incident');
  });

  it('incident components skip group rows, fall back to given names and deduplicate', () => {
    const components = [
      { id: 'g', name: 'Group', group: true, status: 'operational', position: 1 },
      { id: 'c1', name: 'Current', group_id: 'g', status: 'operational', position: 2 },
    ];
    const item = incidentJson('i', {
      components: [
        { id: 'g', name: 'Group', group: true },
        { id: 'zz', name: 'Gone' },
      ],
      incident_updates: [
        update('u', {
          affected_components: [
            { code: 'c1', name: 'Old name' },
            { code: 'g', name: 'Group' },
            { code: 'zz', name: 'Gone' },
            { name: 'Nameless code' },
          ],
        }),
      ],
    });
    const result = snapshot(bodies({ components, incidents: [item] })).incidents[0];
    // The vendor's order: the incident's own list first, then what updates add.
    expect(result?.components).toEqual(['Gone', 'Current', 'Nameless code']);
    expect(result?.updates[0]?.components).toEqual(['Old name', 'Gone', 'Nameless code']);
  });
});
