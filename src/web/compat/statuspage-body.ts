// One vendor's stored state as Atlassian Statuspage's public v2 JSON, whatever platform the vendor
// runs on (docs/compat.md): the same keys, key order and types a Statuspage page sends, so tools
// that read Statuspage read every watched vendor. Pure: the handler reads the store.
import { createHash } from 'node:crypto';
import type { Component, IncidentUpdate, IncidentWithUpdates } from '../../domain/model.js';
import { vendorStatus, worstStatus } from '../../domain/status.js';
import {
  closedPhases,
  type ComponentStatus,
  type Impact,
  type IncidentKind,
} from '../../domain/vocabulary.js';

export interface CompatPage {
  slug: string;
  /** The page's own name when its last poll read one, else the vendor's name. */
  name: string;
  /** The vendor's own status page: page.url, and the base of its incident links. */
  statusPageUrl: string;
  /** vendorwatch's own origin: the shortlink of an incident the vendor gave no link for. */
  origin: string;
  /** The vendor's overall status (`unknown` before its first successful poll). */
  status: ComponentStatus;
  /** The latest change vendorwatch knows of: page.updated_at and Last-Modified. */
  updatedAt: string;
  /** When vendorwatch started watching the vendor: components' created_at. */
  watchedSince: string;
  components: ReadonlyArray<Component & { updatedAt: string }>;
  /** Newest first, with updates oldest first (as the store keeps them). */
  incidents: readonly IncidentWithUpdates[];
  maintenances: readonly IncidentWithUpdates[];
}

export const compatEndpoints = [
  'summary',
  'status',
  'components',
  'incidents',
  'incidents/unresolved',
  'scheduled-maintenances',
  'scheduled-maintenances/upcoming',
  'scheduled-maintenances/active',
] as const;
export type CompatEndpoint = (typeof compatEndpoints)[number];

/** Statuspage lists the 50 latest incidents and the 50 latest maintenances (plus open ones). */
export const compatListLength = 50;

/** How many of the latest closed items of each kind an endpoint lists besides the open ones. */
export function historyListed(endpoint: CompatEndpoint): Record<IncidentKind, number> {
  return {
    incident: endpoint === 'incidents' ? compatListLength : 0,
    maintenance: endpoint === 'scheduled-maintenances' ? compatListLength : 0,
  };
}

/** Statuspage's `impact`; our `notice` is its `none`. */
const impactNames: Readonly<Record<Impact, string>> = {
  notice: 'none',
  minor: 'minor',
  major: 'major',
  critical: 'critical',
  maintenance: 'maintenance',
};

/**
 * The page indicator and its text. Statuspage has no "unknown": a vendor without data reads
 * `minor` with its own description, so a check for `none` does not pass on no data.
 */
const indicators: Readonly<Record<ComponentStatus, { indicator: string; description: string }>> = {
  operational: { indicator: 'none', description: 'All Systems Operational' },
  degraded_performance: { indicator: 'minor', description: 'Minor Service Outage' },
  partial_outage: { indicator: 'major', description: 'Partial System Outage' },
  major_outage: { indicator: 'critical', description: 'Major Service Outage' },
  under_maintenance: { indicator: 'maintenance', description: 'Service Under Maintenance' },
  unknown: { indicator: 'minor', description: 'Status Unknown' },
};

