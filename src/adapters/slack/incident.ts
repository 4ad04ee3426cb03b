// One Slack incident, outage, notice or maintenance. Notes carry no ids and no phase: the last
// note carries the item's phase, earlier ones the opening phase, and summary notes posted after
// the resolution ("Issue Summary:", "Technical Summary", …) are the postmortem (summary-notes.ts).
import type { ObservedIncident, ObservedUpdate } from '../../domain/snapshot.js';
import type { Phase } from '../../domain/vocabulary.js';
import { parseVendorTime } from '../parse-kit/dates.js';
import { uniqueIds } from '../parse-kit/ids.js';
import {
  buildUpdate,
  finishIncident,
  safeHttpUrl,
  sortUpdates,
} from '../parse-kit/incident-parts.js';
import { asId, asList, asRecord, asText } from '../parse-kit/lenient.js';
import { capList, type Warnings } from '../parse-kit/warnings.js';
import { impactOfType, isMaintenance, phaseOf } from './enums.js';
import { firstTrailingSummary } from './summary-notes.js';

export function readItem(
  raw: unknown,
  baseUrl: string,
  warnings: Warnings,
): ObservedIncident | null {
  const item = asRecord(raw);
  const id = asId(item?.id);
  if (!item || id === null) {
    warnings.add('incident without an id; skipped');
    return null;
  }
  const maintenance = isMaintenance(item.type, item.status);
  let phase = phaseOf(item.status, maintenance);
  if (phase === null) {
    warnings.add(`incident ${id}: unknown status; read as open`);
    phase = maintenance ? 'scheduled' : 'investigating';
  }
  let impact = maintenance ? 'maintenance' : impactOfType(item.type);
  if (impact === null || (impact === 'maintenance' && !maintenance)) {
    warnings.add(`incident ${id}: unknown type; read as minor`);
    impact = 'minor';
  }
  const notes = readNotes(item.notes, id, warnings);
  const updates = assignPhases(notes, phase, maintenance);
  const startedAt = parseVendorTime(item.date_created) ?? updates[0]?.postedAt ?? null;
  if (startedAt === null) {
    warnings.add(`incident ${id}: no usable time; skipped`);
    return null;
  }
  const closedAt =
    updates.findLast((u) => u.phase === 'resolved' || u.phase === 'completed')?.postedAt ??
    parseVendorTime(item.date_updated);
  const finalPhase: Phase = updates.some((u) => u.phase === 'postmortem') ? 'postmortem' : phase;
  const closed =
    finalPhase === 'resolved' || finalPhase === 'postmortem' || finalPhase === 'completed';
  return finishIncident(
    {
      sourceId: id,
      title: asText(item.title) ?? '',
      kind: maintenance ? 'maintenance' : 'incident',
      impact,
      phase: finalPhase,
      startedAt,
      resolvedAt: closed
        ? closedAt !== null && closedAt > startedAt
          ? closedAt
          : startedAt
        : null,
      sourceUrl: safeHttpUrl(item.url, baseUrl),
      components: asList(item.services).flatMap((service) => asText(service) ?? []),
      updates,
      scheduledFor: null,
      scheduledUntil: null,
    },
    warnings,
  );
}

export interface Note {
  postedAt: string;
  body: string;
}

function readNotes(value: unknown, id: string, warnings: Warnings): Note[] {
  const notes = capList(asList(value), `incident ${id} notes`, warnings).flatMap((raw) => {
    const note = asRecord(raw);
    const postedAt = parseVendorTime(note?.date_created);
    if (postedAt === null) {
      warnings.add(`incident ${id}: note without a usable time; skipped`);
      return [];
    }
    return [{ postedAt, body: asText(note?.body) ?? '' }];
  });
  return notes.sort((a, b) => (a.postedAt < b.postedAt ? -1 : a.postedAt > b.postedAt ? 1 : 0));
}

function assignPhases(notes: Note[], phase: Phase, maintenance: boolean): ObservedUpdate[] {
  const opening: Phase = maintenance ? 'scheduled' : 'investigating';
  const closed = phase === 'resolved' || phase === 'completed';
  // The resolution is the last note that is not a summary written afterwards.
  const summaryStart = closed && !maintenance ? firstTrailingSummary(notes) : notes.length;
  const ids = uniqueIds(notes, (note) => `n${note.postedAt.replace(/[^0-9]/g, '')}`);
  return sortUpdates(
    notes.map((note, index) => {
      let notePhase: Phase = opening;
      if (index >= summaryStart) notePhase = 'postmortem';
      else if (index === summaryStart - 1) notePhase = phase;
      return buildUpdate({
        sourceId: ids[index]!,
        phase: notePhase,
        raw: note.body,
        postedAt: note.postedAt,
        components: null,
      });
    }),
  );
}
