// Checks a JSON value against a schema of the OpenAPI document, for the subset openapi.ts uses,
// so the tests prove that responses and their documentation agree field by field.
import { openApiDocument } from '../api/openapi.js';

type Schema = Record<string, unknown>;

const schemas = openApiDocument.components.schemas as unknown as Record<string, Schema>;

/** Problems found, as `path: what`; empty when the value conforms. */
export function schemaProblems(value: unknown, schemaName: string): string[] {
  const schema = schemas[schemaName];
  if (!schema) return [`no schema named ${schemaName}`];
  const problems: string[] = [];
  check(value, schema, '$', problems);
  return problems;
}

function resolve(schema: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const target = schemas[ref.replace('#/components/schemas/', '')];
  if (!target) throw new Error(`unresolved ${ref}`);
  return target;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function check(value: unknown, raw: Schema, path: string, problems: string[]): void {
  const schema = resolve(raw);
  if (Array.isArray(schema.oneOf)) {
    const matching = (schema.oneOf as Schema[]).filter((option) => {
      const inner: string[] = [];
      check(value, option, path, inner);
      return inner.length === 0;
    });
    if (matching.length !== 1) problems.push(`${path}: matches ${matching.length} of oneOf`);
    return;
  }
  const actual = typeOf(value);
  if (typeof schema.type === 'string') {
    const ok = schema.type === actual || (schema.type === 'number' && actual === 'integer');
    if (!ok) {
      problems.push(`${path}: expected ${schema.type}, got ${actual}`);
      return;
    }
  }
  if ('const' in schema && value !== schema.const)
    problems.push(`${path}: not ${String(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
    problems.push(`${path}: ${JSON.stringify(value)} not in enum`);
  }
  if (typeof schema.minimum === 'number' && typeof value === 'number' && value < schema.minimum) {
    problems.push(`${path}: below ${schema.minimum}`);
  }
  if (schema.format === 'date-time' && typeof value === 'string') {
    if (new Date(value).toISOString() !== value) problems.push(`${path}: not an ISO UTC instant`);
  }
  if (actual === 'array' && schema.items) {
    (value as unknown[]).forEach((item, index) =>
      check(item, schema.items as Schema, `${path}[${index}]`, problems),
    );
  }
  if (actual === 'object') checkObject(value as Record<string, unknown>, schema, path, problems);
}

function checkObject(
  value: Record<string, unknown>,
  schema: Schema,
  path: string,
  problems: string[],
): void {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const name of (schema.required ?? []) as string[]) {
    if (!(name in value)) problems.push(`${path}.${name}: missing`);
  }
  for (const [name, inner] of Object.entries(value)) {
    const propertySchema = properties[name];
    if (propertySchema) check(inner, propertySchema, `${path}.${name}`, problems);
    else if (schema.additionalProperties === false)
      problems.push(`${path}.${name}: not documented`);
    else if (typeof schema.additionalProperties === 'object') {
      check(inner, schema.additionalProperties as Schema, `${path}.${name}`, problems);
    }
  }
}
