// GET /api/docs: the OpenAPI document rendered by Swagger UI, every file from this server.
import type { Context } from 'hono';
import type { PageDeps } from '../shared/context.js';
import { sendHtml } from '../shared/html.js';
import type { RendererAssets } from './renderer-assets.js';
import { ApiDocsPage } from './view.js';

export function apiDocsPage(c: Context, deps: PageDeps, renderer: RendererAssets) {
  return sendHtml(
    c,
    <ApiDocsPage
      assets={deps.assets.urls}
      renderer={{
        css: renderer.urls.css,
        scripts: [renderer.urls.js, deps.assets.urlOf('api-docs.js')],
      }}
      openApiUrl="/api/openapi.json"
    />,
    200,
    'api-docs',
  );
}
