// The maintenance calendars, read back with a maintained parser (ical.js): times and UIDs
// round-trip, a rescheduled window keeps its UID with a higher SEQUENCE, a window the vendor
// withdrew or closed before it began is CANCELLED. The store is filled through the real poll path,
// on a SQLite file and on PostgreSQL.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../test/test-support/databases.js';
import type { ObservedIncident } from '../../domain/snapshot.js';
import { databaseOpeners } from '../../store/test-support/database-openers.js';
import {
  addVendors,
  at,
  incident,
  poll,
  snapshot,
  update,
} from '../../store/test-support/harness.js';
import type { Store } from '../../store/index.js';
import { createApp } from '../app.js';

const openerFor = databaseOpeners('calendar');

interface ParsedEvent {
  uid: string;
  sequence: number;
  start: string;
  end: string | null;
  status: string;
  summary: string;
  url: string;
}

function parseCalendar(text: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      sequence: event.sequence,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate ? event.endDate.toJSDate().toISOString() : null,
      status: String(vevent.getFirstPropertyValue('status')),
      summary: event.summary,
      url: String(vevent.getFirstPropertyValue('url')),
    };
  });
}

/** A Statuspage-style maintenance: its start is its scheduled start. */
function maintenance(
  sourceId: string,
  from: number,
  until: number,
  overrides: Partial<ObservedIncident> = {},
): ObservedIncident {
  return incident(sourceId, {
    kind: 'maintenance',
    impact: 'maintenance',
    phase: 'scheduled',
    startedAt: at(from),
    scheduledFor: at(from),
    scheduledUntil: at(until),
    components: ['API'],
    updates: [update(`${sourceId}-u1`, 'scheduled', at(0))],
    ...overrides,
  });
}

async function fetchCalendar(store: Store, path: string, now: string, headers = {}) {
  const app = createApp({ db: store.db, now: () => now });
  return app.request(`http://vw.test${path}`, { headers });
}

