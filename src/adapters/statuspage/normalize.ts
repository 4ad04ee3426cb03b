// Statuspage bodies → VendorSnapshot. Pure: any input yields a snapshot or a readable error;
// the adapter wraps this in neverThrows, so even a bug here fails one poll, not the cycle.
import type { ObservedIncident, VendorSnapshot } from '../../domain/snapshot.js';
import { readJsonBody, type BodyFailure } from '../parse-kit/json-body.js';
import {
  asLabel,
  asRecord,
  kindOf,
  listField,
  type JsonObject,
  type ListField,
} from '../parse-kit/lenient.js';
import { Warnings } from '../parse-kit/warnings.js';
import type { AdapterContext, ParseResult } from '../types.js';
import { incidentLinkBase } from './base-url.js';
import { collectItems, type ItemList } from './collect.js';
import { normalizeComponents } from './components.js';
import { normalizeItem } from './incident.js';

/** Endpoint keys, as `endpoints()` names them. */
export const endpointKeys = {
  summary: 'summary',
  incidents: 'incidents',
  maintenances: 'maintenances',
} as const;

const fileNames = {
  summary: 'summary.json',
  incidents: 'incidents.json',
  maintenances: 'scheduled-maintenances.json',
} as const;

/** How a body that is not a JSON object reads in the poll's error. */
const bodyFailures: Readonly<Record<BodyFailure['why'], string>> = {
  missing: 'was not fetched',
  empty: 'is empty',
  markup: 'is not JSON (looks like HTML)',
  malformed: 'is not JSON (malformed or truncated)',
};

export function normalizeStatuspage(
  bodies: Readonly<Record<string, string | null>>,
  context: AdapterContext,
): ParseResult {
  const summary = requiredBody(bodies, 'summary');
  if (!summary.ok) return summary;
  const history = requiredBody(bodies, 'incidents');
  if (!history.ok) return history;
  const summaryObject = summary.value;
  if (!looksLikeSummary(summaryObject)) {
    return {
      ok: false,
      error: 'summary.json has no page, components or incidents (not Statuspage)',
    };
  }
  const warnings = new Warnings();
  const maintenances = optionalBody(bodies, warnings);

  const componentList = listField(summaryObject.components);
  if (componentList.kind !== 'list')
    warnings.add(`summary.json: components is ${describe(componentList)}`);
  const components = normalizeComponents(
    componentList.kind === 'list' ? componentList.items : [],
    warnings,
  );

  // The summary lists every open incident and maintenance; without both lists we cannot say so.
  let listsAllOpen = true;
  const lists: ItemList[] = [];
  const addList = (
    object: JsonObject,
    key: string,
    source: string,
    maintenance: boolean,
    complete: boolean,
  ) => {
    const list = listField(object[key]);
    if (list.kind === 'list') lists.push({ source, maintenance, items: list.items });
    else {
      warnings.add(`${source} is ${describe(list)}`);
      if (complete) listsAllOpen = false;
    }
  };
  addList(summaryObject, 'incidents', 'summary.json incidents', false, true);
  addList(
    summaryObject,
    'scheduled_maintenances',
    'summary.json scheduled_maintenances',
    true,
    true,
  );
  addList(history.value, 'incidents', 'incidents.json incidents', false, false);
  if (maintenances) {
    addList(
      maintenances,
      'scheduled_maintenances',
      'scheduled-maintenances.json list',
      true,
      false,
    );
  }

  const collected = collectItems(lists, warnings);
  const linkBase = incidentLinkBase(summaryObject.page, context.statusPageUrl);
  const page = { components, linkBase, warnings };
  const incidents = collected.items.flatMap((item) => normalizeItem(item, page) ?? []);
  incidents.sort(newestFirst);
  // A dropped item might be an open incident; claiming the list complete would "withdraw" it.
  if (collected.dropped > 0 || incidents.length < collected.items.length) listsAllOpen = false;

  const snapshot: VendorSnapshot = {
    platform: 'statuspage',
    pageName: pageName([summaryObject, history.value, maintenances]),
    components: components.components,
    incidents,
    listsAllOpen,
    warnings: warnings.list(),
  };
  return { ok: true, snapshot };
}

type BodyKey = keyof typeof endpointKeys;

type ObjectBody = { ok: true; value: JsonObject } | { ok: false; error: string };

function requiredBody(bodies: Readonly<Record<string, string | null>>, key: BodyKey) {
  const body = Object.hasOwn(bodies, endpointKeys[key]) ? bodies[endpointKeys[key]] : undefined;
  return objectBody(fileNames[key], body);
}

/** One endpoint's body as a JSON object, or why not, naming the endpoint's file. */
function objectBody(fileName: string, body: string | null | undefined): ObjectBody {
  const read = readJsonBody(body);
  if (!read.ok) return { ok: false, error: `${fileName} ${bodyFailures[read.failure.why]}` };
  const object = asRecord(read.value);
  if (!object) {
    return { ok: false, error: `${fileName} is not a JSON object (got ${kindOf(read.value)})` };
  }
  return { ok: true, value: object };
}

/** scheduled-maintenances.json is optional: the summary still lists open maintenances. */
function optionalBody(
  bodies: Readonly<Record<string, string | null>>,
  warnings: Warnings,
): JsonObject | null {
  const body = Object.hasOwn(bodies, endpointKeys.maintenances)
    ? bodies[endpointKeys.maintenances]
    : null;
  if (typeof body !== 'string') {
    warnings.add(`${fileNames.maintenances} unavailable; maintenances come from summary.json only`);
    return null;
  }
  const parsed = objectBody(fileNames.maintenances, body);
  if (parsed.ok) return parsed.value;
  warnings.add(`${parsed.error}; maintenances come from summary.json only`);
  return null;
}

function looksLikeSummary(summary: JsonObject): boolean {
  return (
    asRecord(summary.page) !== null ||
    Array.isArray(summary.components) ||
    Array.isArray(summary.incidents)
  );
}

function describe(list: ListField): string {
  return list.kind === 'wrong_type' ? `${list.got}, not a list` : 'missing';
}

function pageName(objects: ReadonlyArray<JsonObject | null>): string | null {
  for (const object of objects) {
    const name = asLabel(asRecord(object?.page)?.name);
    if (name !== null) return name;
  }
  return null;
}

function newestFirst(a: ObservedIncident, b: ObservedIncident): number {
  if (a.startedAt !== b.startedAt) return a.startedAt > b.startedAt ? -1 : 1;
  return a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0;
}
