// The frame of every page: one external stylesheet and one deferred script (no inline script or
// style, so the Content-Security-Policy can forbid both), a skip link, and the site navigation.
import type { Child, FC } from 'hono/jsx';
import { ProtectedForm } from './protected-form.js';
import { useViewer } from './viewer-context.js';

export interface AssetUrls {
  css: string;
  js: string;
  icon: string;
}

interface FeedLinks {
  title: string;
  atom: string;
  rss: string;
}

/** What a link pasted in a chat shows: the page's title and a one-sentence description. */
export interface PagePreview {
  title: string;
  description: string;
}

interface LayoutProps {
  title: string;
  assets: AssetUrls;
  preview?: PagePreview;
  /** Which navigation entry is the current page. */
  current?: 'dashboard' | 'incidents' | 'boards' | 'deliveries' | 'manage' | 'account';
  feeds?: FeedLinks;
  /** A page's own stylesheets and deferred scripts, after the shared ones (all 'self'). */
  extra?: { styles: string[]; scripts: string[] };
  children?: Child;
}

/** Who is signed in, with sign-out; or the way to sign in. */
const AccountLinks: FC<{ current: LayoutProps['current'] }> = ({ current }) => {
  const viewer = useViewer();
  if (viewer === undefined) return null; // an app without accounts
  if (viewer === null) return <a href="/signin">Sign in</a>;
  return (
    <span class="account-links">
      {viewer.role === 'admin' && (
        <a href="/manage/users" aria-current={current === 'manage' ? 'page' : undefined}>
          Manage
        </a>
      )}
      <a href="/account" aria-current={current === 'account' ? 'page' : undefined}>
        <span class="visually-hidden">Signed in as </span>
        {viewer.email}
      </a>
      <ProtectedForm action="/signout" class="inline-form">
        <button type="submit" class="link-button">
          Sign out
        </button>
      </ProtectedForm>
    </span>
  );
};

export const Layout: FC<LayoutProps> = ({
  title,
  assets,
  preview,
  current,
  feeds,
  extra,
  children,
}) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="color-scheme" content="light dark" />
      <title>{`${title} · vendorwatch`}</title>
      <link rel="stylesheet" href={assets.css} />
      {extra?.styles.map((href) => (
        <link rel="stylesheet" href={href} />
      ))}
      <link rel="icon" type="image/svg+xml" href={assets.icon} />
      {preview && (
        <>
          <meta name="description" content={preview.description} />
          <meta property="og:site_name" content="vendorwatch" />
          <meta property="og:type" content="article" />
          <meta property="og:title" content={preview.title} />
          <meta property="og:description" content={preview.description} />
        </>
      )}
      {feeds && (
        <>
          <link rel="alternate" type="application/atom+xml" title={feeds.title} href={feeds.atom} />
          <link rel="alternate" type="application/rss+xml" title={feeds.title} href={feeds.rss} />
        </>
      )}
      <script src={assets.js} defer></script>
      {extra?.scripts.map((src) => (
        <script src={src} defer></script>
      ))}
    </head>
    <body>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="site-header">
        <nav aria-label="Site">
          <a class="brand" href="/">
            vendorwatch
          </a>
          <a href="/" aria-current={current === 'dashboard' ? 'page' : undefined}>
            Dashboard
          </a>
          <a href="/incidents" aria-current={current === 'incidents' ? 'page' : undefined}>
            Incidents
          </a>
          <a href="/deliveries" aria-current={current === 'deliveries' ? 'page' : undefined}>
            Deliveries
          </a>
          <AccountLinks current={current} />
        </nav>
      </header>
      <main id="main" tabindex={-1}>
        {children}
      </main>
      <footer class="site-footer">
        <a href="/boards" aria-current={current === 'boards' ? 'page' : undefined}>
          Boards
        </a>
        <a href="/api/docs">API</a>
        <a href={feeds?.atom ?? '/feed.atom'}>Atom feed</a>
        <a href={feeds?.rss ?? '/feed.rss'}>RSS feed</a>
        <a href="/metrics">Metrics</a>
      </footer>
    </body>
  </html>
);
