// The peer address of a request, for the per-address sign-in limit and the audit log. Only the
// socket's address is used: a forwarded-for header could be set by anyone.
import type { Context } from 'hono';

export function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}
