// The field list of real Statuspage payloads, derived from the captured fixtures (never written by
// hand): for every object path (`incidents[]`, `incidents[].incident_updates[]`, …) the keys every
// captured object carries and the JSON types each key was seen with. A payload conforms when each
// of its objects carries those keys with one of those types.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';

interface PathShape {
  /** Keys present on every object captured at this path. */
  required: Set<string>;
  /** Types seen per key (required or not). */
  types: Map<string, Set<JsonType>>;
}

export type FieldList = Map<string, PathShape>;

/**
 * One object type has one shape wherever it sits: a component inside an incident is the same
 * object as one in `components[]`, an update the same in an incident and in a maintenance. Merging
 * them pools what the captures show of each (one capture's group_id happens to be always null).
 */
export function canonicalPath(path: string): string {
  return path
    .replace(/^(incidents|scheduled_maintenances)\[\]\.components\[\]$/, 'components[]')
    .replace(/^(incidents|scheduled_maintenances)\[\]\.incident_updates\[\]/, 'incident_updates[]');
}

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as JsonType;
}

/** Visits every object in `value`, naming its path with `[]` for array elements. */
function walk(value: unknown, path: string, visit: (path: string, object: object) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, `${path}[]`, visit);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  visit(canonicalPath(path), value);
  for (const [key, child] of Object.entries(value)) {
    walk(child, path === '' ? key : `${path}.${key}`, visit);
  }
}

/**
 * Reads every real capture in `dir`: `summary.*`, `incidents.*`, `scheduled-maintenances.*` as
 * they are, and a single `incident.*` as an element of `incidents[]`. Left out: golden outputs,
 * docs-shaped stand-ins, and the 2014 documentation example, whose legacy shape lacks keys every
 * current page sends (`started_at`, `time_zone`, update `affected_components`…).
 */
export function fieldListOf(dir: string): {
  fields: FieldList;
  /** Top-level keys by endpoint (`summary`, `incidents`, `scheduled-maintenances`). */
  topLevel: Map<string, Set<string>>;
  files: string[];
} {
  const files = readdirSync(dir).filter(
    (name) =>
      name.endsWith('.json') &&
      !name.endsWith('.normalized.json') &&
      !name.includes('docs-shape') &&
      !name.includes('atlassian-docs-example'),
  );
  const fields: FieldList = new Map();
  const topLevel = new Map<string, Set<string>>();
  for (const name of files) {
    const body: unknown = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    const endpoint = name.slice(0, name.indexOf('.'));
    if (endpoint !== 'incident') {
      const keys = Object.keys(body as object);
      const known = topLevel.get(endpoint);
      topLevel.set(endpoint, new Set(known ? keys.filter((key) => known.has(key)) : keys));
    }
    const root = name.startsWith('incident.') ? { incidents: [body] } : body;
    walk(root, '', (path, object) => {
      if (path === '') return;
      const keys = Object.keys(object);
      const shape = fields.get(path);
      if (!shape) {
        fields.set(path, {
          required: new Set(keys),
          types: new Map(keys.map((key) => [key, new Set<JsonType>()])),
        });
      } else {
        for (const key of [...shape.required]) if (!keys.includes(key)) shape.required.delete(key);
      }
      const current = fields.get(path)!;
      for (const [key, child] of Object.entries(object)) {
        const types = current.types.get(key) ?? new Set<JsonType>();
        types.add(typeOf(child));
        current.types.set(key, types);
      }
    });
  }
  return { fields, topLevel, files };
}

/** Where `payload` departs from the field list, as `path.key: problem`; empty when it conforms. */
export function fieldProblems(payload: unknown, fields: FieldList): string[] {
  const problems: string[] = [];
  walk(payload, '', (path, object) => {
    const shape = fields.get(path);
    if (!shape) return;
    const record = object as Record<string, unknown>;
    for (const key of shape.required) {
      if (!(key in record)) problems.push(`${path || '(top)'}.${key}: missing`);
    }
    for (const [key, value] of Object.entries(record)) {
      const types = shape.types.get(key);
      if (types && !types.has(typeOf(value))) {
        problems.push(
          `${path || '(top)'}.${key}: ${typeOf(value)}, real pages send ${[...types].join('|')}`,
        );
      }
    }
  });
  return problems;
}

/** Every object path the payload has, for checking that the test's data reaches them all. */
export function objectPaths(payload: unknown): Set<string> {
  const paths = new Set<string>();
  walk(payload, '', (path) => paths.add(path));
  return paths;
}
