// incident.io: the compat JSON is the base (components, open incidents, the last 50 incidents);
// the proxy JSON, when it answers, adds groups, hides hidden components, and says which
// components each open incident affects and how badly.
import type { ObservedComponent, ObservedIncident, VendorSnapshot } from '../../domain/snapshot.js';
import { compareImpact, worstStatus } from '../../domain/status.js';
import { cleanLabel } from '../../domain/text.js';
import { parseJsonBody } from '../parse-kit/json-body.js';
import { asList, asRecord, asText, type JsonObject } from '../parse-kit/lenient.js';
import { uniqueComponents } from '../parse-kit/incident-parts.js';
import { capList, Warnings } from '../parse-kit/warnings.js';
import type { AdapterContext, ParseResult } from '../types.js';
import { readCompatComponents, readCompatItem } from './compat.js';
import { readProxy, type ProxyPage } from './proxy.js';

interface IncidentioBodies {
  summary: string | null;
  incidents: string | null;
  proxy: string | null;
}

export function normalizeIncidentio(
  bodies: IncidentioBodies,
  context: AdapterContext,
): ParseResult {
  const parsed = parseJsonBody(bodies.summary, 'summary.json');
  if (!parsed.ok) return parsed;
  const summary = asRecord(parsed.value);
  if (!summary || (!asRecord(summary.page) && !Array.isArray(summary.components))) {
    return { ok: false, error: 'summary.json has no page and no components' };
  }
  const warnings = new Warnings();
  const linkBase = linkBaseOf(summary, context.statusPageUrl);
  const history = optionalObject(bodies.incidents, 'incidents.json', warnings);
  const proxyRoot = optionalObject(bodies.proxy, 'proxy', warnings);
  const proxy =
    proxyRoot === null
      ? null
      : readProxy(proxyRoot, linkBase, warnings, context.observedAt ?? null);

  // incident.io omits `incidents` when there are none (or sends null): that still lists all.
  let listsAllOpen = true;
  for (const key of ['incidents', 'scheduled_maintenances'] as const) {
    const value = summary[key];
    if (value !== undefined && value !== null && !Array.isArray(value)) {
      warnings.add(`summary.json ${key} is not a list`);
      listsAllOpen = false;
    }
  }
  const raws: Array<[unknown, boolean, boolean]> = [
    ...asList(summary.incidents).map((raw): [unknown, boolean, boolean] => [raw, false, true]),
    ...asList(summary.scheduled_maintenances).map((raw): [unknown, boolean, boolean] => [
      raw,
      true,
      true,
    ]),
    ...asList(history?.incidents).map((raw): [unknown, boolean, boolean] => [raw, false, false]),
  ];
  const incidents = new Map<string, ObservedIncident>();
  const kept = capList(raws, 'incidents', warnings);
  for (const [raw, maintenance, open] of kept) {
    const incident = readCompatItem(
      raw,
      maintenance,
      linkBase,
      warnings,
      context.observedAt ?? null,
    );
    // A skipped open item might be withdrawn by mistake if we still claimed the list complete.
    if (!incident && open) listsAllOpen = false;
    if (incident && !incidents.has(incident.sourceId)) incidents.set(incident.sourceId, incident);
  }
  if (kept.length < raws.length) listsAllOpen = false;
  for (const extra of proxy?.incidents ?? []) {
    const known = incidents.get(extra.sourceId);
    incidents.set(extra.sourceId, known ? enrich(known, extra) : extra);
  }

  const snapshot: VendorSnapshot = {
    platform: 'incidentio',
    pageName: cleanLabel(asText(asRecord(summary.page)?.name) ?? '') || null,
    components: uniqueComponents(
      mergeComponents(readCompatComponents(summary, warnings), proxy),
      warnings,
    ),
    incidents: [...incidents.values()].sort((a, b) =>
      a.startedAt === b.startedAt
        ? a.sourceId < b.sourceId
          ? -1
          : 1
        : a.startedAt > b.startedAt
          ? -1
          : 1,
    ),
    listsAllOpen,
    warnings: warnings.list(),
  };
  return { ok: true, snapshot };
}

function optionalObject(body: string | null, label: string, warnings: Warnings): JsonObject | null {
  if (body === null) return null;
  const parsed = parseJsonBody(body, label);
  if (!parsed.ok) {
    warnings.add(parsed.error);
    return null;
  }
  return asRecord(parsed.value);
}

/** The compat incident keeps its timeline; the proxy adds components and a sharper impact. */
function enrich(known: ObservedIncident, proxy: ObservedIncident): ObservedIncident {
  return {
    ...known,
    components: proxy.components.length > 0 ? proxy.components : known.components,
    impact:
      known.kind === 'incident' && compareImpact(proxy.impact, known.impact) > 0
        ? proxy.impact
        : known.impact,
  };
}

function mergeComponents(
  compat: ObservedComponent[],
  proxy: ProxyPage | null,
): ObservedComponent[] {
  if (!proxy) return compat;
  const byId = new Map(compat.map((component) => [component.id, component]));
  const ordered: ObservedComponent[] = [];
  const place = (id: string, name: string, group: string | null) => {
    const known = byId.get(id);
    const proxyStatus = proxy.statuses.get(id) ?? 'operational';
    ordered.push({
      id,
      name: known?.name ?? name,
      group,
      status: worstStatus([known?.status ?? proxyStatus, proxyStatus]),
      position: ordered.length,
    });
    byId.delete(id);
  };
  for (const component of proxy.components) place(component.id, component.name, component.group);
  for (const component of compat) {
    if (byId.has(component.id) && !proxy.hidden.has(component.id))
      place(component.id, component.name, null);
  }
  return ordered;
}

/** Incident pages live at `<page>/incidents/<id>`; the page's own URL wins over the configured one. */
function linkBaseOf(summary: JsonObject, statusPageUrl: string): string | null {
  for (const candidate of [asText(asRecord(summary.page)?.url), statusPageUrl]) {
    if (candidate === null) continue;
    try {
      const url = new URL(candidate.trim());
      if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
      const path = url.pathname
        .split('/')
        .filter((segment) => segment !== '')
        .join('/');
      return `${url.origin}${path === '' ? '' : `/${path}`}`;
    } catch {
      continue;
    }
  }
  return null;
}
