// What the offline demo leans on: a start delay that keeps the baseline served until a poller is
// watching, and the webhook inbox that shows the notifications arrive.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTimeline, startSimulator } from './index.js';
import type { InboxRecord } from './inbox.js';

const balenaPath = fileURLToPath(
  new URL('../../test/fixtures/timelines/balena-2025-09-10.json', import.meta.url),
);

async function incidentCount(baseUrl: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/v2/incidents.json`);
  return ((await response.json()) as { incidents: unknown[] }).incidents.length;
}

describe('the simulator for the offline demo', () => {
  it('holds the timeline until startDelayMs has passed, serving the baseline meanwhile', async () => {
    const timeline = await loadTimeline(balenaPath);
    const sim = await startSimulator({ timeline, startDelayMs: 2500 });
    try {
      const baseUrl = sim.vendors[0]!.baseUrl;
      // The file's first change is due 1.5 s after start; with the delay it is not there at 2 s.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(await incidentCount(baseUrl)).toBe(0);
      expect(sim.visibility()).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(await incidentCount(baseUrl)).toBe(1);
    } finally {
      await sim.close();
    }
  });

  it('keeps and reports each webhook POSTed to /_sim/inbox', async () => {
    const timeline = await loadTimeline(balenaPath);
    const heard: InboxRecord[] = [];
    const sim = await startSimulator({ timeline, onDelivery: (record) => heard.push(record) });
    try {
      const posted = await fetch(`${sim.controlUrl}/_sim/inbox`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-vendorwatch-event': 'incident.opened',
          'x-vendorwatch-delivery': 'hook:evt_1',
        },
        body: JSON.stringify({ vendor: { slug: 'balena' }, incident: { title: 'API is down' } }),
      });
      expect(posted.status).toBe(204);
      const expected = {
        event: 'incident.opened',
        delivery: 'hook:evt_1',
        vendor: 'balena',
        subject: 'API is down',
      };
      expect(heard).toEqual([expect.objectContaining(expected)]);
      const listed = (await (await fetch(`${sim.controlUrl}/_sim/inbox`)).json()) as {
        records: InboxRecord[];
      };
      expect(listed.records).toEqual([expect.objectContaining(expected)]);
      expect(sim.inbox()).toHaveLength(1);
    } finally {
      await sim.close();
    }
  });
});
