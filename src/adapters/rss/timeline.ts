// Statuspage-style feed content holds the timeline as HTML, newest first (docs/platforms.md#rss):
// `<p><small>Jul 3, 07:12 UTC</small><br><strong>Resolved</strong> - text</p>`.
import { monthNumber, zoneOffset } from '../parse-kit/dates.js';
import type { Warnings } from '../parse-kit/warnings.js';

interface TimelineStamp {
  month: number;
  day: number;
  /** Null when the feed leaves the year out (it usually does). */
  year: number | null;
  hour: number;
  minute: number;
  /** `+hh:mm`, or null when the zone is missing or unknown. */
  offset: string | null;
}

export interface TimelineItem {
  /** The display label as written: "Investigating", "Update", "In progress"… */
  label: string;
  stamp: TimelineStamp;
  html: string;
}

/** Longest content we split; a timeline longer than this is cut, never scanned whole. */
const maxContentLength = 2 * 1024 * 1024;

const stampPattern =
  /^([a-z]{3,9})\.?\s+(\d{1,2})(?:\s*,?\s*(\d{4}))?\s*,?\s*(?:-\s*)?(\d{1,2}):(\d{2})\s*([ap]m)?\s*([a-z]{1,5}|[+-]\d{2}:?\d{2})?$/i;
const labelPattern = /^<strong>([^<]{1,60})<\/strong>\s*[-–—:]?\s*/i;

/** The timeline items, newest first as written; [] when the content is not such a timeline. */
export function parseTimeline(html: string, warnings: Warnings, label: string): TimelineItem[] {
  if (html.length > maxContentLength)
    warnings.add(
      `${label}: content of ${html.length} characters; read the first ${maxContentLength}`,
    );
  const chunks = html
    .slice(0, maxContentLength)
    .split(/<small>/i)
    .slice(1);
  const items: TimelineItem[] = [];
  for (const chunk of chunks) {
    const end = chunk.search(/<\/small>/i);
    if (end < 0) continue;
    const stamp = parseStamp(stripTags(chunk.slice(0, end)));
    const rest = chunk.slice(end + '</small>'.length).replace(/^\s*(?:<br\s*\/?>\s*)?/i, '');
    const label = labelPattern.exec(rest);
    if (!stamp || !label) continue;
    items.push({
      label: label[1]!.trim(),
      stamp,
      html: trimParagraphEdges(rest.slice(label[0].length)),
    });
  }
  return items;
}

function parseStamp(text: string): TimelineStamp | null {
  if (text.length > 100) return null;
  const match = stampPattern.exec(text.replace(/\s+/g, ' ').trim());
  if (!match) return null;
  const month = monthNumber(match[1]!);
  if (month === null) return null;
  let hour = Number(match[4]);
  const meridiem = match[6]?.toLowerCase();
  if (meridiem === 'pm' && hour < 12) hour += 12;
  if (meridiem === 'am' && hour === 12) hour = 0;
  return {
    month,
    day: Number(match[2]),
    year: match[3] === undefined ? null : Number(match[3]),
    hour,
    minute: Number(match[5]),
    offset: match[7] === undefined ? null : zoneOffset(match[7]),
  };
}

function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, '');
}

/** Drops the `</p><p>` left between two items by the split. */
function trimParagraphEdges(html: string): string {
  let text = html.trimEnd();
  if (text.toLowerCase().endsWith('<p>')) text = text.slice(0, -3).trimEnd();
  if (text.toLowerCase().endsWith('</p>')) text = text.slice(0, -4).trimEnd();
  return text;
}
