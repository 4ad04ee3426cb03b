// Sorry™ status pages' public API → VendorSnapshot: components and notices are required, the
// page's status only names it. Both lists are paginated; a further page means a partial list.
import type { ObservedIncident, VendorSnapshot } from '../../domain/snapshot.js';
import { parseJsonBody } from '../parse-kit/json-body.js';
import { asLabel, asRecord } from '../parse-kit/lenient.js';
import { capList, maxItemsPerList, Warnings } from '../parse-kit/warnings.js';
import type { ParseResult } from '../types.js';
import { readComponents } from './components.js';
import { readNotice } from './notices.js';

interface SorryBodies {
  status: string | null;
  components: string | null;
  notices: string | null;
}

export function normalizeSorry(bodies: SorryBodies): ParseResult {
  const components = listBody(bodies.components, 'components');
  if (!components.ok) return components;
  const notices = listBody(bodies.notices, 'notices');
  if (!notices.ok) return notices;
  const warnings = new Warnings();
  if (components.more) warnings.add('components: only the first page was read');
  const page = readComponents(components.list, warnings);

  let listsAllOpen = !notices.more && notices.list.length <= maxItemsPerList;
  const incidents: ObservedIncident[] = [];
  const seen = new Set<string>();
  for (const raw of capList(notices.list, 'notices', warnings)) {
    const incident = readNotice(raw, page.nameById, warnings);
    if (incident === null) listsAllOpen = false;
    else if (seen.has(incident.sourceId)) {
      warnings.add(`notice ${incident.sourceId} appears twice; kept the first`);
    } else {
      seen.add(incident.sourceId);
      incidents.push(incident);
    }
  }
  const snapshot: VendorSnapshot = {
    platform: 'sorry',
    pageName: pageName(bodies.status, warnings),
    components: page.components,
    incidents,
    listsAllOpen,
    warnings: warnings.list(),
  };
  return { ok: true, snapshot };
}

type ListBody = { ok: true; list: unknown[]; more: boolean } | { ok: false; error: string };

/** `{"<key>": [...], "meta": {"next_page": …}}`; a missing list is not this API. */
function listBody(body: string | null, key: 'components' | 'notices'): ListBody {
  const parsed = parseJsonBody(body, key);
  if (!parsed.ok) return parsed;
  const object = asRecord(parsed.value);
  const list: unknown = object?.[key];
  if (!Array.isArray(list)) {
    return { ok: false, error: `${key}: no ${key} list (not a Sorry status page)` };
  }
  const next = asRecord(object?.meta)?.next_page;
  return { ok: true, list, more: typeof next === 'string' && next !== '' };
}

function pageName(body: string | null, warnings: Warnings): string | null {
  if (body === null) return null;
  const parsed = parseJsonBody(body, 'status');
  if (!parsed.ok) {
    warnings.add(parsed.error);
    return null;
  }
  return asLabel(asRecord(asRecord(parsed.value)?.page)?.name);
}
