// The config file's schema (docs/contract.md#configuration). Defaults live here and nowhere else.
import { z } from 'zod';
import { parseDependency } from '../domain/correlation.js';
import { defaultFlagSettings } from '../domain/hygiene-flags.js';
import { probeMethods } from '../domain/probe.js';
import { defaultSuspectAfter } from '../domain/suspicion.js';
import { defaultImpactWeights } from '../domain/uptime.js';
import { channels } from '../notify/registry.js';
import { platforms } from './platforms.js';
import { parseDurationSeconds } from './duration.js';

const defaultIntervalSeconds = 60;
const defaultDeliveryRetentionSeconds = 90 * 86_400;
const defaultStuckAfterSeconds = defaultFlagSettings.stuckAfterSeconds;
const defaultPostmortemAfterSeconds = defaultFlagSettings.postmortemAfterSeconds;
const defaultSessionIdleSeconds = 12 * 3600;
const defaultSessionMaxAgeSeconds = 7 * 86_400;
const defaultLockSeconds = 15 * 60;
/** Fast polling while a vendor has an open incident (or is suspected); never below the floor. */
export const defaultActiveIntervalSeconds = 10;
export const minActiveIntervalSeconds = 5;

const durationSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const seconds = parseDurationSeconds(value);
  if (seconds === null) {
    ctx.addIssue({
      code: 'custom',
      message: `"${String(value)}" is not a duration (use e.g. 30s, 5m, 1h)`,
    });
    return z.NEVER;
  }
  return seconds;
});

const intervalSchema = durationSchema.refine((seconds) => seconds >= 1, {
  message: 'must be at least 1s',
});

/** Polls every few seconds cost the vendor more than they gain us below this floor. */
const activeIntervalSchema = durationSchema.refine(
  (seconds) => seconds >= minActiveIntervalSeconds,
  { message: `must be at least ${minActiveIntervalSeconds}s` },
);

function impactWeight(fallback: number) {
  return z.number().min(0).max(1).default(fallback);
}

export const slugPattern = /^[a-z0-9][a-z0-9-]{0,62}$/;

const httpUrl = z.string().refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), {
  message: 'must be an http(s) URL',
});

/** `aws`, `aws:us-east-1`, `azure:East US 2`: another vendor's slug, optionally a region. */
export const dependencySchema = z
  .string()
  .refine((value) => parseDependency(value, 'config') !== null, {
    message: 'must be a vendor slug, optionally with a region after a colon (e.g. aws:us-east-1)',
  });

const defaultProbeIntervalSeconds = 30;
const defaultProbeTimeoutSeconds = 10;

export const suspectAfterSchema = z
  .number()
  .int('must be a whole number of failures')
  .min(1, 'must be at least 1')
  .max(100, 'must be at most 100');

const expectStatusMessage = 'must be 2xx or a list of HTTP status codes (100–599), e.g. [200, 401]';

/** One request to a vendor's real endpoint (docs/contract.md#probes). */
const probeSchema = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$/, 'must be 1–40 letters, digits, spaces, . _ -'),
    url: httpUrl,
    method: z.enum(probeMethods, { message: 'must be GET or HEAD' }).default('GET'),
    expect: z
      .object({
        status: z
          .union([
            z.literal('2xx', { message: expectStatusMessage }),
            z
              .array(
                z
                  .number({ message: expectStatusMessage })
                  .int(expectStatusMessage)
                  .min(100, expectStatusMessage)
                  .max(599, expectStatusMessage),
                { message: expectStatusMessage },
              )
              .min(1, 'must list at least one status code'),
          ])
          .default('2xx'),
        bodyIncludes: z.string().min(1).max(200).optional(),
      })
      .strict()
      .default({ status: '2xx' }),
    interval: intervalSchema.default(defaultProbeIntervalSeconds),
    timeout: durationSchema
      .refine((seconds) => seconds > 0 && seconds <= 60, { message: 'must be from 1s to 60s' })
      .default(defaultProbeTimeoutSeconds),
  })
  .strict()
  .superRefine((probe, ctx) => {
    if (probe.method === 'HEAD' && probe.expect.bodyIncludes !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['expect', 'bodyIncludes'],
        message: 'a HEAD probe reads no body; use method: GET to check its text',
      });
    }
  });

