// incident.io's rich front-end JSON, `/proxy/<host>` (docs/platforms.md#incidentio-proxy-json):
// groups, hidden components, per-incident affected components and worst impact. Undocumented, so it
// only enriches the compat data and every field is optional.
import { maintenancePhaseAt } from '../../domain/maintenance-window.js';
import type { ObservedIncident, ObservedUpdate } from '../../domain/snapshot.js';
import type { ComponentStatus } from '../../domain/vocabulary.js';
import { worstStatus } from '../../domain/status.js';
import { cleanLabel } from '../../domain/text.js';
import { parseVendorTime } from '../parse-kit/dates.js';
import { hashId } from '../parse-kit/ids.js';
import { buildUpdate, closedSince, finishIncident } from '../parse-kit/incident-parts.js';
import { asId, asList, asRecord, asText, type JsonObject } from '../parse-kit/lenient.js';
import { capList, type Warnings } from '../parse-kit/warnings.js';
import { fitPhase } from './compat.js';
import { componentStatusOf, impactOf, phaseOf } from './enums.js';
import { richTextToPlain } from './rich-text.js';

interface ProxyComponent {
  id: string;
  name: string;
  group: string | null;
}

export interface ProxyPage {
  /** Visible components in the page's own order, with their groups. */
  components: ProxyComponent[];
  hidden: Set<string>;
  /** Non-operational statuses; a component absent here is operational. */
  statuses: Map<string, ComponentStatus>;
  incidents: ObservedIncident[];
}

export function readProxy(
  root: JsonObject,
  linkBase: string | null,
  warnings: Warnings,
  observedAt: string | null,
): ProxyPage | null {
  const summary = asRecord(root.summary);
  if (!summary) return null;
  const { components, hidden } = readStructure(summary, warnings);
  const names = new Map<string, string>();
  for (const raw of asList(summary.components)) {
    const row = asRecord(raw);
    const id = asId(row?.component_id ?? row?.id);
    const name = cleanLabel(asText(row?.name) ?? '');
    if (id !== null && name !== '') names.set(id, name);
  }
  for (const component of components) names.set(component.id, component.name);
  const statuses = readStatuses(summary.affected_components);
  const context = { names, linkBase, warnings, observedAt };
  const incidents = [
    ...capList(asList(summary.ongoing_incidents), 'proxy incidents', warnings).map((raw) =>
      readProxyItem(raw, false, context),
    ),
    ...capList(asList(summary.scheduled_maintenances), 'proxy maintenances', warnings).map((raw) =>
      readProxyItem(raw, true, context),
    ),
  ].filter((incident): incident is ObservedIncident => incident !== null);
  return { components, hidden, statuses, incidents };
}

function readStructure(
  summary: JsonObject,
  warnings: Warnings,
): { components: ProxyComponent[]; hidden: Set<string> } {
  const components: ProxyComponent[] = [];
  const hidden = new Set<string>();
  const add = (raw: unknown, group: string | null, groupHidden: boolean) => {
    const row = asRecord(raw);
    const id = asId(row?.component_id ?? row?.id);
    const name = cleanLabel(asText(row?.name) ?? '');
    if (!row || id === null) return;
    if (groupHidden || row.hidden === true) hidden.add(id);
    else if (name !== '') components.push({ id, name, group });
  };
  for (const raw of capList(asList(asRecord(summary.structure)?.items), 'structure', warnings)) {
    const item = asRecord(raw);
    const group = asRecord(item?.group);
    if (group) {
      const name = cleanLabel(asText(group.name) ?? '');
      for (const child of asList(group.components))
        add(child, name === '' ? null : name, group.hidden === true);
    } else add(item?.component, null, false);
  }
  return { components, hidden };
}

function readStatuses(value: unknown): Map<string, ComponentStatus> {
  const statuses = new Map<string, ComponentStatus>();
  for (const raw of asList(value)) {
    const row = asRecord(raw);
    const id = asId(row?.component_id);
    if (id === null) continue;
    const status = componentStatusOf(row?.status) ?? 'unknown';
    statuses.set(id, worstStatus([statuses.get(id) ?? 'operational', status]));
  }
  return statuses;
}

interface ItemContext {
  names: Map<string, string>;
  linkBase: string | null;
  warnings: Warnings;
  observedAt: string | null;
}

