// Notification targets over HTTP: GET lists them with filters and state, never a secret; POST adds
// one and DELETE removes one (admin token). Validation, the address guard and the store come in as
// `admin`, since the web layer does not import notify/.
import type { Context } from 'hono';
import { sendError, sendJson } from '../json.js';
import { targetNamePattern } from '../ids.js';
import {
  handleWrite,
  readJsonObject,
  tokenAuthorizer,
  WriteError,
  type WriteAuthorizer,
} from './write-support.js';

/** A target as the API shows it: where it sends (scheme and host only), what it wants, its state. */
export interface WebTargetView {
  name: string;
  type: string;
  /** 'config': edit the config file to change it; 'api': added (and removable) through this API. */
  origin: 'config' | 'api';
  destination: string;
  vendors: string[] | null;
  boards: string[] | null;
  components: Record<string, string[]> | null;
  minImpact: string | null;
  events: string[] | null;
  state: string;
  reason: string | null;
  failures: number;
  lastError: string | null;
  lastSuccessAt: string | null;
  /** False while an admin has it turned off (/manage/targets): nothing is delivered to it. */
  enabled: boolean;
  turnedOffAt: string | null;
  turnedOffBy: string | null;
}

/** One field of a channel's form, as its channel describes it (src/notify/channel.ts). */
export interface WebChannelField {
  key: string;
  label: string;
  /** 'list': several values (e.g. email recipients), one per line or comma-separated. */
  kind: 'text' | 'list';
  required: boolean;
  /** Write-only: never shown back, only whether it is set. */
  secret: boolean;
  hint: string | null;
}

/** The form to add a target of one channel type. */
export interface WebChannelForm {
  type: string;
  label: string;
  summary: string;
  fields: WebChannelField[];
}

/** What the edit form may show of a stored target: its non-secret fields and which secrets are set. */
export interface WebTargetEditable {
  values: Record<string, string>;
  secretsSet: string[];
}

export type TestSendView =
  { ok: true; detail: string; ms: number } | { ok: false; kind: string; error: string; ms: number };

/** An invitation to mail (the /manage/users invite), and what became of it. */
export interface WebInvitation {
  email: string;
  link: string;
  expiresAt: string;
  invitedBy: string;
  role: string;
}
export type WebInviteMailResult =
  { sent: true; via: string } | { sent: false; via: string; error: string };

export type TargetChangeResult =
  | { ok: true; target: WebTargetView }
  | {
      ok: false;
      status: 400 | 404 | 409 | 422;
      code: 'invalid_body' | 'not_found' | 'conflict' | 'url_refused';
      message: string;
    };

export type TargetAddResult =
  | { ok: true; target: WebTargetView }
  | {
      ok: false;
      status: 400 | 409 | 422;
      code: 'invalid_body' | 'conflict' | 'url_refused';
      message: string;
    };

export type TargetRemoveResult =
  | { ok: true; failedDeliveries: number }
  | { ok: false; status: 404 | 409; code: 'not_found' | 'conflict'; message: string };

export interface WebTargetAdmin {
  list(): Promise<WebTargetView[]>;
  add(body: Record<string, unknown>): Promise<TargetAddResult>;
  remove(name: string): Promise<TargetRemoveResult>;
  /** A form per channel type, derived from the channel registry (the management page). */
  channelForms?: readonly WebChannelForm[];
  /** An API target's non-secret fields, for its edit form; null for a config or unknown one. */
  editable?: (name: string) => Promise<WebTargetEditable | null>;
  /**
   * Replaces an API target's fields and filters; a secret left out keeps its stored value and
   * one named in `clearSecrets` is dropped. The same checks as `add`.
   */
  update?: (
    name: string,
    body: Record<string, unknown>,
    clearSecrets: readonly string[],
  ) => Promise<TargetChangeResult>;
  /** Turns an API target off (nothing delivered, pending deliveries skipped) or back on. */
  setEnabled?: (name: string, enabled: boolean, actor: string) => Promise<TargetChangeResult>;
  /** Sends the sample message to one target now; null when no target has the name. */
  sendTest?: (name: string) => Promise<TestSendView | null>;
  /** Mails an invitation through the first email target that is on; null when there is none. */
  sendInvite?: (invitation: WebInvitation) => Promise<WebInviteMailResult | null>;
}

