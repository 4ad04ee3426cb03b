// The legacy dashboard's `description`: one `<div><span class="yellowfg">12:53 PM PDT</span>
// &nbsp;text</div>` per update, oldest first, times of day in Pacific time without a date.
// The date comes from the event's epoch start; a time earlier than the previous one is the next day.
import { instantFromWallClock, monthNumber, zoneOffset } from '../parse-kit/dates.js';
import type { Warnings } from '../parse-kit/warnings.js';

interface LegacyUpdate {
  postedAt: string;
  html: string;
}

const maxDescription = 512 * 1024;
const stampPattern =
  /^\s*(?:([a-z]{3})\s+(\d{1,2}),?\s+)?(\d{1,2}):(\d{2})\s*([ap]m)\s*([a-z]{2,5})\s*$/i;
const dayMs = 24 * 3600 * 1000;

export function parseLegacyTimeline(
  description: string,
  startedAt: string,
  warnings: Warnings,
  label: string,
): LegacyUpdate[] {
  if (description.length > maxDescription)
    warnings.add(
      `${label}: description of ${description.length} characters; read the first ${maxDescription}`,
    );
  const chunks = description
    .slice(0, maxDescription)
    .split(/<span class="yellowfg">/i)
    .slice(1);
  const updates: LegacyUpdate[] = [];
  let previousMs = Date.parse(startedAt) - 60_000;
  for (const chunk of chunks) {
    const end = chunk.search(/<\/span>/i);
    if (end < 0 || end > 60) continue;
    const stamp = stampPattern.exec(chunk.slice(0, end));
    const offset = stamp ? zoneOffset(stamp[6]!) : null;
    if (!stamp || offset === null) continue;
    let hour = Number(stamp[3]) % 12;
    if (stamp[5]!.toLowerCase() === 'pm') hour += 12;
    const explicitMonth = stamp[1] === undefined ? null : monthNumber(stamp[1]);
    const local = new Date(previousMs + offsetMs(offset));
    const wall = {
      year: local.getUTCFullYear(),
      month: explicitMonth ?? local.getUTCMonth() + 1,
      day: stamp[2] === undefined ? local.getUTCDate() : Number(stamp[2]),
      hour,
      minute: Number(stamp[4]),
      second: 0,
      offset,
    };
    let instant = instantFromWallClock(wall);
    if (instant === null) continue;
    // Backdated by more than a few minutes with no date given: the day rolled over.
    if (explicitMonth === null && Date.parse(instant) < previousMs - 5 * 60_000) {
      instant = new Date(Date.parse(instant) + dayMs).toISOString();
    }
    previousMs = Date.parse(instant);
    const html = chunk
      .slice(end + '</span>'.length)
      .replace(/^(?:\s|&nbsp;)+/i, '')
      .replace(/<\/div>\s*(?:<div>)?\s*$/i, '');
    updates.push({ postedAt: instant, html });
  }
  return updates;
}

function offsetMs(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;
}
