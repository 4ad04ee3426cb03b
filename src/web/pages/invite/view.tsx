// An invitation link: the invited person chooses a password and is signed in.
import type { FC } from 'hono/jsx';
import { ErrorNotice, NewPasswordFields } from '../shared/form-parts.js';
import { Layout, type AssetUrls } from '../shared/layout.js';

export interface InvitePageProps {
  assets: AssetUrls;
  email: string;
  role: string;
  /** The form posts back to the link itself. */
  action: string;
  error: string | null;
}

export const InvitePage: FC<InvitePageProps> = (props) => (
  <Layout title="Accept invitation" assets={props.assets}>
    <section class="account-form" aria-labelledby="invite-title">
      <h1 id="invite-title">Welcome to vendorwatch</h1>
      <p>
        You were invited as <strong>{props.email}</strong> ({props.role}). Choose a password to
        finish.
      </p>
      <ErrorNotice message={props.error} />
      <form method="post" action={props.action} class="form-stack">
        <input type="hidden" name="email" value={props.email} autocomplete="username" />
        <NewPasswordFields autofocus />
        <button type="submit">Set password and sign in</button>
      </form>
    </section>
  </Layout>
);
