// Who is asking: the signed-in account of this request, or null. Set once per request by the
// session middleware (auth/service.ts) and read by guards, handlers and the page layout.
import type { AccountRole } from '../../store/index.js';

export interface Viewer {
  accountId: number;
  email: string;
  role: AccountRole;
  /** The synchronizer token every state-changing form and request of this session carries. */
  csrfToken: string;
  /** SHA-256 of the session token (the token itself stays in the cookie). */
  sessionHash: string;
}

declare module 'hono' {
  interface ContextVariableMap {
    viewer: Viewer | null;
    /** Set-Cookie values the session middleware adds to the response, whatever built it. */
    sessionCookies: string[];
  }
}

/** The form field and header that carry the CSRF token. */
export const csrfField = '_csrf';
export const csrfHeader = 'x-csrf-token';
