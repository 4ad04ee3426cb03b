// /manage/users: every account with its role and state, a form to invite someone (the one-time
// link is shown once, here), and per account a role change and removal. Every form is a
// ProtectedForm (CSRF token) and works without JavaScript.
import type { FC } from 'hono/jsx';
import type { AccountRecord } from '../../../store/index.js';
import { ErrorNotice, Field, Notice } from '../shared/form-parts.js';
import { ManageNav } from '../shared/manage-nav.js';
import { Layout, type AssetUrls } from '../shared/layout.js';
import { ProtectedForm } from '../shared/protected-form.js';

export interface UsersPageProps {
  assets: AssetUrls;
  accounts: AccountRecord[];
  now: string;
  viewerId: number;
  /** A fixed sentence about what the last form did. */
  done: string | null;
  error: string | null;
  /** Just invited: the link to hand over (shown once, never stored). */
  invite: {
    email: string;
    link: string;
    expiresAt: string;
    /** Whether it was also mailed (null: no email target, so it was not tried). */
    mailed?: { sent: true; via: string } | { sent: false; via: string; error: string } | null;
  } | null;
  inviteForm: { email: string; role: string };
}

function stateOf(account: AccountRecord, now: string): string {
  if (account.invited) {
    const expired = account.inviteExpiresAt !== null && account.inviteExpiresAt <= now;
    return expired ? 'invitation expired' : 'invited (no password yet)';
  }
  if (account.lockedUntil !== null && account.lockedUntil > now) {
    return `locked until ${account.lockedUntil.slice(11, 16)} UTC (failed sign-ins)`;
  }
  return 'active';
}

const RoleSelect: FC<{ id: string; value: string; label: string }> = ({ id, value, label }) => (
  <>
    <label for={id} class="visually-hidden">
      {label}
    </label>
    <select id={id} name="role">
      <option value="viewer" selected={value === 'viewer'}>
        viewer
      </option>
      <option value="admin" selected={value === 'admin'}>
        admin
      </option>
    </select>
  </>
);

const AccountRow: FC<{ account: AccountRecord; now: string; self: boolean }> = ({
  account,
  now,
  self,
}) => (
  <tr>
    <td class="lead-cell">
      <strong>{account.email}</strong>
      {self && <span class="muted"> (you)</span>}
    </td>
    <td data-label="Role">{account.role}</td>
    <td data-label="State">{stateOf(account, now)}</td>
    <td data-label="Actions">
      <div class="row-actions">
        <ProtectedForm
          action={`/manage/users/${account.id}/role`}
          class="inline-form"
          aria-label={`Change the role of ${account.email}`}
        >
          <RoleSelect
            id={`role-${account.id}`}
            value={account.role}
            label={`Role of ${account.email}`}
          />
          <button type="submit">Change role</button>
        </ProtectedForm>
        <ProtectedForm
          action={`/manage/users/${account.id}/remove`}
          class="inline-form"
          aria-label={`Remove ${account.email}`}
        >
          <button type="submit" class="danger">
            Remove<span class="visually-hidden"> {account.email}</span>
          </button>
        </ProtectedForm>
      </div>
    </td>
  </tr>
);

export const UsersPage: FC<UsersPageProps> = (props) => (
  <Layout title="Users" assets={props.assets} current="manage">
    <h1>Users</h1>
    <ManageNav current="users" />
    {props.done && (
      <Notice>
        <p>{props.done}</p>
      </Notice>
    )}
    <ErrorNotice message={props.error} />
    {props.invite && (
      <Notice>
        <p>
          Invitation for <strong>{props.invite.email}</strong>. Send them this link; it works once,
          until {props.invite.expiresAt.slice(0, 16).replace('T', ' ')} UTC, and is not shown again:
        </p>
        <p>
          <code class="invite-link">{props.invite.link}</code>
        </p>
        {props.invite.mailed?.sent === true && (
          <p data-testid="invite-mailed">
            It was also emailed to {props.invite.email} through the email target “
            {props.invite.mailed.via}”.
          </p>
        )}
        {props.invite.mailed?.sent === false && (
          <p class="error-message" role="alert" data-testid="invite-mail-failed">
            Emailing it through the email target “{props.invite.mailed.via}” failed (
            {props.invite.mailed.error}): hand the link over yourself.
          </p>
        )}
        {!props.invite.mailed && (
          <p class="field-hint">
            Add an email notification target and invitations are emailed too.
          </p>
        )}
      </Notice>
    )}
    <table class="stack-table user-table">
      <caption class="visually-hidden">Accounts</caption>
      <thead>
        <tr>
          <th scope="col">Email</th>
          <th scope="col">Role</th>
          <th scope="col">State</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {props.accounts.map((account) => (
          <AccountRow account={account} now={props.now} self={account.id === props.viewerId} />
        ))}
      </tbody>
    </table>
    <h2 id="invite-title">Invite someone</h2>
    <p class="field-hint">
      Admins manage vendorwatch and its users; viewers read. An invitation creates the account and
      gives you a one-time link for its owner to choose a password.
    </p>
    <ProtectedForm action="/manage/users/invite" class="form-stack" aria-label="Invite someone">
      <Field
        id="invite-email"
        label="Email"
        name="email"
        type="email"
        value={props.inviteForm.email}
        required
      />
      <div class="field">
        <label for="invite-role">Role</label>
        <select id="invite-role" name="role">
          <option value="viewer" selected={props.inviteForm.role !== 'admin'}>
            viewer
          </option>
          <option value="admin" selected={props.inviteForm.role === 'admin'}>
            admin
          </option>
        </select>
      </div>
      <button type="submit">Create invitation</button>
    </ProtectedForm>
  </Layout>
);