export interface TargetRouteDeps {
  admin: WebTargetAdmin;
  /** Without it, POST and DELETE are absent, the write API off (docs/security.md#admin-token). */
  adminToken: string | null;
  /**
   * Who may add and remove targets (the admin token or an admin's session, app.ts); when given,
   * the write routes exist even without an admin token.
   */
  authorizeWrite?: WriteAuthorizer;
  /** Records a change in the audit log. */
  audit?: (c: Context, entry: { actor: string; action: string; subject: string }) => Promise<void>;
}

interface TargetApi {
  list(c: Context): Promise<Response>;
  detail(c: Context, name: string): Promise<Response>;
  /** Absent without an admin token: the write API is off. */
  add?: (c: Context) => Promise<Response>;
  remove?: (c: Context, name: string) => Promise<Response>;
  /** POST /api/v1/targets/{name}/test: the sample message, sent now. */
  test?: (c: Context, name: string) => Promise<Response>;
  /** PATCH /api/v1/targets/{name} with { enabled }: turns an API target off or on. */
  patch?: (c: Context, name: string) => Promise<Response>;
}

export function createTargetApi(deps: TargetRouteDeps): TargetApi {
  const { admin } = deps;
  const list = async (c: Context) => sendJson(c, { targets: await admin.list() });
  const detail = async (c: Context, name: string) => {
    const target = (await admin.list()).find((candidate) => candidate.name === name);
    if (!target) {
      const message = `no notification target named ${JSON.stringify(name.slice(0, 63))}`;
      return sendError(c, 404, 'not_found', message);
    }
    return sendJson(c, target);
  };
  const authorizeWrite =
    deps.authorizeWrite ?? (deps.adminToken === null ? null : tokenAuthorizer(deps.adminToken));
  if (authorizeWrite === null) return { list, detail };
  const audit = deps.audit ?? (() => Promise.resolve());

  const add = (c: Context) =>
    handleWrite(c, async () => {
      const actor = await authorizeWrite(c);
      const result = await admin.add(await readJsonObject(c, 'target'));
      if (!result.ok) throw new WriteError(result.status, result.code, result.message);
      await audit(c, { actor, action: 'target.added', subject: result.target.name });
      const created = sendJson(c, result.target, 201);
      created.headers.set('location', `/api/v1/targets/${result.target.name}`);
      return created;
    });

  const remove = (c: Context, name: string) =>
    handleWrite(c, async () => {
      const actor = await authorizeWrite(c);
      if (!targetNamePattern.test(name)) {
        throw new WriteError(404, 'not_found', 'no notification target has that name');
      }
      const result = await admin.remove(name);
      if (!result.ok) throw new WriteError(result.status, result.code, result.message);
      await audit(c, { actor, action: 'target.removed', subject: name });
      return sendJson(c, { removed: name, failedDeliveries: result.failedDeliveries });
    });
  const knownName = (name: string) => {
    if (!targetNamePattern.test(name)) {
      throw new WriteError(404, 'not_found', 'no notification target has that name');
    }
  };
  const { sendTest, setEnabled } = admin;
  const test =
    sendTest &&
    ((c: Context, name: string) =>
      handleWrite(c, async () => {
        const actor = await authorizeWrite(c);
        knownName(name);
        const result = await sendTest(name);
        if (!result)
          throw new WriteError(404, 'not_found', `no notification target named "${name}"`);
        await audit(c, { actor, action: 'target.tested', subject: name });
        return sendJson(c, result);
      }));
  const patch =
    setEnabled &&
    ((c: Context, name: string) =>
      handleWrite(c, async () => {
        const actor = await authorizeWrite(c);
        knownName(name);
        const body = await readJsonObject(c, 'change');
        if (Object.keys(body).length !== 1 || typeof body.enabled !== 'boolean') {
          const message =
            'send { "enabled": false } to turn the target off, { "enabled": true } to turn it on';
          throw new WriteError(400, 'invalid_body', message);
        }
        const result = await setEnabled(name, body.enabled, actor);
        if (!result.ok) throw new WriteError(result.status, result.code, result.message);
        const action = body.enabled ? 'target.enabled' : 'target.disabled';
        await audit(c, { actor, action, subject: name });
        return sendJson(c, result.target);
      }));
  return { list, detail, add, remove, ...(test ? { test } : {}), ...(patch ? { patch } : {}) };
}
