// /manage/users (admin): the list, invitations, role changes and removals. Each change is
// recorded in the audit log; the store refuses to leave vendorwatch without an admin.
import type { Context } from 'hono';
import {
  accountRoles,
  createAccount,
  findAccountById,
  listAccounts,
  removeAccount,
  setAccountRole,
  type AccountRole,
} from '../../../store/index.js';
import type { WebInvitation, WebInviteMailResult } from '../../api/targets.js';
import type { Auth } from '../../auth/service.js';
import { inviteLifetimeSeconds } from '../../auth/settings.js';
import { newToken, tokenDigestFor } from '../../auth/tokens.js';
import type { PageDeps } from '../shared/context.js';
import { emailPattern, readForm } from '../shared/form-body.js';
import { sendHtml } from '../shared/html.js';
import { UsersPage, type UsersPageProps } from './view.js';

/** What ?done= may say: fixed sentences, so the URL cannot put words on the page. */
const doneMessages: Record<string, string> = {
  role: 'The role was changed.',
  removed: 'The account was removed and its sessions ended.',
};

const lastAdminMessage =
  'vendorwatch needs at least one admin who can sign in: make someone else admin first';

function isRole(value: string | undefined): value is AccountRole {
  return (accountRoles as readonly string[]).includes(value ?? '');
}

export type InviteMailer = (invitation: WebInvitation) => Promise<WebInviteMailResult | null>;

export function usersPages(deps: PageDeps, auth: Auth, mailInvite?: InviteMailer) {
  async function render(
    c: Context,
    extra: Partial<Pick<UsersPageProps, 'done' | 'error' | 'invite' | 'inviteForm'>>,
    status: 200 | 400 | 404 | 409 = 200,
  ) {
    const viewer = c.get('viewer');
    return sendHtml(
      c,
      <UsersPage
        assets={deps.assets.urls}
        accounts={await listAccounts(deps.db)}
        now={deps.now()}
        viewerId={viewer?.accountId ?? 0}
        done={extra.done ?? null}
        error={extra.error ?? null}
        invite={extra.invite ?? null}
        inviteForm={extra.inviteForm ?? { email: '', role: 'viewer' }}
      />,
      status,
    );
  }
  const actor = (c: Context) => c.get('viewer')?.email ?? 'unknown';
  const accountId = (raw: string) => (/^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : null);

  return {
    show: (c: Context) => render(c, { done: doneMessages[c.req.query('done') ?? ''] ?? null }),
    async invite(c: Context) {
      const form = await readForm(c);
      const email = (form.email ?? '').trim().slice(0, 254);
      const role = isRole(form.role) ? form.role : 'viewer';
      if (!emailPattern.test(email)) {
        return render(
          c,
          { error: 'enter the email address to invite', inviteForm: { email, role } },
          400,
        );
      }
      const token = newToken();
      const expiresAt = new Date(
        Date.parse(deps.now()) + inviteLifetimeSeconds * 1000,
      ).toISOString();
      const created = await createAccount(
        deps.db,
        {
          email,
          role,
          passwordHash: null,
          inviteHash: tokenDigestFor(token),
          inviteExpiresAt: expiresAt,
        },
        deps.now(),
      );
      if (!created.created) {
        return render(
          c,
          { error: `${email} already has an account`, inviteForm: { email, role } },
          409,
        );
      }
      await auth.audit(c, {
        actor: actor(c),
        action: 'user.invited',
        subject: created.account.email,
        detail: { role },
      });
      const base = auth.settings.publicUrl ?? new URL(c.req.url).origin;
      const link = `${base}/invite/${token}`;
      const mailed = mailInvite
        ? await mailInvite({
            email: created.account.email,
            link,
            expiresAt,
            invitedBy: actor(c),
            role,
          })
        : null;
      if (mailed) {
        await auth.audit(c, {
          actor: actor(c),
          action: mailed.sent ? 'user.invite-mailed' : 'user.invite-mail-failed',
          subject: created.account.email,
          detail: mailed.sent ? { via: mailed.via } : { via: mailed.via, error: mailed.error },
        });
      }
      return render(c, {
        invite: { email: created.account.email, link, expiresAt, mailed },
      });
    },
    async changeRole(c: Context, rawId: string) {
      const id = accountId(rawId);
      const form = await readForm(c);
      const account = id === null ? null : await findAccountById(deps.db, id);
      if (!account) return render(c, { error: 'no such account (it may have been removed)' }, 404);
      if (!isRole(form.role)) return render(c, { error: 'choose admin or viewer' }, 400);
      if (form.role === account.role) return c.redirect('/manage/users?done=role', 303);
      const outcome = await setAccountRole(deps.db, account.id, form.role, deps.now());
      if (outcome === 'last_admin') return render(c, { error: lastAdminMessage }, 409);
      if (outcome === 'missing')
        return render(c, { error: 'no such account (it may have been removed)' }, 404);
      await auth.audit(c, {
        actor: actor(c),
        action: 'user.role-changed',
        subject: account.email,
        detail: { from: account.role, to: form.role },
      });
      return c.redirect('/manage/users?done=role', 303);
    },
    async remove(c: Context, rawId: string) {
      const id = accountId(rawId);
      const account = id === null ? null : await findAccountById(deps.db, id);
      if (!account) return render(c, { error: 'no such account (it may have been removed)' }, 404);
      const outcome = await removeAccount(deps.db, account.id);
      if (outcome === 'last_admin') return render(c, { error: lastAdminMessage }, 409);
      if (outcome === 'missing')
        return render(c, { error: 'no such account (it may have been removed)' }, 404);
      await auth.audit(c, {
        actor: actor(c),
        action: 'user.removed',
        subject: account.email,
        detail: { role: account.role },
      });
      return c.redirect('/manage/users?done=removed', 303);
    },
  };
}
