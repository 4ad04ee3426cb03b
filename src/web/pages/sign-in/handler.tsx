// GET and POST /signin, POST /signout and /signout-everywhere.
import type { Context } from 'hono';
import { countAccounts } from '../../../store/index.js';
import { requestOrigin } from '../../auth/origin.js';
import type { Auth } from '../../auth/service.js';
import type { PageDeps } from '../shared/context.js';
import { readForm, safeNext } from '../shared/form-body.js';
import { sendHtml } from '../shared/html.js';
import { SignInPage, type SignInPageProps } from './view.js';

type SignInState = Pick<SignInPageProps, 'email' | 'next' | 'error' | 'signedOut'>;

async function render(
  c: Context,
  deps: PageDeps,
  state: SignInState,
  status: 200 | 401 | 403 | 429 = 200,
) {
  const firstRun = (await countAccounts(deps.db)) === 0;
  const viewer = c.get('viewer') ?? null;
  return sendHtml(
    c,
    <SignInPage
      assets={deps.assets.urls}
      firstRun={firstRun}
      signedInAs={viewer?.email ?? null}
      {...state}
    />,
    status,
  );
}

export function signInPages(deps: PageDeps, auth: Auth) {
  return {
    show: (c: Context) =>
      render(c, deps, {
        email: '',
        next: safeNext(c.req.query('next')),
        error: null,
        signedOut: c.req.query('signedout') !== undefined,
      }),
    async submit(c: Context) {
      const form = await readForm(c);
      const email = (form.email ?? '').trim().slice(0, 254);
      const next = safeNext(form.next);
      // No session exists yet, so no synchronizer token: the browser must say it is our page.
      if (requestOrigin(c, auth.settings.publicUrl) !== 'same') {
        const error = 'this form must be sent from vendorwatch’s own sign-in page';
        return render(c, deps, { email, next, error, signedOut: false }, 403);
      }
      const result = await auth.signIn(c, email, (form.password ?? '').slice(0, 1024));
      if (!result.ok) {
        const status = result.reason === 'locked' ? 429 : 401;
        return render(c, deps, { email, next, error: result.message, signedOut: false }, status);
      }
      await auth.startSession(c, result.accountId);
      return c.redirect(next, 303);
    },
    async signOut(c: Context) {
      await auth.signOut(c);
      return c.redirect('/signin?signedout', 303);
    },
    async signOutEverywhere(c: Context) {
      await auth.signOutEverywhere(c);
      return c.redirect('/signin?signedout', 303);
    },
  };
}
