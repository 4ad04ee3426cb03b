// 404 and 500 pages: a plain sentence and a way back, never a stack or a store message.
import type { FC } from 'hono/jsx';
import { Layout, type AssetUrls } from '../shared/layout.js';

interface ErrorPageProps {
  status: number;
  title: string;
  message: string;
  assets: AssetUrls;
}

export const ErrorPage: FC<ErrorPageProps> = ({ status, title, message, assets }) => (
  <Layout title={title} assets={assets}>
    <section class="error-page" aria-labelledby="error-title">
      <p class="eyebrow">Error {status}</p>
      <h1 id="error-title">{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Back to the dashboard</a> · <a href="/incidents">All incidents</a>
      </p>
    </section>
  </Layout>
);
