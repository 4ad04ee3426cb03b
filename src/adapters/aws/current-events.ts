// health.aws.amazon.com/public/currentevents (docs/platforms.md#aws): an array of events with ARNs,
// epoch-second times and an event log; an empty array means all clear.
import { compareImpact } from '../../domain/status.js';
import { parseEpoch } from '../../domain/time.js';
import type { Impact } from '../../domain/vocabulary.js';
import { uniqueIds } from '../parse-kit/ids.js';
import { buildUpdate, finishIncident } from '../parse-kit/incident-parts.js';
import { asId, asList, asRecord, asText, type JsonObject } from '../parse-kit/lenient.js';
import { capList, maxNamesPerItem, type Warnings } from '../parse-kit/warnings.js';
import { impactOfCode, splitResolvedPrefix, statusCode } from './enums.js';
import type { LegacyItem } from './legacy.js';

export function readCurrentEvent(raw: unknown, warnings: Warnings): LegacyItem[] | null {
  const event = asRecord(raw);
  const arn = asId(event?.arn);
  const service = asText(event?.service);
  const sourceId = arn ?? (service !== null ? `${service}-${String(event?.date)}` : null);
  if (!event || sourceId === null) {
    warnings.add('event without an arn or service; skipped');
    return null;
  }
  const log = capList(asList(event.event_log), `event ${sourceId} log`, warnings).flatMap((raw) => {
    const entry = asRecord(raw);
    const postedAt = parseEpoch(entry?.timestamp, 's');
    return entry && postedAt !== null ? [{ entry, postedAt }] : [];
  });
  log.sort((a, b) => (a.postedAt < b.postedAt ? -1 : a.postedAt > b.postedAt ? 1 : 0));
  const startedAt = parseEpoch(event.date, 's') ?? log[0]?.postedAt ?? null;
  if (startedAt === null) {
    warnings.add(`event ${sourceId}: no usable time; skipped`);
    return null;
  }
  const { resolved, title } = splitResolvedPrefix(asText(event.summary) ?? '');
  const code = statusCode(event.status);
  const closed = resolved || code === 0;
  const ids = uniqueIds(log, ({ postedAt }) => `t${postedAt.replace(/[^0-9]/g, '')}`);
  const updates = log.map(({ entry, postedAt }, index) =>
    buildUpdate({
      sourceId: ids[index]!,
      phase: closed && index === log.length - 1 ? 'resolved' : 'investigating',
      raw: asText(entry.message) ?? asText(entry.summary) ?? '',
      postedAt,
      components: null,
    }),
  );
  const codes = [code, ...log.map(({ entry }) => statusCode(entry.status))];
  const impacts = codes.flatMap((c) => impactOfCode(c) ?? []);
  const impact = impacts.reduce<Impact>(
    (w, i) => (compareImpact(i, w) > 0 ? i : w),
    impacts[0] ?? 'minor',
  );
  const services = impactedServices(event, sourceId, warnings);
  const lastAt = updates.at(-1)?.postedAt ?? startedAt;
  const incident = finishIncident(
    {
      sourceId,
      title,
      kind: 'incident',
      impact,
      phase: closed ? 'resolved' : 'investigating',
      startedAt,
      resolvedAt: closed ? (lastAt > startedAt ? lastAt : startedAt) : null,
      sourceUrl: null,
      components: services.map((s) => s.name),
      updates,
      scheduledFor: null,
      scheduledUntil: null,
    },
    warnings,
  );
  return services.length === 0
    ? [{ incident, service: null }]
    : services.map((service) => ({
        incident,
        service: closed ? { ...service, code: 0 } : service,
      }));
}

/** `impacted_services` keyed by service code, else the event's own service; names carry the region. */
function impactedServices(
  event: JsonObject,
  sourceId: string,
  warnings: Warnings,
): Array<{ id: string; name: string; code: number | null }> {
  const region = asText(event.region_name);
  const withRegion = (name: string) =>
    region !== null && !name.includes(region) ? `${name} (${region})` : name;
  const impacted = asRecord(event.impacted_services);
  const keys = Object.keys(impacted ?? {});
  const listed = capList(
    keys,
    `event ${sourceId} impacted_services`,
    warnings,
    maxNamesPerItem,
  ).flatMap((key) => {
    const entry = asRecord(impacted?.[key]);
    const name = asText(entry?.service_name) ?? key;
    const id = region === null ? key : `${key}:${region}`;
    return entry ? [{ id, name: withRegion(name), code: statusCode(entry.current) }] : [];
  });
  if (listed.length > 0) return listed;
  const service = asText(event.service);
  const name = asText(event.service_name);
  return service !== null
    ? [{ id: service, name: withRegion(name ?? service), code: statusCode(event.status) }]
    : [];
}
