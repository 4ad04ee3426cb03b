// The sign-in page: email and password, a plain error, and the way to first-run setup when no
// account exists yet. No session exists here, so the form relies on the same-origin check.
import type { FC } from 'hono/jsx';
import { ErrorNotice, Field, Notice } from '../shared/form-parts.js';
import { Layout, type AssetUrls } from '../shared/layout.js';

export interface SignInPageProps {
  assets: AssetUrls;
  email: string;
  next: string;
  error: string | null;
  /** No account exists: point to /setup instead. */
  firstRun: boolean;
  signedOut: boolean;
  signedInAs: string | null;
}

export const SignInPage: FC<SignInPageProps> = (props) => (
  <Layout title="Sign in" assets={props.assets}>
    <section class="account-form" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in</h1>
      {props.signedOut && (
        <Notice>
          <p>You are signed out.</p>
        </Notice>
      )}
      {props.signedInAs && (
        <Notice>
          <p>
            You are signed in as {props.signedInAs}. <a href="/">Go to the dashboard</a>.
          </p>
        </Notice>
      )}
      {props.firstRun ? (
        <p class="empty-state">
          No account exists yet. <a href="/setup">Create the first admin account</a>, or run{' '}
          <code>vendorwatch user add EMAIL --role admin</code> on the server.
        </p>
      ) : (
        <>
          <ErrorNotice message={props.error} />
          <form method="post" action="/signin" class="form-stack">
            <input type="hidden" name="next" value={props.next} />
            <Field
              id="email"
              label="Email"
              name="email"
              type="email"
              value={props.email}
              autocomplete="username"
              required
              autofocus
            />
            <Field
              id="password"
              label="Password"
              name="password"
              type="password"
              autocomplete="current-password"
              required
            />
            <button type="submit">Sign in</button>
          </form>
        </>
      )}
    </section>
  </Layout>
);
