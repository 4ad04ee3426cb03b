// Slack often appends a long note after resolving an incident, days or weeks later: in a real
// history of 116 incidents, 78 end with one ("Issue Summary:", "Technical Summary", "Summary of
// impact", "Root cause"…). Such notes are the postmortem; the resolution is the note before them.
import type { Note } from './incident.js';

/** Headings that name a written-up summary on their own. */
const summaryHeading =
  /^\s*(?:(?:issue|incident|technical|outage|event|service)\s+summary|summary\s+of\s+(?:the\s+)?(?:impact|incident|issue|event|outage|disruption)|root[- ]cause(?:\s+analysis)?|post[- ]?mortem|post[- ]incident\s+(?:review|report|summary)|retrospective|incident\s+report|rca)\b/i;

/** A bare "Summary:" is a postmortem only after a note that already said it was resolved. */
const bareSummaryHeading = /^\s*summary\s*[:\-–—\n]/i;

const resolvedWording =
  /\b(?:resolved|fixed|restored|recovered|all clear|back to normal|normally again|(?:working|running|sending|loading|operating|behaving)\s+(?:normally|as expected))\b/i;

/** Index of the first of the trailing summary notes (`notes.length` when none); never note 0. */
export function firstTrailingSummary(notes: readonly Note[]): number {
  let start = notes.length;
  while (start > 1 && isSummary(notes[start - 1]!, notes[start - 2]!)) start -= 1;
  return start;
}

function isSummary(note: Note, previous: Note): boolean {
  const head = note.body.slice(0, 200);
  if (summaryHeading.test(head)) return true;
  return bareSummaryHeading.test(head) && resolvedWording.test(previous.body.slice(0, 2000));
}