export function renderCompat(endpoint: CompatEndpoint, page: CompatPage): unknown {
  const ctx = context(page);
  const pageObject = renderPage(page, ctx.pageId);
  const isOpen = (item: IncidentWithUpdates) => !closedPhases.includes(item.phase);
  const incidents = (items: readonly IncidentWithUpdates[]) =>
    items.map((item) => renderIncident(ctx, item));
  switch (endpoint) {
    case 'summary':
      return {
        page: pageObject,
        components: renderComponents(ctx),
        incidents: incidents(page.incidents.filter(isOpen)),
        scheduled_maintenances: incidents(page.maintenances.filter(isOpen)),
        status: indicators[page.status],
      };
    case 'status':
      return { page: pageObject, status: indicators[page.status] };
    case 'components':
      return { page: pageObject, components: renderComponents(ctx) };
    case 'incidents':
      return { page: pageObject, incidents: incidents(listed(page.incidents, isOpen)) };
    case 'incidents/unresolved':
      return { page: pageObject, incidents: incidents(page.incidents.filter(isOpen)) };
    case 'scheduled-maintenances':
      return {
        page: pageObject,
        scheduled_maintenances: incidents(listed(page.maintenances, isOpen)),
      };
    case 'scheduled-maintenances/upcoming':
      return {
        page: pageObject,
        scheduled_maintenances: incidents(page.maintenances.filter((m) => m.phase === 'scheduled')),
      };
    case 'scheduled-maintenances/active':
      return {
        page: pageObject,
        scheduled_maintenances: incidents(
          page.maintenances.filter((m) => m.phase === 'in_progress' || m.phase === 'verifying'),
        ),
      };
  }
}

/** The 50 latest, and every open one however old (Statuspage's summary lists those anyway). */
function listed(
  items: readonly IncidentWithUpdates[],
  isOpen: (item: IncidentWithUpdates) => boolean,
): IncidentWithUpdates[] {
  return items.filter((item, index) => index < compatListLength || isOpen(item));
}

interface RenderContext {
  page: CompatPage;
  pageId: string;
  /** Every component row as Statuspage shows it (group rows included), by id. */
  rows: Map<string, ComponentRow>;
  /** Component ids by name, for incidents and updates, which name components. */
  idByName: Map<string, string>;
}

interface ComponentRow {
  id: string;
  name: string;
  status: ComponentStatus;
  position: number;
  groupId: string | null;
  isGroup: boolean;
  childIds: string[];
  updatedAt: string;
}

function context(page: CompatPage): RenderContext {
  const pageId = shortId(`page:${page.slug}`);
  const rows = new Map<string, ComponentRow>();
  const groups = new Map<string, ComponentRow>();
  for (const component of page.components) {
    let groupId: string | null = null;
    if (component.group !== null) {
      let group = groups.get(component.group);
      if (!group) {
        // Our model keeps a group as its name only; Statuspage makes it a row of its own, placed
        // where its first member is, so the members keep their order (docs/compat.md#components).
        group = {
          id: shortId(`group:${page.slug}:${component.group}`),
          name: component.group,
          status: 'operational',
          position: component.position,
          groupId: null,
          isGroup: true,
          childIds: [],
          updatedAt: component.updatedAt,
        };
        groups.set(component.group, group);
        rows.set(group.id, group);
      }
      group.childIds.push(component.id);
      group.status = worstStatus([group.status, component.status]);
      if (component.updatedAt > group.updatedAt) group.updatedAt = component.updatedAt;
      groupId = group.id;
    }
    rows.set(component.id, {
      id: component.id,
      name: component.name,
      status: component.status,
      position: component.position,
      groupId,
      isGroup: false,
      childIds: [],
      updatedAt: component.updatedAt,
    });
  }
  const idByName = new Map<string, string>();
  for (const component of page.components) {
    if (!idByName.has(component.name)) idByName.set(component.name, component.id);
  }
  return { page, pageId, rows, idByName };
}

/** A 12-character [a-z0-9] id, as Statuspage's, stable for the same input. */
function shortId(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  let id = '';
  for (let i = 0; i < 12; i += 1) id += '0123456789abcdefghijklmnopqrstuvwxyz'[digest[i]! % 36];
  return id;
}

function renderPage(page: CompatPage, pageId: string): object {
  return {
    id: pageId,
    name: page.name,
    url: page.statusPageUrl,
    time_zone: 'Etc/UTC',
    updated_at: page.updatedAt,
  };
}

function renderComponents(ctx: RenderContext): object[] {
  return [...ctx.rows.values()].map((row) => renderComponentRow(ctx, row));
}

