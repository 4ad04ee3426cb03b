// What the web layer needs to know about accounts and sign-in, from the config's `auth` section
// and `server.publicUrl`.
export interface AuthSettings {
  readAccess: 'public' | 'signed-in';
  sessionIdleSeconds: number;
  sessionMaxAgeSeconds: number;
  /** How long 10 wrong passwords lock an account, and too many failures an address. */
  lockSeconds: number;
  /** server.publicUrl, when set: its scheme decides the cookie's Secure flag. */
  publicUrl?: string;
  /** The admin token, still accepted by the management API (Bearer). */
  adminToken: string | null;
}

/** Wrong passwords in a row that lock an account. */
export const accountFailureLimit = 10;
/** Failed sign-ins from one address within the lock duration that lock the address. */
export const addressFailureLimit = 30;
/** How long an invitation link stays valid. */
export const inviteLifetimeSeconds = 7 * 86_400;
/** last_seen_at is written at most this often per session (idle expiry is coarser than this). */
export const touchEverySeconds = 60;

export function secureCookies(settings: Pick<AuthSettings, 'publicUrl'>): boolean {
  return settings.publicUrl?.startsWith('https:') ?? false;
}
