// The one config loader: file → ${VAR} substitution → schema → catalog → frozen AppConfig.
// The only module that reads process.env (callers pass it in).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type { Board } from '../domain/board.js';
import { parseDependency, type Dependency } from '../domain/correlation.js';
import type { ProbeSpec } from '../domain/probe.js';
import type { ImpactWeights } from '../domain/uptime.js';
import type { Category, Platform } from '../domain/vocabulary.js';
import { categories, isOneOf } from '../domain/vocabulary.js';
import { loadCatalog, notInCatalog, type Catalog } from './catalog.js';
import { nearest } from './nearest.js';
import {
  configSchema,
  notificationSchema,
  probeListSchema,
  type ConfigFile,
  type NotificationTargetConfig,
} from './schema.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface ConfiguredVendor {
  slug: string;
  name: string;
  statusPageUrl: string;
  /** Null when neither the config nor the catalog says: detected by the vendor's polls. */
  platform: Platform | null;
  category: Category;
  intervalSeconds: number;
  /** Upstreams it runs on: the config entry's, else the catalog's (outages that span vendors). */
  dependsOn?: Dependency[];
  /** Requests to the vendor's real endpoints (docs/contract.md#probes); empty for none. */
  probes?: ProbeSpec[];
  /** Failing probe results in a row before the vendor is suspected. */
  suspectAfter?: number;
}

export interface AppConfig {
  configPath: string | null;
  pollIntervalSeconds: number;
  network: ConfigFile['network'];
  poller: ConfigFile['poller'];
  /** Fast polling: a vendor with an open incident is polled this often (its own, else global). */
  polling: {
    activeIntervalSeconds: number;
    activeIntervalByVendor: Record<string, number>;
  };
  databaseUrl: string;
  server: { host: string; port: number; publicUrl?: string };
  vendors: ConfiguredVendor[];
  /** True when no config listed vendors and the catalog's default watch list is used. */
  usingDefaultVendors: boolean;
  /** Failing probe results in a row before a vendor without its own threshold is suspected. */
  suspectAfter: number;
  notifications: NotificationTargetConfig[];
  /** Named selections of vendors and components (docs/contract.md#boards), in config order. */
  boards: Board[];
  notifier: { burstWindowSeconds: number; reminderLeadSeconds: number | null };
  /** SLA evidence: the share of an incident's time that is downtime, by impact. */
  uptimeWeights: ImpactWeights;
  /** How long finished deliveries are kept before the poller's hourly sweep deletes them; null: forever. */
  deliveryRetentionSeconds: number | null;
  /** Incidents of several vendors starting within this many seconds may be one outage. */
  correlationWindowSeconds: number;
  /** Hygiene flag thresholds: the global ones and each vendor's own stuckAfter. */
  flags: {
    stuckAfterSeconds: number;
    postmortemAfterSeconds: number;
    stuckAfterByVendor: Record<string, number>;
  };
  adminToken: string | null;
  auth: {
    readAccess: 'public' | 'signed-in';
    sessionIdleSeconds: number;
    sessionMaxAgeSeconds: number;
    lockSeconds: number;
  };
  logLevel: string;
}

interface LoadOptions {
  /** Explicit --config; otherwise VENDORWATCH_CONFIG, otherwise ./vendorwatch.yaml if present. */
  path?: string;
  env: Readonly<Record<string, string | undefined>>;
  cwd?: string;
  overrides?: { port?: number; host?: string; database?: string };
}

const defaultDatabasePath = './data/vendorwatch.db';

