// GET /account: the signed-in person's own page (the route requires a session).
import type { Context } from 'hono';
import type { PageDeps } from '../shared/context.js';
import { sendHtml } from '../shared/html.js';
import { AccountPage } from './view.js';

export function accountPage(c: Context, deps: PageDeps): Promise<Response> {
  const viewer = c.get('viewer');
  if (!viewer) throw new Error('the /account route is guarded by requireRole');
  return sendHtml(c, <AccountPage assets={deps.assets.urls} viewer={viewer} />);
}
