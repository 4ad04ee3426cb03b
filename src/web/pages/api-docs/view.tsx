// /api/docs: the frame Swagger UI fills in, and what a reader without JavaScript gets instead.
import type { FC } from 'hono/jsx';
import { Layout, type AssetUrls } from '../shared/layout.js';

interface ApiDocsProps {
  assets: AssetUrls;
  /** Swagger UI's bundle, its stylesheet and our starter, in load order. */
  renderer: { css: string; scripts: string[] };
  openApiUrl: string;
}

export const ApiDocsPage: FC<ApiDocsProps> = ({ assets, renderer, openApiUrl }) => (
  <Layout
    title="API"
    assets={assets}
    preview={{
      title: 'vendorwatch API',
      description: 'The JSON API: vendors, incidents, events, deliveries and targets.',
    }}
    extra={{ styles: [renderer.css], scripts: renderer.scripts }}
  >
    <h1>API</h1>
    <p>
      Every route under <code>/api/v1</code>, described by{' '}
      <a href={openApiUrl}>the OpenAPI document</a>. Reads need no token; writes need{' '}
      <code>Authorization: Bearer $VENDORWATCH_ADMIN_TOKEN</code> and are off without it.
    </p>
    <div id="api-docs" class="api-docs" data-openapi-url={openApiUrl}>
      <noscript>
        <p>The interactive reference needs JavaScript; the OpenAPI document above has it all.</p>
      </noscript>
    </div>
  </Layout>
);
