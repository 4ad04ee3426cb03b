// GET /account: the signed-in person's own page (the route requires a session), and
// POST /account/password: changing one's password. The current password is checked as a sign-in
// is (wrong ones count towards the lock, and a locked account cannot change it); a change ends
// every other session and starts a new one here.
import type { Context } from 'hono';
import { deleteAccountSessions, setAccountPassword } from '../../../store/index.js';
import { hashPassword, passwordProblem } from '../../auth/password.js';
import type { Auth } from '../../auth/service.js';
import type { PageDeps } from '../shared/context.js';
import { readForm } from '../shared/form-body.js';
import { sendHtml } from '../shared/html.js';
import { AccountPage } from './view.js';

const doneMessages: Record<string, string> = {
  password: 'Your password was changed. Every other session of this account was signed out.',
};

export function accountPages(deps: PageDeps, auth: Auth) {
  const viewerOf = (c: Context) => {
    const viewer = c.get('viewer');
    if (!viewer) throw new Error('the /account routes are guarded by requireRole');
    return viewer;
  };
  const render = (c: Context, done: string | null, error: string | null, status: 200 | 400 | 429) =>
    sendHtml(
      c,
      <AccountPage assets={deps.assets.urls} viewer={viewerOf(c)} done={done} error={error} />,
      status,
    );
  return {
    show: (c: Context) => render(c, doneMessages[c.req.query('done') ?? ''] ?? null, null, 200),

    async changePassword(c: Context) {
      const viewer = viewerOf(c);
      const form = await readForm(c);
      const password = form.password ?? '';
      const problem =
        passwordProblem(password) ??
        (password !== form.confirm
          ? 'the two new passwords differ'
          : password === form.current
            ? 'the new password is the one you have now'
            : null);
      if (problem) return render(c, null, problem, 400);
      const check = await auth.signIn(c, viewer.email, form.current ?? '');
      if (!check.ok) {
        return check.reason === 'locked'
          ? render(c, null, check.message, 429)
          : render(c, null, 'the current password is not right', 400);
      }
      await setAccountPassword(deps.db, viewer.accountId, await hashPassword(password), deps.now());
      await deleteAccountSessions(deps.db, viewer.accountId);
      await auth.startSession(c, viewer.accountId);
      await auth.audit(c, {
        actor: viewer.email,
        action: 'user.password-changed',
        subject: viewer.email,
      });
      return c.redirect('/account?done=password', 303);
    },
  };
}
