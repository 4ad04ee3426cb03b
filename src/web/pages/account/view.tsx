// The signed-in person's own page: who they are, and signing out here or everywhere.
import type { FC } from 'hono/jsx';
import type { Viewer } from '../../auth/viewer.js';
import { Layout, type AssetUrls } from '../shared/layout.js';
import { ProtectedForm } from '../shared/protected-form.js';

export interface AccountPageProps {
  assets: AssetUrls;
  viewer: Viewer;
}

export const AccountPage: FC<AccountPageProps> = ({ assets, viewer }) => (
  <Layout title="Your account" assets={assets} current="account">
    <h1>Your account</h1>
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
  </Layout>
);