export function loadConfig(options: LoadOptions): AppConfig {
  const cwd = options.cwd ?? process.cwd();
  const configPath = findConfigPath(options, cwd);
  const raw = configPath ? readConfigFile(configPath) : {};
  const substituted = substituteEnv(raw, options.env, []);
  const result = configSchema.safeParse(substituted);
  if (!result.success) {
    // Every mistake at once, in the order they appear in the file, one line each.
    const issues = result.error.issues
      .map((issue) => innermostIssue(issue))
      .map((issue) => ({ issue, position: filePosition(substituted, issue) }))
      .sort((a, b) => comparePositions(a.position, b.position));
    throw new ConfigError(issues.map(({ issue }) => formatIssue(configPath, issue)).join('\n'));
  }
  const file = result.data;

  const catalog = loadCatalog();
  const usingDefaultVendors = file.vendors === undefined;
  const vendors = resolveVendors(file, catalog, configPath);
  const boards = resolveBoards(file, vendors, configPath);
  checkTargetBoards(file.notifications, boards, configPath);

  const port =
    options.overrides?.port ?? numberFromEnv(options.env.PORT, 'PORT') ?? file.server.port;
  return deepFreeze({
    configPath,
    pollIntervalSeconds: file.pollInterval,
    network: file.network,
    poller: file.poller,
    polling: {
      activeIntervalSeconds: file.polling.activeInterval,
      activeIntervalByVendor: Object.fromEntries(
        (file.vendors ?? []).flatMap((entry) =>
          typeof entry !== 'string' && entry.activeInterval !== undefined
            ? [[entry.slug, entry.activeInterval]]
            : [],
        ),
      ),
    },
    databaseUrl:
      options.overrides?.database ??
      options.env.DATABASE_URL ??
      file.database ??
      defaultDatabasePath,
    server: {
      host: options.overrides?.host ?? file.server.host,
      port,
      ...(file.server.publicUrl ? { publicUrl: file.server.publicUrl.replace(/\/+$/, '') } : {}),
    },
    vendors,
    usingDefaultVendors,
    suspectAfter: file.suspectAfter,
    notifications: file.notifications,
    boards,
    notifier: {
      burstWindowSeconds: file.notifier.burstWindow,
      reminderLeadSeconds: file.notifier.reminderLead > 0 ? file.notifier.reminderLead : null,
    },
    uptimeWeights: { ...file.uptime.weights },
    deliveryRetentionSeconds: file.retention.deliveries > 0 ? file.retention.deliveries : null,
    correlationWindowSeconds: file.correlation.window,
    flags: {
      stuckAfterSeconds: file.flags.stuckAfter,
      postmortemAfterSeconds: file.flags.postmortemAfter,
      stuckAfterByVendor: Object.fromEntries(
        (file.vendors ?? []).flatMap((entry) =>
          typeof entry !== 'string' && entry.stuckAfter !== undefined
            ? [[entry.slug, entry.stuckAfter]]
            : [],
        ),
      ),
    },
    adminToken: options.env.VENDORWATCH_ADMIN_TOKEN || null,
    auth: {
      readAccess: file.auth.readAccess,
      sessionIdleSeconds: file.auth.sessionIdle,
      sessionMaxAgeSeconds: file.auth.sessionMaxAge,
      lockSeconds: file.auth.lockDuration,
    },
    logLevel: options.env.LOG_LEVEL ?? 'info',
  });
}

function findConfigPath(options: LoadOptions, cwd: string): string | null {
  const explicit = options.path ?? options.env.VENDORWATCH_CONFIG;
  if (explicit) {
    const path = resolve(cwd, explicit);
    if (!existsSync(path)) throw new ConfigError(`config file ${explicit} does not exist`);
    return path;
  }
  const fallback = resolve(cwd, 'vendorwatch.yaml');
  return existsSync(fallback) ? fallback : null;
}

function readConfigFile(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    const parsed: unknown = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    return parsed ?? {};
  } catch (error) {
    // The yaml package's first line ends with ':' before a code frame we do not print.
    const reason = (error instanceof Error ? error.message.split('\n')[0]! : String(error)).replace(
      /:\s*$/,
      '',
    );
    throw new ConfigError(
      `${path}: not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${reason}`,
    );
  }
}

/** Replaces ${VAR} in every string; an unset variable is an error naming where it was used. */
function substituteEnv(
  value: unknown,
  env: LoadOptions['env'],
  path: Array<string | number>,
): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const found = env[name];
      if (found === undefined) {
        throw new ConfigError(
          `config error at ${formatPath(path)}: environment variable ${name} is not set`,
        );
      }
      return found;
    });
  }
  if (Array.isArray(value))
    return value.map((item, index) => substituteEnv(item, env, [...path, index]));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, substituteEnv(item, env, [...path, key])]),
    );
  }
  return value;
}

