// Cachet (docs/platforms.md#cachet): components, component groups and incidents, in either API
// generation. Bodies are told apart by shape, whichever URL they came from.
import type { VendorSnapshot } from '../../domain/snapshot.js';
import { parseJsonBody } from '../parse-kit/json-body.js';
import { capList, Warnings } from '../parse-kit/warnings.js';
import type { ParseResult } from '../types.js';
import { readComponents, readGroupNames } from './components.js';
import { readIncident, type IncidentContext } from './incidents.js';
import { readList, type CachetList } from './wire.js';

interface CachetBodies {
  components: string | null;
  groups: string | null;
  incidents: string | null;
}

/** `siteBase` is the public page (for incident links), without any `/api` suffix. */
export function normalizeCachet(bodies: CachetBodies, siteBase: string): ParseResult {
  const parsed = parseJsonBody(bodies.components, 'components');
  if (!parsed.ok) return parsed;
  const components = readList(parsed.value);
  if (!components) return { ok: false, error: 'components: no `data` list (not Cachet)' };
  const warnings = new Warnings();
  const groups = optionalList(bodies.groups, 'component groups', warnings);
  const incidents = optionalList(bodies.incidents, 'incidents', warnings);
  const observedComponents = readComponents(components, readGroupNames(groups), warnings);

  const incidentContext: IncidentContext = {
    generation: incidents?.generation ?? components.generation,
    componentNames: new Map(observedComponents.map((c) => [c.id, c.name])),
    siteBase,
    warnings,
    sawZonelessTime: false,
  };
  const rows = capList(incidents?.rows ?? [], 'incidents', warnings);
  const seen = new Set<string>();
  const unique = rows.flatMap((row) => {
    const incident = readIncident(row, incidentContext);
    if (!incident) return [];
    if (seen.has(incident.sourceId)) {
      warnings.add(`incident ${incident.sourceId} appears twice; kept the first`);
      return [];
    }
    seen.add(incident.sourceId);
    return [incident];
  });
  if (incidentContext.sawZonelessTime) {
    warnings.add('Cachet times carry no zone; read as UTC (set the instance to UTC to be exact)');
  }
  const snapshot: VendorSnapshot = {
    platform: 'cachet',
    pageName: null,
    components: observedComponents,
    incidents: unique,
    // One page of incidents: complete only when the body says it is the last page.
    listsAllOpen: incidents !== null && incidents.complete && rows.length === incidents.rows.length,
    warnings: warnings.list(),
  };
  return { ok: true, snapshot };
}

function optionalList(body: string | null, label: string, warnings: Warnings): CachetList | null {
  if (body === null) return null;
  const parsed = parseJsonBody(body, label);
  const list = parsed.ok ? readList(parsed.value) : null;
  if (!list) warnings.add(parsed.ok ? `${label}: no \`data\` list` : parsed.error);
  return list;
}
