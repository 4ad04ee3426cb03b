// Better Stack's index.json is JSON:API (docs/platforms.md#betterstack): the page in `data`, and
// sections, resources, reports and updates mixed in `included`, told apart by `type`.
import { asId, asList, asRecord, type JsonObject } from '../parse-kit/lenient.js';

export interface Resource {
  id: string;
  attributes: JsonObject;
  /** Ids this object points to through `relationships.<name>.data`. */
  related: (name: string) => string[];
}

export interface IndexDocument {
  page: JsonObject;
  byType: (type: string) => Resource[];
}

export function readIndex(root: unknown): IndexDocument | null {
  const body = asRecord(root);
  const data = asRecord(body?.data);
  if (!body || !data || data.type !== 'status_page') return null;
  const included = asList(body.included).flatMap((raw): Array<Resource & { type: string }> => {
    const item = asRecord(raw);
    const id = asId(item?.id);
    const type = typeof item?.type === 'string' ? item.type : null;
    if (!item || id === null || type === null) return [];
    return [{ id, type, attributes: asRecord(item.attributes) ?? {}, related: relatedIds(item) }];
  });
  return {
    page: asRecord(data.attributes) ?? {},
    byType: (type) => included.filter((item) => item.type === type),
  };
}

function relatedIds(item: JsonObject): (name: string) => string[] {
  const relationships = asRecord(item.relationships);
  return (name) => {
    const relation =
      relationships && Object.hasOwn(relationships, name) ? asRecord(relationships[name]) : null;
    const data = relation?.data;
    return (Array.isArray(data) ? data : [data]).flatMap((ref) => asId(asRecord(ref)?.id) ?? []);
  };
}
