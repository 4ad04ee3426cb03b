// A real loopback server running the app with accounts on (over a store the test opened), a clock
// the test moves, and a client that keeps its cookie like a browser and records every answer, so
// tests can grep everything the server said.
import { loadConfig } from '../../src/config/load.js';
import { createTargetAdmin } from '../../src/app/target-admin.js';
import { createFetcher } from '../../src/fetch/fetcher.js';
import { defaultFetcherSettings } from '../../src/fetch/types.js';
import { createVendorDetector } from '../../src/poll/detect-vendor.js';
import type { Store } from '../../src/store/index.js';
import { createApp } from '../../src/web/app.js';
import { startServer, type RunningServer } from '../../src/web/server.js';
import type { AuthSettings } from '../../src/web/auth/settings.js';
import type { Board } from '../../src/domain/board.js';

export interface AuthServer {
  url: string;
  origin: string;
  clock: { now: string };
  /** Every response body any client received, in order. */
  transcript: string[];
  client(): Client;
  close(): Promise<void>;
}

export const adminToken = 'admin-token-0f3a9c1e77d24b58';

export async function startAuthServer(
  store: Store,
  settings: Partial<AuthSettings> = {},
  /** Private ranges detection may reach (as network.allowedPrivateRanges), e.g. loopback pages. */
  allowedPrivateRanges: string[] = [],
  boards: readonly Board[] = [],
): Promise<AuthServer> {
  const clock = { now: '2026-12-04T12:00:00.000Z' };
  const now = () => clock.now;
  const config = loadConfig({ env: {}, cwd: '/nonexistent-for-tests' });
  const fetcher = createFetcher({
    ...defaultFetcherSettings,
    totalTimeoutMs: 5_000,
    allowedPrivateRanges,
  });
  const app = createApp({
    db: store.db,
    now,
    boards,
    auth: {
      readAccess: 'public',
      sessionIdleSeconds: 3600,
      sessionMaxAgeSeconds: 4 * 3600,
      lockSeconds: 15 * 60,
      adminToken,
      ...settings,
    },
    vendorWrites: {
      adminToken,
      detectVendor: createVendorDetector(fetcher, {
        allowPrivateAddresses: false,
        allowedPrivateRanges,
      }),
      defaultIntervalSeconds: 60,
    },
    targets: {
      adminToken,
      admin: createTargetAdmin({
        config: {
          notifications: [],
          network: { ...config.network, allowedPrivateRanges: ['127.0.0.0/8'] },
          boards: [...boards],
        },
        db: store.db,
        now,
      }),
    },
  });
  const server: RunningServer = await startServer(app, { host: '127.0.0.1', port: 0 });
  const closeAll = async () => {
    await server.close();
    await fetcher.close();
  };
  const transcript: string[] = [];
  return {
    url: server.url,
    origin: server.url,
    clock,
    transcript,
    client: () => new Client(server.url, transcript),
    close: closeAll,
  };
}

export interface Answer {
  status: number;
  body: string;
  headers: Headers;
  location: string | null;
}

/** One browser: a cookie jar of one session cookie, same-origin headers unless told otherwise. */
export class Client {
  cookie: string | null = null;
  readonly setCookies: string[] = [];

  constructor(
    private readonly base: string,
    private readonly transcript: string[],
  ) {}

  async request(
    method: string,
    path: string,
    options: {
      form?: Record<string, string>;
      json?: unknown;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (method !== 'GET') {
      headers.origin = this.base;
      headers['sec-fetch-site'] = 'same-origin';
    }
    if (this.cookie) headers.cookie = this.cookie;
    let body: string | undefined;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    for (const [key, value] of Object.entries(options.headers ?? {})) {
      if (value === '') delete headers[key];
      else headers[key] = value;
    }
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body,
      redirect: 'manual',
    });
    for (const value of response.headers.getSetCookie()) {
      this.setCookies.push(value);
      const [pair] = value.split(';');
      const [name, ...rest] = pair!.split('=');
      const token = rest.join('=');
      this.cookie = token === '' ? null : `${name}=${token}`;
    }
    const text = await response.text();
    this.transcript.push(text);
    return {
      status: response.status,
      body: text,
      headers: response.headers,
      location: response.headers.get('location'),
    };
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, { headers });
  }

  /** The CSRF token of the forms on a page this client can see. */
  async csrf(path = '/account'): Promise<string> {
    const page = await this.get(path);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!token) throw new Error(`no CSRF token on ${path} (status ${page.status})`);
    return token;
  }

  async signIn(email: string, password: string): Promise<Answer> {
    return this.request('POST', '/signin', { form: { email, password, next: '/' } });
  }

  /** The session token value of the cookie (what must never appear anywhere else). */
  get sessionToken(): string | null {
    return this.cookie?.split('=')[1] ?? null;
  }
}

/** Creates the first admin through /setup and answers the signed-in client. */
export async function setUpAdmin(server: AuthServer, email: string, password: string) {
  const client = server.client();
  const answer = await client.request('POST', '/setup', {
    form: { email, password, confirm: password },
  });
  if (answer.status !== 303) throw new Error(`setup answered ${answer.status}: ${answer.body}`);
  return client;
}

/** An admin invites `email` with `role`; the invited person accepts; answers their client. */
export async function inviteAndAccept(
  server: AuthServer,
  admin: Client,
  email: string,
  role: 'admin' | 'viewer',
  password: string,
) {
  const invited = await admin.request('POST', '/manage/users/invite', {
    form: { _csrf: await admin.csrf(), email, role },
  });
  const link = /<code class="invite-link">([^<]+)<\/code>/.exec(invited.body)?.[1];
  if (!link) throw new Error(`no invitation link (status ${invited.status})`);
  const person = server.client();
  const path = new URL(link).pathname;
  const accepted = await person.request('POST', path, { form: { password, confirm: password } });
  if (accepted.status !== 303) throw new Error(`invitation answered ${accepted.status}`);
  return { client: person, link };
}
