// GET and POST /setup: the first admin, only while no account exists (404 afterwards).
import type { Context } from 'hono';
import { countAccounts, createAccount } from '../../../store/index.js';
import { requestOrigin } from '../../auth/origin.js';
import { hashPassword, passwordProblem } from '../../auth/password.js';
import type { Auth } from '../../auth/service.js';
import type { PageDeps } from '../shared/context.js';
import { emailPattern, readForm } from '../shared/form-body.js';
import { sendHtml } from '../shared/html.js';
import { SetupPage } from './view.js';

export function setupPages(
  deps: PageDeps,
  auth: Auth,
  notFound: (c: Context) => Promise<Response>,
) {
  const render = (c: Context, email: string, error: string | null, status: 200 | 400 | 403 = 200) =>
    sendHtml(c, <SetupPage assets={deps.assets.urls} email={email} error={error} />, status);
  return {
    async show(c: Context) {
      if ((await countAccounts(deps.db)) > 0) return notFound(c);
      return render(c, '', null);
    },
    async submit(c: Context) {
      if ((await countAccounts(deps.db)) > 0) return notFound(c);
      const form = await readForm(c);
      const email = (form.email ?? '').trim().slice(0, 254);
      if (requestOrigin(c, auth.settings.publicUrl) !== 'same') {
        return render(c, email, 'this form must be sent from vendorwatch’s own setup page', 403);
      }
      const password = form.password ?? '';
      const problem = !emailPattern.test(email)
        ? 'enter an email address'
        : (passwordProblem(password) ??
          (password !== form.confirm ? 'the two passwords differ' : null));
      if (problem) return render(c, email, problem, 400);
      const created = await createAccount(
        deps.db,
        { email, role: 'admin', passwordHash: await hashPassword(password) },
        deps.now(),
        { onlyIfNone: true },
      );
      if (!created.created) return notFound(c);
      await auth.audit(c, {
        actor: created.account.email,
        action: 'user.created',
        subject: created.account.email,
        detail: { role: 'admin', via: 'setup' },
      });
      await auth.startSession(c, created.account.id);
      return c.redirect('/manage/users', 303);
    },
  };
}