function resolveVendors(
  file: ConfigFile,
  catalog: Catalog,
  configPath: string | null,
): ConfiguredVendor[] {
  const entries = file.vendors ?? catalog.defaultWatchList;
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const where = `vendors[${index}]`;
    const spec = typeof entry === 'string' ? { slug: entry } : entry;
    const known = catalog.bySlug.get(spec.slug);
    const url = ('url' in spec ? spec.url : undefined) ?? known?.url;
    if (!url) {
      throw new ConfigError(
        `config error at ${where}: ${notInCatalog(catalog, spec.slug)}; give its url${configPath ? ` (${configPath})` : ''}`,
      );
    }
    if (seen.has(spec.slug))
      throw new ConfigError(`config error at ${where}: duplicate vendor slug "${spec.slug}"`);
    seen.add(spec.slug);
    const category = ('category' in spec ? spec.category : undefined) ?? known?.category ?? 'other';
    if (!isOneOf(categories, category)) {
      throw new ConfigError(
        `config error at ${where}.category: must be one of ${categories.join(', ')}`,
      );
    }
    return {
      slug: spec.slug,
      name: ('name' in spec ? spec.name : undefined) ?? known?.name ?? spec.slug,
      statusPageUrl: url.replace(/\/+$/, ''),
      platform: ('platform' in spec ? spec.platform : undefined) ?? known?.platform ?? null,
      category,
      intervalSeconds: ('interval' in spec ? spec.interval : undefined) ?? file.pollInterval,
      dependsOn: dependenciesOf(
        'dependsOn' in spec && spec.dependsOn ? spec.dependsOn : known?.dependsOn,
        'dependsOn' in spec && spec.dependsOn ? 'config' : 'catalog',
      ),
      // Only vendors with probes carry them (and their threshold): the rest keep their shape.
      ...probesOf(
        'probes' in spec ? spec.probes : undefined,
        ('suspectAfter' in spec ? spec.suspectAfter : undefined) ?? file.suspectAfter,
      ),
    };
  });
}

/** Every board vendor must be watched: a board of a vendor nobody polls would stay empty. */
function resolveBoards(
  file: ConfigFile,
  vendors: readonly ConfiguredVendor[],
  configPath: string | null,
): Board[] {
  const watched = new Set(vendors.map((vendor) => vendor.slug));
  const suffix = configPath ? ` (${configPath})` : '';
  return file.boards.map((board, index) => {
    const seen = new Set<string>();
    const entries = board.vendors.map((entry, position) => {
      const spec = typeof entry === 'string' ? { slug: entry } : entry;
      const where = `boards[${index}].vendors[${position}]`;
      if (!watched.has(spec.slug)) {
        const near = nearest(spec.slug, [...watched]);
        throw new ConfigError(
          `config error at ${where}: board "${board.slug}" lists vendor "${spec.slug}", which is ` +
            `not watched${near ? ` (did you mean "${near}"?)` : ''}; add it to vendors: or remove it from the board${suffix}`,
        );
      }
      if (seen.has(spec.slug)) {
        throw new ConfigError(
          `config error at ${where}: board "${board.slug}" lists vendor "${spec.slug}" twice${suffix}`,
        );
      }
      seen.add(spec.slug);
      return { slug: spec.slug, components: spec.components ? [...spec.components] : null };
    });
    return {
      slug: board.slug,
      name: board.name,
      description: board.description ?? null,
      public: board.public,
      company: board.company ?? null,
      vendors: entries,
    };
  });
}

/** A target filtered by a board that does not exist would silently get nothing. */
function checkTargetBoards(
  targets: readonly NotificationTargetConfig[],
  boards: readonly Board[],
  configPath: string | null,
): void {
  const known = boards.map((board) => board.slug);
  for (const [index, target] of targets.entries()) {
    const refusal = unknownBoardRefusal(target, known);
    if (refusal !== null) {
      throw new ConfigError(
        `config error at notifications[${index}].boards: ${refusal}${configPath ? ` (${configPath})` : ''}`,
      );
    }
  }
}

/** Why a target's `boards` filter cannot be used (a name no board has), or null when it can. */
export function unknownBoardRefusal(
  target: { name: string; boards?: readonly string[] },
  known: readonly string[],
): string | null {
  const unknown = (target.boards ?? []).find((slug) => !known.includes(slug));
  if (unknown === undefined) return null;
  const near = nearest(unknown, [...known]);
  const choices = known.length === 0 ? 'no board is configured' : `boards: ${known.join(', ')}`;
  return (
    `target "${target.name}" names board "${unknown}", which does not exist` +
    `${near ? ` (did you mean "${near}"?)` : ''}; ${choices}`
  );
}

type ParsedProbes = z.infer<typeof probeListSchema>;

function probeSpecsOf(probes: ParsedProbes): ProbeSpec[] {
  return probes.map((probe): ProbeSpec => ({
    name: probe.name,
    url: probe.url,
    method: probe.method,
    expectStatus: probe.expect.status,
    bodyIncludes: probe.expect.bodyIncludes ?? null,
    intervalSeconds: probe.interval,
    timeoutSeconds: probe.timeout,
  }));
}

function probesOf(
  probes: ParsedProbes | undefined,
  suspectAfter: number,
): Pick<ConfiguredVendor, 'probes' | 'suspectAfter'> {
  if (!probes || probes.length === 0) return {};
  return { probes: probeSpecsOf(probes), suspectAfter };
}

/** A probe list's mistake: where (e.g. `[0].url`, empty for the list itself) and why. */
export interface ProbeListIssue {
  path: PropertyKey[];
  message: string;
}

