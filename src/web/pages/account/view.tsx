// The signed-in person's own page: who they are, changing the password, and signing out here or
// everywhere.
import type { FC } from 'hono/jsx';
import type { Viewer } from '../../auth/viewer.js';
import { ErrorNotice, Field, NewPasswordFields, Notice } from '../shared/form-parts.js';
import { Layout, type AssetUrls } from '../shared/layout.js';
import { ProtectedForm } from '../shared/protected-form.js';

export interface AccountPageProps {
  assets: AssetUrls;
  viewer: Viewer;
  done?: string | null;
  error?: string | null;
}

export const AccountPage: FC<AccountPageProps> = ({ assets, viewer, done, error }) => (
  <Layout title="Your account" assets={assets} current="account">
    <h1>Your account</h1>
    {done && (
      <Notice>
        <p>{done}</p>
      </Notice>
    )}
    <dl class="account-facts">
      <dt>Email</dt>
      <dd>{viewer.email}</dd>
      <dt>Role</dt>
      <dd>
        {viewer.role === 'admin' ? 'admin (manages vendorwatch and its users)' : 'viewer (reads)'}
      </dd>
    </dl>
    <div class="button-row">
      <ProtectedForm action="/signout">
        <button type="submit">Sign out</button>
      </ProtectedForm>
      <ProtectedForm action="/signout-everywhere">
        <button type="submit" class="secondary">
          Sign out everywhere
        </button>
      </ProtectedForm>
    </div>
    <p class="field-hint">
      “Sign out everywhere” ends every session of this account, on every browser and device,
      including this one.
    </p>
    <h2 id="password-title">Change your password</h2>
    <ErrorNotice message={error} />
    <ProtectedForm action="/account/password" class="form-stack" aria-labelledby="password-title">
      <Field
        id="current"
        label="Current password"
        name="current"
        type="password"
        autocomplete="current-password"
        required
      />
      <NewPasswordFields />
      <button type="submit">Change password</button>
    </ProtectedForm>
    <p class="field-hint">
      Changing it signs out every other session of this account; this one stays signed in.
    </p>
  </Layout>
);
