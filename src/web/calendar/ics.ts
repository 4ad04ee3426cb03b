// Maintenance windows as an RFC 5545 calendar, written by ical-generator (which folds lines and
// escapes text); pure, so the same windows give the same bytes and the same ETag.
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { calendarEntry } from '../../domain/maintenance-calendar.js';
import type { CalendarWindow } from '../../store/index.js';

export interface CalendarMeta {
  name: string;
  /** vendorwatch's origin: links to the incident pages. */
  origin: string;
  /** The host in every UID, so UIDs stay unique beside other calendars. */
  host: string;
  vendorName: (slug: string) => string;
}

export function renderMaintenanceCalendar(
  meta: CalendarMeta,
  windows: readonly CalendarWindow[],
): string {
  const calendar = ical({
    name: meta.name,
    prodId: { company: 'vendorwatch', product: 'maintenance-calendar', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const window of windows) {
    const { maintenance } = window;
    const entry = calendarEntry(maintenance, window.revisionCount, meta.host);
    const link = `${meta.origin}/incidents/${encodeURIComponent(maintenance.id)}`;
    const lines = [
      maintenance.components.length > 0 ? `Affects: ${maintenance.components.join(', ')}` : null,
      maintenance.sourceUrl ? `Vendor page: ${maintenance.sourceUrl}` : null,
      `vendorwatch: ${link}`,
    ];
    calendar.createEvent({
      id: entry.uid,
      sequence: entry.sequence,
      start: new Date(entry.start),
      end: entry.end === null ? null : new Date(entry.end),
      stamp: new Date(window.updatedAt),
      lastModified: new Date(window.updatedAt),
      created: new Date(maintenance.detectedAt),
      summary: `${meta.vendorName(maintenance.vendorSlug)}: ${maintenance.title}`,
      description: lines.filter((line) => line !== null).join('\n'),
      url: link,
      status: entry.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
