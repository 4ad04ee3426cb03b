// The session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site POSTs),
// Path=/, and Secure with the __Host- prefix when vendorwatch is served over https, so no
// sibling host or plain-http page can set or overwrite it.
import type { Context } from 'hono';

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-vw_session' : 'vw_session';
}

export function readSessionCookie(c: Context, secure: boolean): string | null {
  const header = c.req.header('cookie') ?? '';
  const name = sessionCookieName(secure);
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) {
      const token = value.join('=');
      return /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null;
    }
  }
  return null;
}

function attributes(secure: boolean): string {
  return `Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return `${sessionCookieName(secure)}=${token}; ${attributes(secure)}; Max-Age=${maxAgeSeconds}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${sessionCookieName(secure)}=; ${attributes(secure)}; Max-Age=0`;
}