function renderComponentRow(ctx: RenderContext, row: ComponentRow): object {
  const object: Record<string, unknown> = {
    id: row.id,
    name: row.name,
    // `unknown` (no data) has no Statuspage value; it is served as it is (docs/compat.md).
    status: row.status,
    created_at: ctx.page.watchedSince,
    updated_at: row.updatedAt,
    position: row.position,
    description: null,
    showcase: !row.isGroup,
    start_date: null,
    group_id: row.groupId,
    page_id: ctx.pageId,
    group: row.isGroup,
    only_show_if_degraded: false,
  };
  if (row.isGroup) object.components = [...row.childIds];
  return object;
}

/**
 * A component an incident names but the page no longer lists (renamed or removed): a row of its
 * own with a stable id, so the name still reaches the reader.
 */
function rowForName(ctx: RenderContext, name: string, status: ComponentStatus): ComponentRow {
  const id = ctx.idByName.get(name);
  const known = id === undefined ? undefined : ctx.rows.get(id);
  if (known) return known;
  return {
    id: shortId(`component:${ctx.page.slug}:${name}`),
    name,
    status,
    position: 0,
    groupId: null,
    isGroup: false,
    childIds: [],
    updatedAt: ctx.page.updatedAt,
  };
}

function renderIncident(ctx: RenderContext, item: IncidentWithUpdates): object {
  const first = item.updates[0];
  const monitoring = item.updates.find((u) => u.phase === 'monitoring' || u.phase === 'verifying');
  const impliedNow = impliedStatus(item, item.phase);
  const row: Record<string, unknown> = {
    id: item.sourceId,
    name: item.title,
    status: item.phase,
    created_at: first?.postedAt ?? item.startedAt,
    updated_at: lastChange(item),
    monitoring_at: monitoring?.postedAt ?? null,
    resolved_at: item.resolvedAt,
    impact: impactNames[item.impact],
    shortlink: item.sourceUrl ?? `${ctx.page.origin}/incidents/${encodeURIComponent(item.id)}`,
    started_at: item.startedAt,
    page_id: ctx.pageId,
    incident_updates: renderUpdates(ctx, item),
    components: item.components.map((name) =>
      renderComponentRow(ctx, rowForName(ctx, name, impliedNow)),
    ),
  };
  if (item.kind === 'maintenance') {
    row.scheduled_for = item.scheduledFor;
    row.scheduled_until = item.scheduledUntil;
  } else {
    row.reminder_intervals = null;
  }
  return row;
}

function lastChange(item: IncidentWithUpdates): string {
  let latest = item.startedAt;
  for (const time of [item.resolvedAt, ...item.updates.map((u) => u.postedAt)]) {
    if (time !== null && time > latest) latest = time;
  }
  return latest;
}

/**
 * The status an update leaves a component in. The store does not keep a component's status per
 * update, so it is derived: the impact's status while open, operational once closed, under
 * maintenance while a maintenance is under way (docs/compat.md#affected-components).
 */
function impliedStatus(item: IncidentWithUpdates, phase: IncidentUpdate['phase']): ComponentStatus {
  if (closedPhases.includes(phase)) return 'operational';
  if (item.kind === 'maintenance') {
    return phase === 'in_progress' || phase === 'verifying' ? 'under_maintenance' : 'operational';
  }
  return vendorStatus([], [item.impact]);
}

/** Newest first, as Statuspage lists them; each update's components with derived statuses. */
function renderUpdates(ctx: RenderContext, item: IncidentWithUpdates): object[] {
  const statusOf = new Map<string, ComponentStatus>();
  const rendered = item.updates.map((update) => {
    const affected =
      update.components === null
        ? null
        : update.components.map((name) => {
            const row = rowForName(ctx, name, 'operational');
            const next = impliedStatus(item, update.phase);
            const previous = statusOf.get(row.id) ?? 'operational';
            statusOf.set(row.id, next);
            return { code: row.id, name, old_status: previous, new_status: next };
          });
    return {
      id: update.id,
      status: update.phase,
      body: update.body,
      incident_id: item.sourceId,
      created_at: update.postedAt,
      updated_at: update.postedAt,
      display_at: update.postedAt,
      affected_components: affected,
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    };
  });
  return rendered.reverse();
}