/** A vendor's probes: the config file's `vendors[].probes`, the watch list's and the API's. */
export const probeListSchema = z
  .array(probeSchema)
  .max(20, 'at most 20 probes per vendor')
  .superRefine((probes, ctx) => {
    const seen = new Set<string>();
    probes.forEach((probe, index) => {
      if (seen.has(probe.name)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'name'],
          message: `duplicate probe name "${probe.name}" for this vendor`,
        });
      }
      seen.add(probe.name);
    });
  });

const vendorEntrySchema = z.union([
  z.string().regex(slugPattern, 'must be a catalog slug (lowercase letters, digits, dashes)'),
  z
    .object({
      slug: z.string().regex(slugPattern, 'must be lowercase letters, digits and dashes'),
      name: z.string().min(1).max(200).optional(),
      url: httpUrl.optional(),
      platform: z.enum(platforms).optional(),
      category: z.string().max(40).optional(),
      interval: intervalSchema.optional(),
      /** This vendor's interval while it has an open incident; polling.activeInterval else. */
      activeInterval: activeIntervalSchema.optional(),
      /** Replaces the catalog's: the upstreams this vendor runs on (outages that span vendors). */
      dependsOn: z.array(dependencySchema).max(20).optional(),
      /** This vendor's threshold for the stuck hygiene flag; the global flags.stuckAfter else. */
      stuckAfter: intervalSchema.optional(),
      /** Requests to the vendor's real endpoints: its own health, seen before it posts. */
      probes: probeListSchema.optional(),
      /** Failing probe results in a row before the vendor is suspected; the global one else. */
      suspectAfter: suspectAfterSchema.optional(),
    })
    .strict(),
]);

/** A board's vendor: its slug (the whole vendor), or its slug and some of its components. */
const boardVendorSchema = z.union([
  z.string().regex(slugPattern, 'must be a watched vendor slug'),
  z
    .object({
      slug: z.string().regex(slugPattern, 'must be a watched vendor slug'),
      /** Only these components of the vendor (names as its status page writes them). */
      components: z.array(z.string().trim().min(1).max(200)).min(1).max(500).optional(),
    })
    .strict(),
]);

/** A named selection of vendors and components (docs/contract.md#boards). */
const boardSchema = z
  .object({
    slug: z.string().regex(slugPattern, 'must be lowercase letters, digits and dashes'),
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).optional(),
    /** Its status page /status/{slug} is served to anyone (a company's customers). */
    public: z.boolean().default(false),
    company: z
      .object({ name: z.string().trim().min(1).max(200), url: httpUrl })
      .strict()
      .optional(),
    vendors: z.array(boardVendorSchema).min(1).max(500),
  })
  .strict();

const boardListSchema = z.array(boardSchema).superRefine((boards, ctx) => {
  const seen = new Set<string>();
  for (const [index, board] of boards.entries()) {
    if (seen.has(board.slug)) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'slug'],
        message: `duplicate board slug "${board.slug}"`,
      });
    }
    seen.add(board.slug);
  }
});

/**
 * One notification target, as the config file and the admin API both give it: a variant per
 * channel type with that channel's fields, built by the channel registry.
 */
export const notificationSchema = channels.schema;

/** The channel types and a new target's JSON Schema, for the API description. */
export const targetTypes = channels.types;
export const targetJsonSchema = channels.jsonSchema;

