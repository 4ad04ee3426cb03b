// The legacy Service Health Dashboard `data.json` (docs/platforms.md#aws): `{archive, current}`,
// items without ids (service + epoch start identify one), HTML descriptions in Pacific time.
import type { ObservedIncident } from '../../domain/snapshot.js';
import { parseEpoch } from '../../domain/time.js';
import { buildUpdate, finishIncident } from '../parse-kit/incident-parts.js';
import { asRecord, asText } from '../parse-kit/lenient.js';
import type { Warnings } from '../parse-kit/warnings.js';
import { impactOfCode, splitResolvedPrefix, statusCode } from './enums.js';
import { parseLegacyTimeline } from './legacy-timeline.js';

export interface LegacyItem {
  incident: ObservedIncident;
  service: { id: string; name: string; code: number | null } | null;
}

export function readLegacyItem(
  raw: unknown,
  archived: boolean,
  warnings: Warnings,
): LegacyItem | null {
  const item = asRecord(raw);
  const startedAt = parseEpoch(item?.date, 's');
  const service = asText(item?.service);
  if (!item || startedAt === null || service === null) {
    warnings.add('legacy item without a service or a usable epoch date; skipped');
    return null;
  }
  const sourceId = `${service}-${String(item.date).trim()}`;
  const { resolved, title } = splitResolvedPrefix(asText(item.summary) ?? '');
  const code = statusCode(item.status);
  const closed = archived || resolved || code === 0;
  const timeline = parseLegacyTimeline(
    asText(item.description) ?? '',
    startedAt,
    warnings,
    `item ${sourceId}`,
  );
  const entries =
    timeline.length > 0
      ? timeline
      : [{ postedAt: startedAt, html: asText(item.description) ?? title }];
  const updates = entries.map((entry, index) =>
    buildUpdate({
      sourceId: `${sourceId}-${String(index + 1).padStart(3, '0')}`,
      phase: closed && index === entries.length - 1 ? 'resolved' : 'investigating',
      raw: entry.html,
      postedAt: entry.postedAt,
      components: null,
    }),
  );
  const lastAt = updates.at(-1)?.postedAt ?? startedAt;
  const name = asText(item.service_name) ?? service;
  const incident = finishIncident(
    {
      sourceId,
      title,
      kind: 'incident',
      impact: impactOfCode(code) ?? 'minor',
      phase: closed ? 'resolved' : 'investigating',
      startedAt,
      resolvedAt: closed ? (lastAt > startedAt ? lastAt : startedAt) : null,
      sourceUrl: null,
      components: [name],
      updates,
      scheduledFor: null,
      scheduledUntil: null,
    },
    warnings,
  );
  return { incident, service: { id: service, name, code: closed ? 0 : code } };
}
