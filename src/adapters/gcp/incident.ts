// One Google Cloud incident. Updates are newest first and carry no ids; an AVAILABLE update
// marks the recovery, and an AVAILABLE update after that is the incident report (postmortem).
import type { ObservedIncident, ObservedUpdate } from '../../domain/snapshot.js';
import { compareImpact } from '../../domain/status.js';
import type { Impact, Phase } from '../../domain/vocabulary.js';
import { parseVendorTime } from '../parse-kit/dates.js';
import { uniqueIds } from '../parse-kit/ids.js';
import { buildUpdate, finishIncident, safeHttpUrl } from '../parse-kit/incident-parts.js';
import { asId, asList, asRecord, asText, type JsonObject } from '../parse-kit/lenient.js';
import { capList, type Warnings } from '../parse-kit/warnings.js';
import { impactOfSeverity, impactOfStatus, isAvailable } from './enums.js';

export interface ProductRef {
  id: string | null;
  title: string;
}

export function affectedProducts(item: JsonObject): ProductRef[] {
  return asList(item.affected_products).flatMap((raw) => {
    const product = asRecord(raw);
    const title = asText(product?.title);
    return title === null ? [] : [{ id: asId(product?.id), title }];
  });
}

export function readIncident(
  raw: unknown,
  base: string,
  warnings: Warnings,
): ObservedIncident | null {
  const item = asRecord(raw);
  const id = asId(item?.id);
  if (!item || id === null) {
    warnings.add('incident without an id; skipped');
    return null;
  }
  const startedAt = parseVendorTime(item.begin) ?? parseVendorTime(item.created);
  if (startedAt === null) {
    warnings.add(`incident ${id}: no usable begin time; skipped`);
    return null;
  }
  const end = parseVendorTime(item.end);
  const updates = readUpdates(item, id, end !== null, warnings);
  const phase: Phase =
    end !== null
      ? updates.some((u) => u.phase === 'postmortem')
        ? 'postmortem'
        : 'resolved'
      : (updates.at(-1)?.phase ?? 'investigating');
  return finishIncident(
    {
      sourceId: id,
      title: asText(item.external_desc) ?? asText(item.service_name) ?? '',
      kind: 'incident',
      impact: impactOf(item, id, warnings),
      phase,
      startedAt,
      resolvedAt: end === null ? null : end > startedAt ? end : startedAt,
      sourceUrl:
        safeHttpUrl(asText(item.uri), `${base}/`) ??
        safeHttpUrl(`incidents/${encodeURIComponent(id)}`, `${base}/`),
      components: affectedProducts(item).map((product) => product.title),
      updates,
      scheduledFor: null,
      scheduledUntil: null,
    },
    warnings,
  );
}

/** The worse of `status_impact` and `severity`; neither known reads as minor. */
function impactOf(item: JsonObject, id: string, warnings: Warnings): Impact {
  const known = [impactOfStatus(item.status_impact), impactOfSeverity(item.severity)].flatMap(
    (i) => i ?? [],
  );
  if (known.length === 0) {
    warnings.add(`incident ${id}: unknown status_impact and severity; read as minor`);
    return 'minor';
  }
  return known.reduce((worst, impact) => (compareImpact(impact, worst) > 0 ? impact : worst));
}

function readUpdates(
  item: JsonObject,
  id: string,
  ended: boolean,
  warnings: Warnings,
): ObservedUpdate[] {
  const rows = capList(asList(item.updates), `incident ${id} updates`, warnings).flatMap((raw) => {
    const update = asRecord(raw);
    const postedAt = parseVendorTime(update?.created) ?? parseVendorTime(update?.when);
    if (!update || postedAt === null) {
      warnings.add(`incident ${id}: update without a usable time; skipped`);
      return [];
    }
    return [{ update, postedAt }];
  });
  rows.sort((a, b) => (a.postedAt < b.postedAt ? -1 : a.postedAt > b.postedAt ? 1 : 0));
  const ids = uniqueIds(rows, (row) => `u${row.postedAt.replace(/[^0-9]/g, '')}`);
  let recovered = false;
  return rows.map(({ update, postedAt }, index) => {
    let phase: Phase;
    if (!isAvailable(update.status)) {
      recovered = false;
      phase = 'investigating';
    } else if (recovered) phase = 'postmortem';
    else {
      recovered = true;
      phase = ended ? 'resolved' : 'monitoring';
    }
    return buildUpdate({
      sourceId: ids[index]!,
      phase,
      raw: asText(update.text) ?? '',
      postedAt,
      components: null,
    });
  });
}
