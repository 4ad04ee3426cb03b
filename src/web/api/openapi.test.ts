import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../store/index.js';
import { createApp } from '../app.js';
import { jsonBody } from '../test-support/json-body.js';
import { openApiDocument } from './openapi.js';
import { acceptedParameters } from './params.js';

const unused = () => Promise.reject(new Error('unused'));
// The document is static: building the app needs a db object, never a query. The write routes
// are there, as with an admin token.
const app = createApp({
  db: new Kysely<Database>({ dialect: new SqliteDialect({ database: unused }) }),
  now: () => '2025-09-10T22:10:00.000Z',
  vendorWrites: { adminToken: 't', detectVendor: unused, defaultIntervalSeconds: 60 },
  targets: {
    adminToken: 't',
    admin: { list: unused, add: unused, remove: unused, sendTest: unused, setEnabled: unused },
  },
});

type Operation = {
  parameters?: Array<{ name: string; in: string }>;
  responses: Record<string, unknown>;
};
const paths = openApiDocument.paths as unknown as Record<string, Record<string, Operation>>;

function appRoutes(): string[] {
  return app.routes.map(
    (route) => `${route.method.toLowerCase()} ${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`,
  );
}

function documentedRoutes(): string[] {
  return Object.entries(paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method} ${path}`),
  );
}

describe('the OpenAPI document', () => {
  it('describes every route of the app, and nothing the app does not serve', () => {
    expect(appRoutes().length).toBeGreaterThanOrEqual(9);
    expect(documentedRoutes().sort()).toEqual(appRoutes().sort());
  });

  it('lists exactly the query parameters each list endpoint accepts', () => {
    for (const [path, accepted] of Object.entries(acceptedParameters)) {
      const documented = (paths[path]!.get!.parameters ?? [])
        .filter((parameter) => parameter.in === 'query')
        .map((parameter) => parameter.name);
      expect(documented.sort(), path).toEqual([...accepted].sort());
    }
  });

  it('declares every path parameter and a 200 (201, 202 for a push, or 301 for a redirect) response for each operation', () => {
    for (const [path, operations] of Object.entries(paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const operation of Object.values(operations)) {
        const declared = (operation.parameters ?? [])
          .filter((parameter) => parameter.in === 'path')
          .map((parameter) => parameter.name);
        expect(declared, path).toEqual(names);
        expect(
          // One success answer, or the one redirect of a moved path.
          Object.keys(operation.responses).filter((status) => /^(20[012]|301)$/.test(status)),
          path,
        ).toHaveLength(1);
      }
    }
  });

  it('resolves every $ref', () => {
    const refs = JSON.stringify(openApiDocument).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    const schemas = openApiDocument.components.schemas as Record<string, unknown>;
    for (const ref of refs) {
      const name = ref.slice('"$ref":"#/components/schemas/'.length, -1);
      expect(schemas[name], ref).toBeDefined();
    }
  });

  it('is served at /api/openapi.json as OpenAPI 3.1', async () => {
    const response = await app.request('/api/openapi.json');
    expect(response.status).toBe(200);
    const body = await jsonBody(response);
    expect(body.openapi).toBe('3.1.0');
    expect(body).toEqual(JSON.parse(JSON.stringify(openApiDocument)));
  });

  it('is found at /openapi.json too, where tools look first', async () => {
    const response = await app.request('/openapi.json');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/api/openapi.json');
  });
});
