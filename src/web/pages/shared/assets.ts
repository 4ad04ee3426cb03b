// The stylesheet, the scripts and the icon, read once at start and served with a content hash in
// their URLs: a page names `/assets/app.css?v=<hash>`, which browsers may cache for a year.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Context } from 'hono';
import { etagMatches } from '../../json.js';
import type { AssetUrls } from './layout.js';

interface Asset {
  body: string;
  type: string;
  version: string;
}

export interface Assets {
  urls: AssetUrls;
  /** The hashed URL of one more of the files above, e.g. a page's own script. */
  urlOf(name: 'api-docs.js'): string;
  /** The response for GET /assets/{name}, or null for an unknown name. */
  serve(c: Context, name: string): Response | null;
}

const types: Record<string, string> = {
  'app.css': 'text/css; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
  'api-docs.js': 'text/javascript; charset=utf-8',
};

/** src/web/assets, two folders up; from a dist/ build (tsc does not copy it) the one in src. */
function assetDir(): URL {
  const candidates = [
    new URL('../../assets/', import.meta.url),
    new URL('../../../../src/web/assets/', import.meta.url),
  ];
  const found = candidates.find((dir) => existsSync(new URL('app.css', dir)));
  if (!found) throw new Error('web assets (app.css, app.js) not found next to the web module');
  return found;
}

let loaded: Map<string, Asset> | undefined;

function load(): Map<string, Asset> {
  if (loaded) return loaded;
  const dir = assetDir();
  loaded = new Map(
    Object.entries(types).map(([name, type]) => {
      const body = readFileSync(new URL(name, dir), 'utf8');
      const version = createHash('sha256').update(body).digest('base64url').slice(0, 16);
      return [name, { body, type, version }];
    }),
  );
  return loaded;
}

export function loadAssets(): Assets {
  const assets = load();
  const url = (name: string) => `/assets/${name}?v=${assets.get(name)!.version}`;
  return {
    urls: { css: url('app.css'), js: url('app.js'), icon: url('favicon.svg') },
    urlOf: url,
    serve(c, name) {
      const asset = assets.get(name);
      if (!asset) return null;
      const etag = `"${asset.version}"`;
      const headers = {
        'content-type': asset.type,
        'x-content-type-options': 'nosniff',
        etag,
        'cache-control':
          c.req.query('v') === asset.version ? 'public, max-age=31536000, immutable' : 'no-cache',
      };
      if (etagMatches(c.req.header('if-none-match'), etag)) {
        return new Response(null, { status: 304, headers });
      }
      return new Response(asset.body, { headers });
    },
  };
}
