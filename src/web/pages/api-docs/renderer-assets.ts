// Swagger UI's bundle and stylesheet, served by vendorwatch itself from the installed
// swagger-ui-dist package (no CDN): under a path that carries the package's version, so
// browsers may keep them a year, and read from disk only when /api/docs is first used.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Context } from 'hono';
import { etagMatches } from '../../json.js';

/** The only files of the package /api/docs needs; any other name is a 404. */
const files: Readonly<Record<string, string>> = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
};

export interface RendererAssets {
  /** Versioned URLs of the bundle and the stylesheet. */
  urls: { js: string; css: string };
  /** GET /assets/swagger-ui/{version}/{name}, or null for another version or name. */
  serve(c: Context, version: string, name: string): Response | null;
}

export function loadRendererAssets(): RendererAssets {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('swagger-ui-dist/package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const dir = dirname(manifest);
  const bodies = new Map<string, Buffer>();
  const base = `/assets/swagger-ui/${version}`;
  return {
    urls: { js: `${base}/swagger-ui-bundle.js`, css: `${base}/swagger-ui.css` },
    serve(c, wantedVersion, name) {
      const type = files[name];
      if (!type || wantedVersion !== version) return null;
      let body = bodies.get(name);
      if (!body) {
        body = readFileSync(join(dir, name));
        bodies.set(name, body);
      }
      const etag = `"swagger-ui-${version}-${name}"`;
      const headers = {
        'content-type': type,
        'x-content-type-options': 'nosniff',
        etag,
        'cache-control': 'public, max-age=31536000, immutable',
      };
      if (etagMatches(c.req.header('if-none-match'), etag))
        return new Response(null, { status: 304, headers });
      return new Response(new Uint8Array(body), { headers });
    },
  };
}
