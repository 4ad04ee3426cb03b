// Sign-in, sessions and the guards every protected route uses. Sessions live in the store (only a
// hash of each token); the cookie carries the token. Management needs an admin; reading needs a
// session only under `auth.readAccess: signed-in`. See docs/security.md#accounts-and-sign-in.
import type { Context, MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import {
  addressLockedUntil,
  appendAudit,
  clearAccountFailures,
  deleteAccountSessions,
  deleteSession,
  findAccountByEmail,
  findSession,
  insertSession,
  purgeSessions,
  recordAccountFailure,
  recordAddressFailure,
  touchSession,
  type AccountRole,
  type Database,
  type NewAuditEntry,
} from '../../store/index.js';
import { WriteError, type WriteAuthorizer } from '../api/write-support.js';
import { sendError } from '../json.js';
import { clientAddress } from './client-address.js';
import { clearedSessionCookie, readSessionCookie, sessionCookie } from './cookie.js';
import { requestOrigin } from './origin.js';
import { verifyAgainstNothing, verifyPassword } from './password.js';
import {
  accountFailureLimit,
  addressFailureLimit,
  secureCookies,
  touchEverySeconds,
  type AuthSettings,
} from './settings.js';
import { csrfTokenFor, newToken, sameToken, tokenDigestFor } from './tokens.js';
import { csrfField, csrfHeader, type Viewer } from './viewer.js';

export type SignInResult =
  | { ok: true; accountId: number }
  | { ok: false; reason: 'wrong'; message: string }
  | { ok: false; reason: 'locked'; message: string };

/** Pages the guards answer with (the HTML side lives in pages/). */
export interface GuardPages {
  forbidden(c: Context, message: string): Promise<Response>;
}

export interface Auth {
  settings: AuthSettings;
  /** Resolves the session cookie into c.var.viewer; ends expired sessions. */
  session: MiddlewareHandler;
  /** Refuses a state-changing browser request from another origin (every route). */
  sameOrigin: MiddlewareHandler;
  /** Under readAccess signed-in: anonymous page views go to sign-in, API calls get 401. */
  readGate: MiddlewareHandler;
  /** A signed-in account of at least this role; its state-changing requests carry the CSRF token. */
  requireRole(role: AccountRole | 'any'): MiddlewareHandler;
  /** The admin token (Bearer) as management credentials, or null when none matched. */
  adminTokenActor(c: Context): string | null;
  signIn(c: Context, email: string, password: string): Promise<SignInResult>;
  /** A new session for the account (the request's old one, if any, ends: rotation). */
  startSession(c: Context, accountId: number): Promise<void>;
  signOut(c: Context): Promise<void>;
  signOutEverywhere(c: Context): Promise<number>;
  /** Appends to the audit log with the request's address. */
  audit(c: Context, entry: Omit<NewAuditEntry, 'address'>): Promise<void>;
  /** True when the request carries its session's CSRF token (form field or header). */
  csrfOk(c: Context): Promise<boolean>;
  /** Management API credentials: the admin token, or an admin's session with its CSRF token. */
  managementActor: WriteAuthorizer;
}

interface AuthDeps {
  db: Kysely<Database>;
  now: () => string;
  settings: AuthSettings;
  pages: GuardPages;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * Reachable by anyone under readAccess signed-in: signing in, assets, probes, and boards' status
 * pages, which are made for a company's customers (a private board's answers 404 without a session).
 */
const openPaths = [
  /^\/status\/[^/]+$/,
  /^\/signin$/,
  /^\/setup$/,
  /^\/invite\/[^/]+$/,
  /^\/assets\//,
  /^\/healthz$/,
  /^\/readyz$/,
];

/** Answered without reading the session: probes and static files. */
const sessionFree = [/^\/assets\//, /^\/healthz$/, /^\/readyz$/];

/**
 * Read by programs, refused with a JSON 401/403 (the API reference at /api/docs is a page): the
 * API, metrics, the Statuspage-compatible API and the calendars (a calendar app cannot sign in).
 */
function isApi(c: Context): boolean {
  const path = c.req.path;
  return (
    ((path === '/api' || path.startsWith('/api/')) && path !== '/api/docs') ||
    path === '/metrics' ||
    path.startsWith('/compat/') ||
    path.endsWith('.ics')
  );
}

function plusSeconds(instant: string, seconds: number): string {
  return new Date(Date.parse(instant) + seconds * 1000).toISOString();
}

export function minutesUntil(until: string, now: string): number {
  return Math.max(1, Math.ceil((Date.parse(until) - Date.parse(now)) / 60_000));
}

function lockedMessage(until: string, now: string): string {
  const minutes = minutesUntil(until, now);
  return `too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`;
}

export function createAuth(deps: AuthDeps): Auth {
  const { db, now, settings } = deps;
  const secure = secureCookies(settings);
  const adminDigest = settings.adminToken === null ? null : tokenDigestFor(settings.adminToken);

  function setCookie(c: Context, value: string) {
    c.get('sessionCookies').push(value);
  }

  async function resolve(c: Context): Promise<Viewer | null> {
    const token = readSessionCookie(c, secure);
    if (token === null) return null;
    const hash = tokenDigestFor(token);
    const session = await findSession(db, hash);
    const at = now();
    const idleEnd = session && plusSeconds(session.lastSeenAt, settings.sessionIdleSeconds);
    if (!session || session.expiresAt <= at || idleEnd! <= at) {
      if (session) await deleteSession(db, hash);
      setCookie(c, clearedSessionCookie(secure));
      return null;
    }
    if (Date.parse(at) - Date.parse(session.lastSeenAt) >= touchEverySeconds * 1000) {
      await touchSession(db, hash, at);
    }
    return {
      accountId: session.accountId,
      email: session.email,
      role: session.role,
      csrfToken: csrfTokenFor(token),
      sessionHash: hash,
    };
  }

  function adminTokenActor(c: Context): string | null {
    if (adminDigest === null) return null;
    const token = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
    return token !== undefined && sameToken(tokenDigestFor(token), adminDigest)
      ? 'admin token'
      : null;
  }

  async function csrfOk(c: Context): Promise<boolean> {
    const viewer = c.get('viewer');
    if (!viewer) return false;
    let given = c.req.header(csrfHeader);
    if (
      given === undefined &&
      /^application\/x-www-form-urlencoded\b|^multipart\/form-data\b/i.test(
        c.req.header('content-type') ?? '',
      )
    ) {
      const body = await c.req.parseBody();
      const field = body[csrfField];
      given = typeof field === 'string' ? field : undefined;
    }
    return given !== undefined && sameToken(given, viewer.csrfToken);
  }

  function refuse(c: Context, status: 401 | 403, message: string): Promise<Response> | Response {
    if (isApi(c)) {
      const failed = sendError(c, status, status === 401 ? 'unauthorized' : 'forbidden', message);
      if (status === 401 && adminDigest !== null) failed.headers.set('www-authenticate', 'Bearer');
      return failed;
    }
    if (status === 401) {
      const next = c.req.method === 'GET' ? `?next=${encodeURIComponent(c.req.path)}` : '';
      return c.redirect(`/signin${next}`, 303);
    }
    return deps.pages.forbidden(c, message);
  }

  async function managementActor(c: Context): Promise<string> {
    const byToken = adminTokenActor(c);
    if (byToken !== null) return byToken;
    const viewer = c.get('viewer');
    if (!viewer) {
      throw new WriteError(
        401,
        'unauthorized',
        'sign in as an admin, or send the admin token (Bearer)',
      );
    }
    if (viewer.role !== 'admin')
      throw new WriteError(
        403,
        'forbidden',
        'this needs an admin account; ask an admin to change your role',
      );
    if (unsafeMethods.has(c.req.method) && !(await csrfOk(c))) {
      throw new WriteError(
        403,
        'forbidden',
        `send the session's CSRF token in the ${csrfHeader} header`,
      );
    }
    return viewer.email;
  }

  return {
    settings,
    managementActor,
    adminTokenActor,
    csrfOk,
    session: async (c, next) => {
      c.set('sessionCookies', []);
      c.set(
        'viewer',
        sessionFree.some((pattern) => pattern.test(c.req.path)) ? null : await resolve(c),
      );
      await next();
      for (const cookie of c.get('sessionCookies')) c.res.headers.append('set-cookie', cookie);
    },
    sameOrigin: async (c, next) => {
      if (unsafeMethods.has(c.req.method) && requestOrigin(c, settings.publicUrl) === 'cross') {
        // A request with the admin token is not a browser's ambient credential.
        if (adminTokenActor(c) === null) {
          return refuse(c, 403, 'a form or request from another origin is refused');
        }
      }
      await next();
    },
    readGate: async (c, next) => {
      if (
        settings.readAccess === 'signed-in' &&
        c.get('viewer') === null &&
        !openPaths.some((pattern) => pattern.test(c.req.path)) &&
        adminTokenActor(c) === null
      ) {
        return refuse(c, 401, 'sign in to read this vendorwatch (auth.readAccess is signed-in)');
      }
      await next();
    },
    requireRole(role) {
      return async (c, next) => {
        const viewer = c.get('viewer');
        if (!viewer) return refuse(c, 401, 'sign in first');
        if (role === 'admin' && viewer.role !== 'admin') {
          return refuse(c, 403, 'this needs an admin account; ask an admin to change your role');
        }
        if (unsafeMethods.has(c.req.method) && !(await csrfOk(c))) {
          return refuse(
            c,
            403,
            'the form is out of date or was not sent by this site (CSRF token); reload and try again',
          );
        }
        await next();
      };
    },
    async signIn(c, email, password) {
      const at = now();
      const address = clientAddress(c);
      const addressLock = await addressLockedUntil(db, address, at);
      if (addressLock)
        return { ok: false, reason: 'locked', message: lockedMessage(addressLock, at) };
      const account = await findAccountByEmail(db, email);
      if (account?.lockedUntil && account.lockedUntil > at) {
        await appendAudit(
          db,
          { actor: account.email, action: 'sign-in.refused-locked', address },
          at,
        );
        return { ok: false, reason: 'locked', message: lockedMessage(account.lockedUntil, at) };
      }
      const matches =
        account?.passwordHash != null
          ? await verifyPassword(password, account.passwordHash)
          : (await verifyAgainstNothing(password), false);
      if (account && matches) {
        await clearAccountFailures(db, account.id);
        await appendAudit(db, { actor: account.email, action: 'sign-in', address }, at);
        return { ok: true, accountId: account.id };
      }
      const lockUntil = plusSeconds(at, settings.lockSeconds);
      const addressLocked = await recordAddressFailure(db, address, at, {
        threshold: addressFailureLimit,
        windowMs: settings.lockSeconds * 1000,
        lockMs: settings.lockSeconds * 1000,
      });
      const accountLocked = account
        ? await recordAccountFailure(db, account.id, accountFailureLimit, lockUntil)
        : null;
      await appendAudit(
        db,
        {
          actor: account?.email ?? 'anonymous',
          action: 'sign-in.failed',
          // An unknown email is recorded cut short: it may be a password typed in the wrong box.
          subject: account ? null : `unknown email (${email.length} characters)`,
          detail: accountLocked || addressLocked ? { locked: true } : null,
          address,
        },
        at,
      );
      const locked = accountLocked ?? addressLocked;
      if (locked) return { ok: false, reason: 'locked', message: lockedMessage(locked, at) };
      return { ok: false, reason: 'wrong', message: 'wrong email or password' };
    },
    async startSession(c, accountId) {
      const previous = readSessionCookie(c, secure);
      if (previous !== null) await deleteSession(db, tokenDigestFor(previous));
      const token = newToken();
      const at = now();
      // Sessions abandoned without signing out go here, so the table stays the size of its use.
      await purgeSessions(db, at, plusSeconds(at, -settings.sessionIdleSeconds));
      await insertSession(
        db,
        {
          tokenHash: tokenDigestFor(token),
          accountId,
          expiresAt: plusSeconds(at, settings.sessionMaxAgeSeconds),
        },
        at,
      );
      setCookie(c, sessionCookie(token, settings.sessionMaxAgeSeconds, secure));
    },
    async signOut(c) {
      const viewer = c.get('viewer');
      if (viewer) {
        await deleteSession(db, viewer.sessionHash);
        await appendAudit(
          db,
          { actor: viewer.email, action: 'sign-out', address: clientAddress(c) },
          now(),
        );
      }
      setCookie(c, clearedSessionCookie(secure));
    },
    async signOutEverywhere(c) {
      const viewer = c.get('viewer');
      setCookie(c, clearedSessionCookie(secure));
      if (!viewer) return 0;
      const ended = await deleteAccountSessions(db, viewer.accountId);
      await appendAudit(
        db,
        {
          actor: viewer.email,
          action: 'sign-out.everywhere',
          detail: { sessions: ended },
          address: clientAddress(c),
        },
        now(),
      );
      return ended;
    },
    audit: (c, entry) => appendAudit(db, { ...entry, address: clientAddress(c) }, now()),
  };
}
