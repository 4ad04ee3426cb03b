// The webhook shapes a push may have (docs/push.md), from the providers' documented examples.
import { describe, expect, it } from 'vitest';
import { readPush } from './push-payload.js';

const meta = { unsubscribe: 'https://status.example/unsubscribe/x', documentation: 'https://x' };
const page = { id: 'p1', status_indicator: 'major', status_description: 'Partial outage' };

describe('readPush', () => {
  it('reads Statuspage incident and component webhooks', () => {
    const incident = {
      meta,
      page,
      incident: { id: 'i1', name: 'API errors', status: 'investigating', incident_updates: [] },
    };
    expect(readPush(JSON.stringify(incident))).toEqual({ ok: true, kind: 'statuspage.incident' });
    const component = {
      meta,
      page,
      component_update: { id: 'u1', old_status: 'operational', new_status: 'major_outage' },
      component: { id: 'c1', name: 'API', status: 'major_outage' },
    };
    expect(readPush(JSON.stringify(component))).toEqual({
      ok: true,
      kind: 'statuspage.component',
    });
  });

  it('reads Instatus maintenance and event_type webhooks (incident.io, Better Stack)', () => {
    expect(readPush(JSON.stringify({ meta, page, maintenance: { id: 'm1' } }))).toEqual({
      ok: true,
      kind: 'statuspage.maintenance',
    });
    expect(
      readPush(JSON.stringify({ event_type: 'public_incident.incident_created_v2', data: {} })),
    ).toEqual({ ok: true, kind: 'event' });
  });

  it('refuses what is not JSON or not a webhook it knows', () => {
    for (const body of ['', '{"page":', '<html>', '[]', '"x"', 'null', '{}', '{"event_type":""}']) {
      expect(readPush(body).ok, body).toBe(false);
    }
    expect(readPush('{"incident":"x"}').ok).toBe(false);
  });
});