describe.each(databaseKinds)('maintenance calendars on %s', (kind) => {
  const opener = openerFor(kind);

  it('follows reschedules and cancellations with stable UIDs and rising SEQUENCE', async () => {
    const { store } = await opener.fresh();
    await addVendors(store, ['acme', 'other']);
    const hostileTitle = 'DB upgrade; step 1, part\\2\nBEGIN:VEVENT';
    await poll(
      store,
      'acme',
      snapshot([
        maintenance('moved', 100, 160, { title: hostileTitle }),
        maintenance('dropped', 200, 260),
        maintenance('closed-early', 300, 360),
        maintenance('held', -100, -40, {
          phase: 'completed',
          resolvedAt: at(-40),
          updates: [update('held-u1', 'completed', at(-40))],
        }),
      ]),
      at(1),
    );
    await poll(store, 'other', snapshot([maintenance('o1', 500, 560)]), at(1));

    const before = parseCalendar(
      await (await fetchCalendar(store, '/maintenances.ics', at(2))).text(),
    );
    const byUid = (events: ParsedEvent[], id: string) => {
      const event = events.find((e) => e.uid === `${id}@vw.test`);
      if (!event) throw new Error(`no event ${id} in ${events.map((e) => e.uid).join(', ')}`);
      return event;
    };
    expect(before.map((e) => e.uid).sort()).toEqual(
      ['acme-closed-early', 'acme-dropped', 'acme-held', 'acme-moved', 'other-o1']
        .map((id) => `${id}@vw.test`)
        .sort(),
    );
    const moved = byUid(before, 'acme-moved');
    expect(moved).toMatchObject({
      sequence: 0,
      start: at(100),
      end: at(160),
      status: 'CONFIRMED',
      summary: `Acme: ${hostileTitle}`,
      url: 'http://vw.test/incidents/acme-moved',
    });
    expect(byUid(before, 'acme-held')).toMatchObject({ status: 'CONFIRMED', start: at(-100) });

    // The vendor moves one window, drops another before it began, closes a third early.
    await poll(
      store,
      'acme',
      snapshot([
        maintenance('moved', 130, 190, { title: hostileTitle }),
        maintenance('closed-early', 300, 360, {
          phase: 'completed',
          resolvedAt: at(3),
          updates: [
            update('closed-early-u1', 'scheduled', at(0)),
            update('closed-early-u2', 'completed', at(3)),
          ],
        }),
        maintenance('held', -100, -40, {
          phase: 'completed',
          resolvedAt: at(-40),
          updates: [update('held-u1', 'completed', at(-40))],
        }),
      ]),
      at(3),
    );
    const response = await fetchCalendar(store, '/maintenances.ics', at(4));
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const after = parseCalendar(await response.text());
    const rescheduled = byUid(after, 'acme-moved');
    expect(rescheduled).toMatchObject({ start: at(130), end: at(190), status: 'CONFIRMED' });
    expect(rescheduled.sequence).toBeGreaterThan(moved.sequence);
    for (const id of ['acme-dropped', 'acme-closed-early']) {
      const cancelled = byUid(after, id);
      expect(cancelled.status, id).toBe('CANCELLED');
      expect(cancelled.sequence, id).toBeGreaterThan(byUid(before, id).sequence);
    }
    // A window that ran is not a cancellation, and nothing else moved.
    expect(byUid(after, 'acme-held')).toEqual(byUid(before, 'acme-held'));
    expect(byUid(after, 'other-o1')).toEqual(byUid(before, 'other-o1'));

    // Only the end moves (platforms whose start is not the scheduled start): still a change.
    await poll(
      store,
      'acme',
      snapshot([maintenance('moved', 130, 220, { title: hostileTitle })]),
      at(5),
    );
    const extended = byUid(
      parseCalendar(await (await fetchCalendar(store, '/maintenances.ics', at(6))).text()),
      'acme-moved',
    );
    expect(extended).toMatchObject({ start: at(130), end: at(220) });
    expect(extended.sequence).toBeGreaterThan(rescheduled.sequence);

    // The vendor's own calendar holds its windows only; an unknown vendor is a 404.
    const vendorCalendar = parseCalendar(
      await (await fetchCalendar(store, '/vendors/other/maintenances.ics', at(4))).text(),
    );
    expect(vendorCalendar.map((e) => e.uid)).toEqual(['other-o1@vw.test']);
    expect((await fetchCalendar(store, '/vendors/nobody/maintenances.ics', at(4))).status).toBe(
      404,
    );

    // Same data, same bytes: revalidation costs a 304.
    const latest = await fetchCalendar(store, '/maintenances.ics', at(6));
    const etag = latest.headers.get('etag')!;
    const again = await fetchCalendar(store, '/maintenances.ics', at(7), { 'if-none-match': etag });
    expect(again.status).toBe(304);
  });

  it('leaves out windows that ended more than 90 days ago, keeps open ones however old', async () => {
    const { store } = await opener.fresh();
    await addVendors(store, ['acme']);
    const day = 24 * 60;
    await poll(
      store,
      'acme',
      snapshot([
        maintenance('old', -100 * day, -100 * day + 60, {
          phase: 'completed',
          resolvedAt: at(-100 * day + 60),
          updates: [update('old-u1', 'completed', at(-100 * day + 60))],
        }),
        maintenance('old-open', -100 * day, -100 * day + 60, {
          phase: 'in_progress',
          updates: [update('old-open-u1', 'in_progress', at(-100 * day))],
        }),
        maintenance('recent', -10 * day, -10 * day + 60),
      ]),
      at(0),
    );
    const events = parseCalendar(
      await (await fetchCalendar(store, '/maintenances.ics', at(1))).text(),
    );
    expect(events.map((e) => e.uid).sort()).toEqual([
      'acme-old-open@vw.test',
      'acme-recent@vw.test',
    ]);
  });
});