/**
 * A vendor's probes written in the config file's shape (the watch list and the API), checked by
 * the config's rules: every mistake, each with its path, e.g. `[0].url: must be an http(s) URL`.
 */
export function parseProbeList(
  value: unknown,
): { ok: true; probes: ProbeSpec[] } | { ok: false; issues: ProbeListIssue[] } {
  const result = probeListSchema.safeParse(value);
  if (result.success) return { ok: true, probes: probeSpecsOf(result.data) };
  return {
    ok: false,
    issues: result.error.issues.map((outer) => {
      const issue = innermostIssue(outer);
      const message =
        issue.code === 'unrecognized_keys'
          ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k.slice(0, 40)}"`).join(', ')}`
          : issue.message;
      return { path: [...issue.path], message };
    }),
  };
}

/** `probes[0].url: must be an http(s) URL`: one issue, named from the field the body sends. */
export function describeProbeIssue(field: string, issue: ProbeListIssue): string {
  return `${field}${issue.path.length > 0 ? formatPath(issue.path).replace(/^(?!\[)/, '.') : ''}: ${issue.message}`;
}

function numberFromEnv(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new ConfigError(`${name}="${value}" is not a port number`);
  return n;
}

/**
 * Checks a notification target given at run time (the admin API) by the config file's rules;
 * the error names the field, e.g. `url: must be an http(s) URL`.
 */
export function parseNotificationTarget(
  value: unknown,
): { ok: true; target: NotificationTargetConfig } | { ok: false; error: string } {
  const result = notificationSchema.safeParse(value);
  if (result.success) return { ok: true, target: result.data };
  const issue = innermostIssue(result.error.issues[0]!);
  const message =
    issue.code === 'unrecognized_keys'
      ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k.slice(0, 40)}"`).join(', ')}`
      : issue.message;
  return {
    ok: false,
    error: issue.path.length > 0 ? `${formatPath(issue.path)}: ${message}` : message,
  };
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

/** A union (slug or object) reports "invalid input"; the branch that matched the shape says why. */
function innermostIssue(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union') return issue;
  // The branch that got furthest into the value is the one the user meant.
  const deepest = issue.errors
    .map((issues) => issues[0])
    .filter((inner): inner is z.core.$ZodIssue => inner !== undefined)
    .sort((a, b) => b.path.length - a.path.length)[0];
  return deepest ? innermostIssue({ ...deepest, path: [...issue.path, ...deepest.path] }) : issue;
}

function formatIssue(configPath: string | null, outer: z.core.$ZodIssue): string {
  const issue = innermostIssue(outer);
  const where = formatPath(issue.path);
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const known = keysAt(configSchema, issue.path);
    message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys
      .map((key) => {
        const near = nearest(key, known);
        return near ? `"${key}" (did you mean "${near}"?)` : `"${key}"`;
      })
      .join(', ')}`;
  }
  return `config error at ${where}: ${message}${configPath ? ` (${configPath})` : ''}`;
}

interface SchemaDef {
  type: string;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  shape?: Record<string, z.core.$ZodType>;
  element?: z.core.$ZodType;
  options?: z.core.$ZodType[];
}

/** The keys an object in the schema accepts at a path (every variant's, for a union). */
function keysAt(schema: z.core.$ZodType, path: ReadonlyArray<PropertyKey>): string[] {
  const def = schema._zod.def as SchemaDef;
  const inner = def.innerType ?? def.in;
  if (inner) return keysAt(inner, path);
  if (def.options) return [...new Set(def.options.flatMap((option) => keysAt(option, path)))];
  const [head, ...rest] = path;
  if (head === undefined) return def.shape ? Object.keys(def.shape) : [];
  if (def.element && typeof head === 'number') return keysAt(def.element, rest);
  const next = def.shape?.[String(head)];
  return next ? keysAt(next, rest) : [];
}

/** Where an issue sits in the parsed file: the index of each key or item along its path. */
function filePosition(value: unknown, issue: z.core.$ZodIssue): number[] {
  const path: PropertyKey[] = [...issue.path];
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path.push(issue.keys[0]);
  const position: number[] = [];
  let current = value;
  for (const part of path) {
    if (current === null || typeof current !== 'object') break;
    const keys = Object.keys(current);
    const index = Array.isArray(current) ? Number(part) : keys.indexOf(String(part));
    position.push(index < 0 ? keys.length : index);
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return position;
}

function comparePositions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/** Checked by the schema already; a value that still does not parse is left out. */
export function dependenciesOf(
  values: readonly string[] | undefined,
  source: Dependency['source'],
): Dependency[] {
  return (values ?? []).flatMap((value) => parseDependency(value, source) ?? []);
}