export const configSchema = z
  .object({
    pollInterval: intervalSchema.default(defaultIntervalSeconds),
    network: z
      .object({
        allowPrivateAddresses: z.boolean().default(false),
        allowedPrivateRanges: z.array(z.string()).default([]),
        timeout: durationSchema.default(30),
        maxBodyBytes: z
          .number()
          .int()
          .min(1024)
          .default(5 * 1024 * 1024),
        perHostConcurrency: z.number().int().min(1).max(64).default(4),
      })
      .strict()
      .default({
        allowPrivateAddresses: false,
        allowedPrivateRanges: [],
        timeout: 30,
        maxBodyBytes: 5 * 1024 * 1024,
        perHostConcurrency: 4,
      }),
    /** Fast polling while it matters (docs/contract.md#configuration). */
    polling: z
      .object({
        activeInterval: activeIntervalSchema.default(defaultActiveIntervalSeconds),
      })
      .strict()
      .default({ activeInterval: defaultActiveIntervalSeconds }),
    poller: z
      .object({
        concurrency: z.number().int().min(1).max(2000).default(128),
      })
      .strict()
      .default({ concurrency: 128 }),
    database: z.string().min(1).optional(),
    server: z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(3000),
        /** Where people reach this vendorwatch: the base of the links in notifications. */
        publicUrl: httpUrl.optional(),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 3000 }),
    notifier: z
      .object({
        /** Updates to one incident within this window become one message (people channels). */
        burstWindow: durationSchema.default(30),
        /** Reminder before a scheduled maintenance window; 0 turns reminders off. */
        reminderLead: durationSchema.default(3600),
      })
      .strict()
      .default({ burstWindow: 30, reminderLead: 3600 }),
    /** SLA evidence: how much of an incident's time is downtime, by impact (0–1). */
    uptime: z
      .object({
        weights: z
          .object({
            critical: impactWeight(defaultImpactWeights.critical),
            major: impactWeight(defaultImpactWeights.major),
            minor: impactWeight(defaultImpactWeights.minor),
            notice: impactWeight(defaultImpactWeights.notice),
          })
          .strict()
          .default({ ...defaultImpactWeights }),
      })
      .strict()
      .default({ weights: { ...defaultImpactWeights } }),
    /** What the poller deletes by itself (docs/contract.md#retention); 0 keeps it forever. */
    retention: z
      .object({
        deliveries: durationSchema.default(defaultDeliveryRetentionSeconds),
      })
      .strict()
      .default({ deliveries: defaultDeliveryRetentionSeconds }),
    /** Outages that span vendors: incidents starting this close together may be grouped. */
    correlation: z
      .object({
        window: durationSchema
          .refine((seconds) => seconds >= 60 && seconds <= 86_400, {
            message: 'must be from 1m to 1d',
          })
          .default(900),
      })
      .strict()
      .default({ window: 900 }),
    /** Hygiene flags: open without a vendor update this long is stuck; a promised postmortem is missing this long after. */
    flags: z
      .object({
        stuckAfter: intervalSchema.default(defaultStuckAfterSeconds),
        postmortemAfter: intervalSchema.default(defaultPostmortemAfterSeconds),
      })
      .strict()
      .default({
        stuckAfter: defaultStuckAfterSeconds,
        postmortemAfter: defaultPostmortemAfterSeconds,
      }),
    /** Accounts and sign-in (docs/security.md#accounts-and-sign-in). */
    auth: z
      .object({
        /** public: pages and the read API are open; signed-in: only to signed-in people. */
        readAccess: z.enum(['public', 'signed-in']).default('public'),
        /** A session unused this long ends. */
        sessionIdle: intervalSchema.default(defaultSessionIdleSeconds),
        /** A session ends this long after sign-in, however busy. */
        sessionMaxAge: intervalSchema.default(defaultSessionMaxAgeSeconds),
        /** How long 10 wrong passwords lock an account (and too many failures an address). */
        lockDuration: intervalSchema.default(defaultLockSeconds),
      })
      .strict()
      .default({
        readAccess: 'public',
        sessionIdle: defaultSessionIdleSeconds,
        sessionMaxAge: defaultSessionMaxAgeSeconds,
        lockDuration: defaultLockSeconds,
      }),
    vendors: z.array(vendorEntrySchema).optional(),
    boards: boardListSchema.default([]),
    /** Failing probe results in a row before a vendor is suspected (vendors[].suspectAfter wins). */
    suspectAfter: suspectAfterSchema.default(defaultSuspectAfter),
    notifications: channels.listSchema.default([]),
  })
  .strict();

export type ConfigFile = z.infer<typeof configSchema>;
export type NotificationTargetConfig = ConfigFile['notifications'][number];
