// Google Cloud (and Workspace) incidents.json (docs/platforms.md#gcp): every recent incident, open
// and closed, in one file. Products are the components: all of products.json when it answers, else
// those the incidents name; an open incident marks its products by its impact.
import type { ObservedComponent, ObservedIncident, VendorSnapshot } from '../../domain/snapshot.js';
import { worstStatus } from '../../domain/status.js';
import { cleanLabel } from '../../domain/text.js';
import { closedPhases, type ComponentStatus } from '../../domain/vocabulary.js';
import { hashId } from '../parse-kit/ids.js';
import { uniqueComponents, uniqueNames } from '../parse-kit/incident-parts.js';
import { parseJsonBody } from '../parse-kit/json-body.js';
import { asId, asList, asRecord, asText } from '../parse-kit/lenient.js';
import { capList, maxItemsPerList, Warnings } from '../parse-kit/warnings.js';
import type { ParseResult } from '../types.js';
import { productStatusOfImpact } from './enums.js';
import { affectedProducts, readIncident, type ProductRef } from './incident.js';

export function normalizeGcp(
  bodies: { incidents: string | null; products: string | null },
  base: string,
): ParseResult {
  const parsed = parseJsonBody(bodies.incidents, 'incidents.json');
  if (!parsed.ok) return parsed;
  if (!Array.isArray(parsed.value)) return { ok: false, error: 'incidents.json is not a list' };
  const warnings = new Warnings();
  let listsAllOpen = parsed.value.length <= maxItemsPerList;
  const read: Array<{ incident: ObservedIncident; products: ProductRef[] }> = [];
  const named: ProductRef[] = [];
  // Open incidents mark products by id: titles change, ids do not (Google's schema says so).
  const marks = new Map<string, ComponentStatus[]>();
  const seen = new Set<string>();
  for (const raw of capList(parsed.value, 'incidents', warnings)) {
    const incident = readIncident(raw, base, warnings);
    if (incident === null) {
      listsAllOpen = false;
      continue;
    }
    if (seen.has(incident.sourceId)) {
      warnings.add(`incident ${incident.sourceId} appears twice; kept the first`);
      continue;
    }
    seen.add(incident.sourceId);
    const products = affectedProducts(asRecord(raw) ?? {});
    read.push({ incident, products });
    named.push(...products);
    if (closedPhases.includes(incident.phase)) continue;
    for (const product of products) {
      const key = productKey(product);
      marks.set(key, [...(marks.get(key) ?? []), productStatusOfImpact[incident.impact]]);
    }
  }
  const catalogue = readProducts(bodies.products, warnings);
  // Incidents name their products as the catalogue does today, so both lists use one name.
  const currentTitle = new Map((catalogue ?? []).map((p) => [productKey(p), cleanLabel(p.title)]));
  const incidents = read.map(({ incident, products }) =>
    products.length === 0
      ? incident
      : {
          ...incident,
          components: uniqueNames(products.map((p) => currentTitle.get(productKey(p)) ?? p.title)),
        },
  );
  const snapshot: VendorSnapshot = {
    platform: 'gcp',
    pageName: null,
    components: productComponents(catalogue ?? sortedByTitle(named), marks, warnings),
    incidents,
    listsAllOpen,
    warnings: warnings.list(),
  };
  return { ok: true, snapshot };
}

function readProducts(body: string | null, warnings: Warnings): ProductRef[] | null {
  if (body === null) return null;
  const parsed = parseJsonBody(body, 'products.json');
  if (!parsed.ok) {
    warnings.add(parsed.error);
    return null;
  }
  const products = capList(asList(asRecord(parsed.value)?.products), 'products', warnings);
  const refs = products.flatMap((raw) => {
    const product = asRecord(raw);
    const title = asText(product?.title) ?? asText(product?.current_title);
    return title === null ? [] : [{ id: asId(product?.id), title }];
  });
  // An empty catalogue is a broken one: the incidents' own products are better than none.
  return refs.length > 0 ? refs : null;
}

/** Products the incidents name, once each, sorted by title so positions stay put. */
function sortedByTitle(products: ProductRef[]): ProductRef[] {
  const unique = new Map(products.map((product) => [productKey(product), product]));
  return [...unique.values()].sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
}

function productKey(product: ProductRef): string {
  return product.id ?? `title:${cleanLabel(product.title)}`;
}

function productComponents(
  products: ProductRef[],
  marks: Map<string, ComponentStatus[]>,
  warnings: Warnings,
): ObservedComponent[] {
  const components = products.map((product, position) => {
    const name = cleanLabel(product.title);
    return {
      id: product.id ?? hashId(name),
      name,
      group: null,
      status: worstStatus(marks.get(productKey(product)) ?? []),
      position,
    };
  });
  return uniqueComponents(
    components.filter((component) => component.name !== ''),
    warnings,
  );
}
