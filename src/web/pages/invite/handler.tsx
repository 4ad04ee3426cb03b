// GET and POST /invite/{token}: an invited person chooses a password and is signed in. The token
// is looked up by its SHA-256; an unknown, used or expired one is a 404.
import type { Context } from 'hono';
import { findAccountByInvite, setAccountPassword } from '../../../store/index.js';
import { requestOrigin } from '../../auth/origin.js';
import { hashPassword, passwordProblem } from '../../auth/password.js';
import type { Auth } from '../../auth/service.js';
import { tokenDigestFor } from '../../auth/tokens.js';
import type { PageDeps } from '../shared/context.js';
import { readForm } from '../shared/form-body.js';
import { sendHtml } from '../shared/html.js';
import { InvitePage } from './view.js';

export function invitePages(
  deps: PageDeps,
  auth: Auth,
  invalid: (c: Context) => Promise<Response>,
) {
  const find = (token: string) =>
    /^[A-Za-z0-9_-]{20,100}$/.test(token)
      ? findAccountByInvite(deps.db, tokenDigestFor(token), deps.now())
      : Promise.resolve(null);
  return {
    async show(c: Context, token: string) {
      const account = await find(token);
      if (!account) return invalid(c);
      return sendHtml(
        c,
        <InvitePage
          assets={deps.assets.urls}
          email={account.email}
          role={account.role}
          action={`/invite/${token}`}
          error={null}
        />,
      );
    },
    async submit(c: Context, token: string) {
      const account = await find(token);
      if (!account) return invalid(c);
      const form = await readForm(c);
      const password = form.password ?? '';
      const problem =
        requestOrigin(c, auth.settings.publicUrl) !== 'same'
          ? 'this form must be sent from the invitation page itself'
          : (passwordProblem(password) ??
            (password !== form.confirm ? 'the two passwords differ' : null));
      if (problem) {
        return sendHtml(
          c,
          <InvitePage
            assets={deps.assets.urls}
            email={account.email}
            role={account.role}
            action={`/invite/${token}`}
            error={problem}
          />,
          400,
        );
      }
      await setAccountPassword(deps.db, account.id, await hashPassword(password), deps.now());
      await auth.audit(c, {
        actor: account.email,
        action: 'user.invite-accepted',
        subject: account.email,
      });
      await auth.startSession(c, account.id);
      return c.redirect('/', 303);
    },
  };
}