function readProxyItem(
  raw: unknown,
  maintenance: boolean,
  context: ItemContext,
): ObservedIncident | null {
  const item = asRecord(raw);
  if (!item) return null;
  const title = asText(item.name) ?? '';
  const published = parseVendorTime(item.published_at) ?? parseVendorTime(item.created_at);
  const id = asId(item.id) ?? hashId(title, published ?? '');
  const kind = maintenance ? 'maintenance' : 'incident';
  const stated = phaseOf(item.status);
  if (stated === null) context.warnings.add(`proxy incident ${id}: unknown status; read as open`);
  const scheduledFor = maintenance ? parseVendorTime(item.scheduled_start_at) : null;
  const scheduledUntil = maintenance ? parseVendorTime(item.scheduled_end_at) : null;
  const phase =
    maintenance && stated === null
      ? maintenancePhaseAt(
          'open',
          { startsAt: scheduledFor, endsAt: scheduledUntil },
          context.observedAt,
        )
      : fitPhase(stated?.phase ?? null, kind);
  const componentIds = [
    ...asList(item.affected_components),
    ...asList(item.component_impacts),
    ...asList(item.components),
  ].flatMap((ref) => asId(asRecord(ref)?.component_id) ?? []);
  const updates = readProxyUpdates(item, id, phase, maintenance, context);
  const startedAt = scheduledFor ?? published ?? updates[0]?.postedAt ?? null;
  if (startedAt === null) {
    context.warnings.add(`proxy incident ${id}: no usable time; skipped`);
    return null;
  }
  const impact = maintenance
    ? 'maintenance'
    : (impactOf(item.current_worst_impact) ?? worstImpactOf(item));
  return finishIncident(
    {
      sourceId: id,
      title,
      kind,
      impact,
      phase,
      startedAt,
      resolvedAt: ['resolved', 'postmortem', 'completed'].includes(phase)
        ? (closedSince(updates) ?? parseVendorTime(item.scheduled_end_at) ?? startedAt)
        : null,
      sourceUrl:
        context.linkBase === null
          ? null
          : `${context.linkBase}/incidents/${encodeURIComponent(id)}`,
      components: componentIds.flatMap((componentId) => context.names.get(componentId) ?? []),
      updates,
      scheduledFor,
      scheduledUntil,
    },
    context.warnings,
  );
}

/** Without a stated worst impact, the worst component impact decides; none at all reads as minor. */
function worstImpactOf(item: JsonObject): ObservedIncident['impact'] {
  const statuses = asList(item.affected_components).flatMap(
    (ref) => componentStatusOf(asRecord(ref)?.status) ?? [],
  );
  const impact = impactOf(worstStatus(statuses));
  return impact === null || impact === 'notice' || impact === 'maintenance' ? 'minor' : impact;
}

function readProxyUpdates(
  item: JsonObject,
  incidentId: string,
  incidentPhase: ObservedIncident['phase'],
  maintenance: boolean,
  context: ItemContext,
): ObservedUpdate[] {
  const kind = maintenance ? 'maintenance' : 'incident';
  const updates = capList(
    asList(item.updates),
    `proxy incident ${incidentId} updates`,
    context.warnings,
  ).flatMap((raw) => {
    const update = asRecord(raw);
    const postedAt = parseVendorTime(update?.published_at) ?? parseVendorTime(update?.created_at);
    const text = richTextToPlain(update?.message_string) ?? richTextToPlain(update?.message) ?? '';
    if (!update || postedAt === null) return [];
    const stated = phaseOf(update.to_status ?? update.status);
    const refs = asList(update.component_impacts).flatMap(
      (ref) => asId(asRecord(ref)?.component_id) ?? [],
    );
    return [
      buildUpdate({
        sourceId: asId(update.id) ?? hashId(incidentId, postedAt, text),
        phase: stated === null ? incidentPhase : fitPhase(stated.phase, kind),
        raw: text,
        postedAt,
        components: refs.length === 0 ? null : refs.flatMap((ref) => context.names.get(ref) ?? []),
        // message_string is the Markdown source; a rich-text document is already plain text.
        ...(typeof update.message_string === 'string' ? { format: 'markdown' as const } : {}),
      }),
    ];
  });
  const description = richTextToPlain(item.description);
  const describedAt = parseVendorTime(item.created_at) ?? parseVendorTime(item.scheduled_start_at);
  if (maintenance && updates.length === 0 && description !== null && describedAt !== null) {
    updates.push(
      buildUpdate({
        sourceId: `${incidentId}-description`,
        phase: incidentPhase,
        raw: description,
        postedAt: describedAt,
        components: null,
      }),
    );
  }
  return updates;
}
