// First run: the form that creates the first admin. Shown only while no account exists.
import type { FC } from 'hono/jsx';
import { ErrorNotice, Field, NewPasswordFields } from '../shared/form-parts.js';
import { Layout, type AssetUrls } from '../shared/layout.js';

export interface SetupPageProps {
  assets: AssetUrls;
  email: string;
  error: string | null;
}

export const SetupPage: FC<SetupPageProps> = (props) => (
  <Layout title="Set up vendorwatch" assets={props.assets}>
    <section class="account-form" aria-labelledby="setup-title">
      <h1 id="setup-title">Create the first admin</h1>
      <p>
        No account exists yet. The account you create here can manage vendorwatch and invite others.
        This page disappears once it exists.
      </p>
      <ErrorNotice message={props.error} />
      <form method="post" action="/setup" class="form-stack">
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
        <NewPasswordFields />
        <button type="submit">Create admin and sign in</button>
      </form>
    </section>
  </Layout>
);
