// The OpenAPI 3.1 description of the JSON API, written by hand next to the routes it describes.
// Enumerations come from the domain vocabularies, so a new value cannot drift out of the doc;
// openapi.test.ts checks that every route of the app appears here.
import { evidenceKinds } from '../../domain/correlation.js';
import {
  categories,
  componentStatuses,
  eventTypes,
  impacts,
  incidentKinds,
  phases,
  undetectedPlatform,
  vendorHealths,
} from '../../domain/vocabulary.js';
import { flagKinds } from '../../domain/hygiene-flags.js';
import { platforms } from '../../config/platforms.js';
import { targetJsonSchema, targetTypes } from '../../config/schema.js';
import { compatEndpoints, type CompatEndpoint } from '../compat/statuspage-body.js';
import { defaultLimit, maxLimit, maxQueryLength } from './params.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const instant = { type: 'string', format: 'date-time' };
const nullable = (schema: object) => ({ oneOf: [schema, { type: 'null' }] });
const stringList = { type: 'array', items: { type: 'string' } };

function object(properties: Record<string, object>, optional: string[] = []) {
  return {
    type: 'object',
    additionalProperties: false,
    properties,
    required: Object.keys(properties).filter((name) => !optional.includes(name)),
  };
}

const vendorProperties = {
  slug: { type: 'string' },
  name: { type: 'string' },
  // 'undetected': a config vendor without `platform:` whose detection has not succeeded yet.
  platform: { type: 'string', enum: [...platforms, undetectedPlatform] },
  category: { type: 'string', enum: [...categories] },
  statusPageUrl: { type: 'string', format: 'uri' },
  status: { type: 'string', enum: [...componentStatuses] },
  health: { type: 'string', enum: [...vendorHealths] },
  lastPolledAt: nullable(instant),
  lastSuccessAt: nullable(instant),
  firstSuccessAt: nullable({
    ...instant,
    description: 'The first successful poll; null until one.',
  }),
  failingSince: nullable({
    ...instant,
    description:
      'The first failed poll of the current failure streak; null when the last poll succeeded.',
  }),
  consecutiveFailures: {
    type: 'integer',
    minimum: 0,
    description: 'Failed polls in a row up to the last one; 0 when it succeeded.',
  },
  paused: {
    type: 'boolean',
    description: 'Paused from the watch list (PATCH): not polled until resumed.',
  },
  followedComponents: nullable({
    ...stringList,
    description:
      'The components followed; null follows all. They decide what counts as affected and what ' +
      'targets without a components filter for the vendor hear.',
  }),
  effectiveInterval: {
    type: 'integer',
    minimum: 1,
    description:
      'Seconds between polls now: the active interval while the vendor has an open incident, else its interval.',
  },
  pushReceivedAt: nullable({
    ...instant,
    description: "When the vendor's last push (POST /ingest) arrived; null when it never pushed.",
  }),
  pushPolledAt: nullable({
    ...instant,
    description: 'When the poll that answered the last push started; null before one.',
  }),
  error: { type: 'string', description: 'Why the last poll failed; present only then.' },
  errorReason: {
    type: 'string',
    description: 'The same failure in a few words ("HTTP 503", "DNS lookup failed"); with error.',
  },
};

const incidentProperties = {
  id: { type: 'string' },
  vendorSlug: { type: 'string' },
  sourceId: { type: 'string' },
  title: { type: 'string' },
  kind: { type: 'string', enum: [...incidentKinds] },
  impact: { type: 'string', enum: [...impacts] },
  phase: { type: 'string', enum: [...phases] },
  startedAt: instant,
  resolvedAt: nullable(instant),
  detectedAt: instant,
  backfilled: { type: 'boolean' },
  sourceUrl: nullable({ type: 'string' }),
  components: stringList,
  scheduledFor: nullable(instant),
  scheduledUntil: nullable(instant),
  regions: {
    ...stringList,
    description: 'Regions the vendor names apart from its components (Azure); empty otherwise.',
  },
  firstSignalAt: nullable({
    ...instant,
    description:
      "Observed: the earliest failing probe of the suspected outage linked to this incident (vendorwatch's own probes); null when none was.",
  }),
};

const flagSchema = object({
  kind: { type: 'string', enum: [...flagKinds] },
  firstDetectedAt: instant,
  clearedAt: nullable({
    ...instant,
    description: 'When the flag stopped holding; null while it holds.',
  }),
  evidence: {
    type: 'object',
    description:
      'What shows the flag, by kind (docs/contract.md#hygiene-flags): stuck {lastUpdateAt, ' +
      'stuckAfterSeconds, phase}; backdated {items: [{what, updateId, claimedAt, seenAt, ' +
      'previousReadAt}]}; downgraded {changes: [{from, to, fromSeenAt, toSeenAt}]}; rewritten ' +
      '{changes: [{field, updateId, from, to, fromSeenAt, toSeenAt}]}; silent_resolution ' +
      '{resolvedAt, lastUpdateAt}; no_components {}; postmortem_missing {promisedAt, updateId, dueAt}.',
  },
});
const flagList = {
  type: 'array',
  items: ref('IncidentFlag'),
  description: 'Hygiene flag episodes, oldest first; cleared ones included.',
};

const comparison = object({
  value: nullable({ type: 'number' }),
  peerMedian: nullable({
    type: 'number',
    description: 'Median over every watched vendor with a value.',
  }),
  peers: { type: 'integer', description: 'Vendors with a value, this one included.' },
  better: { type: 'integer', description: 'Other vendors strictly better.' },
  worse: { type: 'integer', description: 'Other vendors strictly worse.' },
  standing: {
    type: 'string',
    enum: ['better than most', 'worse than most', 'about the median', 'no peers'],
  },
});

const evidence = object({
  kind: {
    type: 'string',
    enum: [...evidenceKinds],
    description:
      "upstream-incident: the upstream's own incident; depends-on: the config or catalog says " +
      'the vendor runs on it; names-upstream: its text names the provider (and region).',
  },
  upstream: { type: 'string' },
  region: nullable({ type: 'string' }),
  detail: { type: 'string', description: 'What was found where, in words.' },
});

const outageProperties = {
  id: { type: 'string' },
  title: { type: 'string' },
  upstream: { type: 'string', description: 'The likely upstream: a vendor or provider slug.' },
  upstreamName: { type: 'string' },
  region: nullable({ type: 'string', description: 'Normalized region or global service.' }),
  startedAt: { ...instant, description: "The earliest member's start." },
  resolvedAt: nullable({ ...instant, description: 'Null while any member is open.' }),
  detectedAt: instant,
  vendors: {
    type: 'array',
    items: object({ slug: { type: 'string' }, name: { type: 'string' } }),
  },
  members: {
    type: 'array',
    items: object({
      incident: ref('Incident'),
      vendorName: { type: 'string' },
      role: { type: 'string', enum: ['upstream', 'dependent'] },
      evidence: { type: 'array', items: evidence },
      nearIncidentId: nullable({
        type: 'string',
        description: 'The member it joined within the window; null for the first.',
      }),
      gapSeconds: nullable({ type: 'integer' }),
      joinedAt: instant,
    }),
  },
};

const boardProperties = {
  slug: { type: 'string' },
  name: { type: 'string' },
  description: nullable({ type: 'string' }),
  public: { type: 'boolean', description: 'Its status page /status/{slug} is open to anyone.' },
  company: nullable(object({ name: { type: 'string' }, url: { type: 'string' } })),
  status: {
    type: 'string',
    enum: [...componentStatuses],
    description: "The worst of its vendors' statuses on its components.",
  },
  affectedVendors: {
    ...stringList,
    description: 'Slugs of its vendors not fully operational on its components.',
  },
};

const schemas = {
  Board: object({
    ...boardProperties,
    vendors: {
      type: 'array',
      items: object({
        slug: { type: 'string' },
        components: nullable({ ...stringList, description: 'null: the whole vendor.' }),
      }),
    },
  }),
  BoardDetail: object({
    ...boardProperties,
    vendors: {
      type: 'array',
      description: 'Each vendor as /api/v1/vendors lists it, judged on the board components only.',
      items: object(
        {
          ...vendorProperties,
          activeIncidents: { type: 'integer', minimum: 0 },
          boardComponents: nullable(stringList),
          components: { type: 'array', items: ref('Component') },
          missingComponents: {
            ...stringList,
            description: "Board component names the vendor's page does not list.",
          },
        },
        ['error', 'errorReason'],
      ),
    },
    pendingVendors: { ...stringList, description: 'Board vendors not stored yet.' },
    openIncidents: { type: 'array', items: ref('Incident') },
  }),
  Outage: object(outageProperties),
  OutageDetail: object({
    ...outageProperties,
    timeline: {
      type: 'array',
      description: "Every member's updates, oldest first.",
      items: object({
        at: instant,
        vendorSlug: { type: 'string' },
        vendorName: { type: 'string' },
        incidentId: { type: 'string' },
        incidentTitle: { type: 'string' },
        phase: { type: 'string', enum: [...phases] },
        text: { type: 'string' },
      }),
    },
  }),
  Error: object({ error: object({ code: { type: 'string' }, message: { type: 'string' } }) }),
  Vendor: object({ ...vendorProperties, activeIncidents: { type: 'integer', minimum: 0 } }, [
    'error',
    'errorReason',
  ]),
  VendorDetail: object(
    {
      ...vendorProperties,
      components: { type: 'array', items: ref('Component') },
      activeIncidents: { type: 'array', items: ref('Incident') },
      warnings: {
        ...stringList,
        description:
          'What the adapter could not read on the last parsed poll (values outside its enums, ' +
          'skipped items, cuts): a format change at the vendor shows here, not as missing data.',
      },
      suspicion: nullable({
        ...object({ firstSignalAt: instant, suspectedAt: instant }),
        description:
          "A suspected outage (docs/contract.md#probes): the vendor's probes fail and its page shows no incident; null when none is open.",
      }),
      probes: {
        type: 'array',
        items: ref('Probe'),
        description:
          'Its probes as configured (the config file, the watch list or PATCH); empty for none.',
      },
      suspectAfter: nullable({
        type: 'integer',
        minimum: 1,
        maximum: 100,
        description: 'Its own failures-in-a-row threshold; null: the global suspectAfter.',
      }),
    },
    ['error', 'errorReason'],
  ),
  Probe: object(
    {
      name: {
        type: 'string',
        pattern: '^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$',
        description: 'Unique within the vendor; the metric label.',
      },
      url: {
        type: 'string',
        format: 'uri',
        description: 'An http(s) URL; the address guard applies.',
      },
      method: { type: 'string', enum: ['GET', 'HEAD'], description: 'Default GET.' },
      expect: object(
        {
          status: {
            oneOf: [
              { type: 'string', enum: ['2xx'] },
              {
                type: 'array',
                items: { type: 'integer', minimum: 100, maximum: 599 },
                minItems: 1,
              },
            ],
            description: '2xx (the default) or a list of codes.',
          },
          bodyIncludes: {
            type: 'string',
            minLength: 1,
            maxLength: 200,
            description: 'Text the body must contain (GET only).',
          },
        },
        ['status', 'bodyIncludes'],
      ),
      interval: {
        oneOf: [{ type: 'number' }, { type: 'string' }],
        description: 'Seconds or "30s" (default 30, at least 1); GET answers seconds.',
      },
      timeout: {
        oneOf: [{ type: 'number' }, { type: 'string' }],
        description: 'Seconds or "10s" (default 10, 1 to 60); GET answers seconds.',
      },
    },
    ['method', 'expect', 'interval', 'timeout'],
  ),
  Component: object({
    id: { type: 'string' },
    name: { type: 'string' },
    group: nullable({ type: 'string' }),
    status: { type: 'string', enum: [...componentStatuses] },
  }),
  Incident: object(incidentProperties),
  ListedIncident: object({ ...incidentProperties, flags: flagList }),
  IncidentFlag: flagSchema,
  IncidentUpdate: object({
    id: { type: 'string' },
    phase: { type: 'string', enum: [...phases] },
    body: { type: 'string', description: 'Sanitized HTML (small allowlist).' },
    bodyText: { type: 'string' },
    postedAt: instant,
    detectedAt: instant,
    components: nullable(stringList),
  }),
  Revision: object({
    updateId: nullable({ type: 'string' }),
    field: { type: 'string' },
    from: nullable({ type: 'string' }),
    to: nullable({ type: 'string' }),
    seenAt: instant,
  }),
  IncidentDetail: object({
    ...incidentProperties,
    flags: flagList,
    updates: { type: 'array', items: ref('IncidentUpdate'), description: 'Oldest first.' },
    revisions: { type: 'array', items: ref('Revision'), description: 'Oldest first.' },
    durationSeconds: { type: 'integer', minimum: 0 },
    postingLagSeconds: nullable({
      type: 'integer',
      description:
        "The vendor's first post (its first update's own time) minus firstSignalAt: how long the probes saw errors before the vendor said so; null without a linked suspicion.",
    }),
    summary: { type: 'string' },
  }),
  Event: object({
    id: { type: 'string' },
    type: { type: 'string', enum: [...eventTypes] },
    vendorSlug: { type: 'string' },
    incidentId: nullable({ type: 'string' }),
    updateId: nullable({ type: 'string' }),
    component: nullable(
      object({
        id: { type: 'string' },
        name: { type: 'string' },
        from: nullable({ type: 'string', enum: [...componentStatuses] }),
        to: { type: 'string', enum: [...componentStatuses] },
      }),
    ),
    changes: {
      type: 'object',
      additionalProperties: object({ from: {}, to: {} }),
      description: 'The before/after values that changed, by field.',
    },
    at: instant,
  }),
  NotifyTarget: object({
    name: { type: 'string' },
    type: { type: 'string', enum: [...targetTypes] },
    state: { type: 'string', enum: ['active', 'disabled', 'quarantined'] },
    reason: nullable({ type: 'string', description: 'Why it is disabled or quarantined.' }),
    failures: { type: 'integer', minimum: 0, description: 'Failed attempts in a row.' },
    failingSince: nullable(instant),
    lastError: nullable({ type: 'string', description: 'Secrets redacted.' }),
    lastSuccessAt: nullable(instant),
    nextAttemptAt: instant,
  }),
  Target: object({
    name: { type: 'string' },
    type: { type: 'string', enum: [...targetTypes] },
    origin: {
      type: 'string',
      enum: ['config', 'api'],
      description: 'config: change it in the config file; api: added (and removable) here.',
    },
    destination: {
      type: 'string',
      description: 'Scheme and host only (the path of a webhook URL is often its secret).',
    },
    vendors: nullable(stringList),
    boards: nullable({ ...stringList, description: 'Board slugs (config boards:).' }),
    components: nullable({ type: 'object', additionalProperties: stringList }),
    minImpact: nullable({ type: 'string', enum: [...impacts] }),
    events: nullable({ type: 'array', items: { type: 'string', enum: [...eventTypes] } }),
    state: { type: 'string', enum: ['active', 'disabled', 'quarantined'] },
    reason: nullable({ type: 'string' }),
    failures: { type: 'integer', minimum: 0 },
    lastError: nullable({ type: 'string', description: 'Secrets redacted.' }),
    lastSuccessAt: nullable(instant),
    enabled: {
      type: 'boolean',
      description: 'False while an admin has it turned off (/manage/targets): nothing is sent.',
    },
    turnedOffAt: nullable(instant),
    turnedOffBy: nullable({ type: 'string' }),
  }),
  NewTarget: targetJsonSchema,
  NewVendor: {
    type: 'object',
    additionalProperties: false,
    anyOf: [{ required: ['url'] }, { required: ['slug'] }],
    properties: {
      url: {
        type: 'string',
        format: 'uri',
        description: 'The status page; its platform is detected.',
      },
      slug: {
        type: 'string',
        pattern: '^[a-z0-9][a-z0-9-]{0,62}$',
        description: 'Without url: a catalog slug (e.g. "github"), taken as the config file does.',
      },
      name: { type: 'string', description: "Defaults to the page's own name." },
      interval: { oneOf: [{ type: 'integer' }, { type: 'string' }], description: '60 or "5m".' },
      category: { type: 'string', enum: [...categories] },
      followedComponents: nullable({
        ...stringList,
        description: 'The components to follow; null or absent: all.',
      }),
    },
  },
  VendorSettings: {
    type: 'object',
    additionalProperties: false,
    properties: {
      interval: { oneOf: [{ type: 'integer' }, { type: 'string' }], description: '60 or "5m".' },
      paused: { type: 'boolean', description: 'true pauses polling; false resumes it at once.' },
      followedComponents: nullable({
        ...stringList,
        description: 'The components to follow; null: all.',
      }),
      probes: {
        type: 'array',
        items: ref('Probe'),
        maxItems: 20,
        description:
          "The whole list, replacing its probes ([] removes them); checked by the config file's rules (docs/contract.md#probes).",
      },
      suspectAfter: nullable({
        type: 'integer',
        minimum: 1,
        maximum: 100,
        description: 'Failing probe results in a row before it is suspected; null: the global one.',
      }),
    },
  },
  Worker: object({
    id: { type: 'string', description: 'Stable across restarts: --worker-id, or <host>-<n>.' },
    host: { type: 'string' },
    pid: { type: 'integer' },
    state: { type: 'string', enum: ['live', 'gone'] },
    startedAt: instant,
    lastHeartbeatAt: instant,
    vendorsHeld: { type: 'integer', description: 'Vendors it is polling now (leased).' },
    targetsHeld: { type: 'integer', description: 'Notification targets it is delivering to now.' },
    polls: { type: 'integer', description: 'Polls since it started, as of its last heartbeat.' },
    pollsPerSecond: { type: 'number' },
    claimMsMean: nullable({ type: 'number' }),
    goneAt: nullable(instant),
    goneReason: nullable({ type: 'string', enum: ['stopped', 'heartbeat lost'] }),
    takenOverAt: nullable({
      ...instant,
      description: 'When its leases were handed back to the other workers.',
    }),
  }),
  Delivery: object({
    deliveryKey: {
      type: 'string',
      description: 'Idempotency key, sent as X-Vendorwatch-Delivery on every attempt.',
    },
    target: { type: 'string' },
    kind: { type: 'string', enum: ['event', 'reminder'] },
    status: { type: 'string', enum: ['pending', 'sent', 'failed', 'skipped'] },
    attempts: { type: 'integer', minimum: 0 },
    lastError: nullable({
      type: 'string',
      description: 'Why the last attempt failed or the delivery was skipped; secrets redacted.',
    }),
    createdAt: instant,
    nextAttemptAt: instant,
    sentAt: nullable(instant),
    event: object({
      id: { type: 'string' },
      type: { type: 'string', enum: [...eventTypes] },
      vendorSlug: { type: 'string' },
      vendorName: nullable({ type: 'string' }),
      incidentId: nullable({ type: 'string' }),
      incidentTitle: nullable({ type: 'string', description: "The incident's current title." }),
      at: instant,
    }),
  }),
  VendorReport: object({
    vendor: object({ slug: { type: 'string' }, name: { type: 'string' } }),
    days: { type: 'integer' },
    since: instant,
    until: instant,
    watchedVendors: { type: 'integer' },
    truncated: { type: 'boolean' },
    figures: object({
      incidents: { type: 'integer' },
      byImpact: object({
        critical: { type: 'integer' },
        major: { type: 'integer' },
        minor: { type: 'integer' },
        notice: { type: 'integer' },
      }),
      resolve: object({
        median: nullable({ type: 'integer', description: 'Seconds.' }),
        p90: nullable({ type: 'integer', description: 'Seconds, nearest rank.' }),
        resolved: { type: 'integer' },
      }),
      postmortem: object({
        share: nullable({ type: 'number', description: '0–1 of resolved incidents.' }),
        count: { type: 'integer' },
        medianDays: nullable({ type: 'number' }),
      }),
      cadence: object({
        medianGapSeconds: nullable({ type: 'integer' }),
        gaps: { type: 'integer' },
      }),
      flags: object(
        Object.fromEntries(flagKinds.map((kind) => [kind, { type: 'integer', minimum: 0 }])),
      ),
    }),
    comparisons: object({
      resolveMedian: comparison,
      resolveP90: comparison,
      postmortemShare: comparison,
      postmortemDays: comparison,
      cadence: comparison,
    }),
    flagComparisons: object(Object.fromEntries(flagKinds.map((kind) => [kind, comparison]))),
    methods: { type: 'object', additionalProperties: { type: 'string' } },
    incidents: {
      type: 'array',
      items: object({ id: { type: 'string' }, url: { type: 'string' } }),
    },
  }),
  UptimeEvidence: object({
    vendor: object({
      slug: { type: 'string' },
      name: { type: 'string' },
      statusPageUrl: { type: 'string' },
    }),
    component: nullable({ type: 'string', description: 'Null: every incident of the vendor.' }),
    from: instant,
    to: instant,
    rangeSeconds: { type: 'integer', minimum: 0 },
    incidentSeconds: {
      type: 'integer',
      minimum: 0,
      description: 'Time with at least one incident open, each instant once (maintenance aside).',
    },
    weightedDowntimeSeconds: {
      type: 'integer',
      minimum: 0,
      description: 'Each instant weighted by the worst impact then open; floored.',
    },
    uptimePercent: {
      type: 'number',
      description: '100 × (1 − weighted downtime / range), from milliseconds, 4 decimals.',
    },
    maintenanceSeconds: { type: 'integer', minimum: 0, description: 'Never downtime.' },
    weights: object({
      critical: { type: 'number' },
      major: { type: 'number' },
      minor: { type: 'number' },
      notice: { type: 'number' },
    }),
    method: { type: 'string', description: 'How the figures are computed, in words.' },
    truncated: { type: 'boolean', description: 'More incidents than one answer reads.' },
    incidents: {
      type: 'array',
      items: object({
        id: { type: 'string' },
        title: { type: 'string' },
        kind: { type: 'string', enum: [...incidentKinds] },
        impact: { type: 'string', enum: [...impacts] },
        startedAt: instant,
        resolvedAt: nullable(instant),
        from: { ...instant, description: 'Counted from (clipped to the range).' },
        to: { ...instant, description: 'Counted to (clipped; now for an open one).' },
        seconds: { type: 'integer', minimum: 0 },
        weight: { type: 'number', description: '0 for maintenance.' },
        url: { type: 'string', description: "The incident's page on this vendorwatch." },
      }),
    },
  }),
};

function query(name: string, description: string, schema: object = { type: 'string' }) {
  return { name, in: 'query', required: false, description, schema };
}
function path(name: string, description: string) {
  return { name, in: 'path', required: true, description, schema: { type: 'string' } };
}

const limit = query('limit', `Page size (default ${defaultLimit}).`, {
  type: 'integer',
  minimum: 1,
  maximum: maxLimit,
  default: defaultLimit,
});
const cursor = query('cursor', 'The nextCursor of the previous page.');
const vendorFilter = query('vendor', 'Only this vendor (slug).');

function json(description: string, schema: object) {
  return { description, content: { 'application/json': { schema } } };
}
function html(description: string) {
  return { description, content: { 'text/html': { schema: { type: 'string' } } } };
}
const htmlNotFound = { '404': html('No such page.') };

function feed(format: 'atom' | 'rss', summary: string) {
  const type = format === 'atom' ? 'application/atom+xml' : 'application/rss+xml';
  return {
    summary,
    responses: {
      '200': { description: 'The feed.', content: { [type]: { schema: { type: 'string' } } } },
      '304': { description: 'Not modified (If-None-Match matched the ETag).' },
      '404': html('No such vendor.'),
    },
  };
}

function calendar(summary: string) {
  return {
    summary,
    responses: {
      '200': {
        description: 'RFC 5545 calendar, one VEVENT per maintenance window (docs/compat.md).',
        content: { 'text/calendar': { schema: { type: 'string' } } },
      },
      '304': { description: 'Not modified (If-None-Match matched the ETag).' },
    },
  };
}

/** What each Statuspage-compatible endpoint holds besides `page` (docs/compat.md). */
const compatSummaries: Readonly<Record<CompatEndpoint, string>> = {
  summary: 'components, open incidents, open and upcoming maintenances, status',
  status: 'status { indicator, description }',
  components: 'components',
  incidents: 'the 50 latest incidents and every open one',
  'incidents/unresolved': 'open incidents',
  'scheduled-maintenances': 'the 50 latest maintenances and every open one',
  'scheduled-maintenances/upcoming': 'maintenances still scheduled',
  'scheduled-maintenances/active': 'maintenances in progress or verifying',
};

/** Every vendor, and every board as one page, in Statuspage's format. */
function compatPaths() {
  return {
    ...Object.fromEntries(
      compatEndpoints.map((endpoint) => [
        `/compat/{slug}/api/v2/${endpoint}.json`,
        {
          get: {
            summary: `The vendor in Statuspage's public v2 format: ${compatSummaries[endpoint]}.`,
            parameters: [path('slug', 'Vendor slug.')],
            responses: {
              '200': {
                description:
                  "Statuspage's shape (docs/compat.md); weak ETag, Last-Modified, CORS for any origin.",
                content: { 'application/json': { schema: { type: 'object' } } },
              },
              '304': { description: 'Not modified (If-None-Match or If-Modified-Since).' },
              '404': {
                description:
                  'No such vendor: `{ error: "not_found", message }` (Statuspage-style).',
                content: { 'application/json': { schema: { type: 'object' } } },
              },
            },
          },
        },
      ]),
    ),
    ...Object.fromEntries(
      compatEndpoints.map((endpoint) => [
        `/compat/board/{slug}/api/v2/${endpoint}.json`,
        {
          get: {
            summary: `A board as one Statuspage page: ${compatSummaries[endpoint]}.`,
            parameters: [path('slug', 'Board slug.')],
            responses: {
              '200': {
                description:
                  'Each board vendor a component group, each component named "Vendor – Component".',
                content: { 'application/json': { schema: { type: 'object' } } },
              },
              '304': { description: 'Not modified (If-None-Match or If-Modified-Since).' },
              '404': {
                description: 'No such board: `{ error: "not_found", message }`.',
                content: { 'application/json': { schema: { type: 'object' } } },
              },
            },
          },
        },
      ]),
    ),
  };
}

const errors = {
  '304': { description: 'Not modified (If-None-Match matched the ETag).' },
  '400': json('A query parameter is invalid.', ref('Error')),
  '500': json('Internal error.', ref('Error')),
};
const notFound = { '404': json('No such resource.', ref('Error')) };
/** Write routes exist only when VENDORWATCH_ADMIN_TOKEN is set. */
const adminOnly = {
  security: [{ adminToken: [] }],
  description: 'Needs the admin token; absent when VENDORWATCH_ADMIN_TOKEN is not set.',
};
const writeErrors = {
  '400': json('The body is not valid; the message names the field.', ref('Error')),
  '401': json('No or a wrong admin token.', ref('Error')),
  '415': json('The body is not application/json.', ref('Error')),
};
function body(schema: object) {
  return { required: true, content: { 'application/json': { schema } } };
}

function page(key: string, item: string) {
  return object({
    [key]: { type: 'array', items: ref(item) },
    nextCursor: nullable({ type: 'string' }),
  });
}

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'vendorwatch API',
    version: '1',
    description:
      "Vendors' status pages, normalized: current state, incident history and change events.",
  },
  paths: {
    '/healthz': {
      get: {
        summary: 'Liveness: the process answers.',
        responses: { '200': json('Alive.', object({ status: { type: 'string', const: 'ok' } })) },
      },
    },
    '/readyz': {
      get: {
        summary: 'Readiness: the store answers within a short deadline.',
        responses: {
          '200': json('Ready.', object({ status: { type: 'string', const: 'ready' } })),
          '503': json('The store did not answer in time or failed.', ref('Error')),
        },
      },
    },
    '/api/openapi.json': {
      get: {
        summary: 'This document.',
        responses: { '200': json('OpenAPI 3.1 document.', { type: 'object' }) },
      },
    },
    '/openapi.json': {
      get: {
        summary: 'Where tools look for this document first: a redirect to /api/openapi.json.',
        responses: { '301': { description: 'Moved to /api/openapi.json.' } },
      },
    },
    '/api/v1/vendors': {
      get: {
        summary: 'Every watched vendor with its current state.',
        responses: {
          '200': json(
            'Every watched vendor, by slug.',
            object({ vendors: { type: 'array', items: ref('Vendor') } }),
          ),
          ...errors,
        },
      },
      post: {
        ...adminOnly,
        summary:
          'Adds a vendor by its status page URL (platform detected) or catalog slug; polled at once.',
        requestBody: body(ref('NewVendor')),
        responses: {
          '201': json(
            'The vendor and how it was detected.',
            object({
              vendor: { type: 'object' },
              detection: object({
                confidence: { type: 'string', enum: ['high', 'medium'] },
                evidence: { type: 'string' },
              }),
            }),
          ),
          ...writeErrors,
          '409': json('The slug is taken or the page is already watched (named).', ref('Error')),
          '422': json(
            'Refused by the address guard, no platform detected, or not in the catalog.',
            ref('Error'),
          ),
        },
      },
    },
    '/api/v1/targets': {
      get: {
        summary: 'Every notification target with its filters and state; secrets never shown.',
        responses: {
          '200': json(
            'Targets by name.',
            object({ targets: { type: 'array', items: ref('Target') } }),
          ),
          ...errors,
        },
      },
      post: {
        ...adminOnly,
        summary: 'Adds a notification target; events recorded from now on are routed to it.',
        requestBody: body(ref('NewTarget')),
        responses: {
          '201': json('The target as stored (Location: its URL).', ref('Target')),
          ...writeErrors,
          '409': json('The name is taken (by the config file or the API).', ref('Error')),
          '422': json('The destination is refused by the address guard.', ref('Error')),
        },
      },
    },
    '/api/v1/audit': {
      get: {
        security: [{ adminToken: [] }],
        description:
          "Needs the admin token or an admin's session (sign-in cookie); absent without both.",
        summary:
          'The audit log, newest first: sign-ins and failed sign-ins, user changes, vendors and targets added or removed, with who, when and from which address.',
        parameters: [
          {
            name: 'limit',
            in: 'query',
            description: 'Entries per page (1–200, default 50).',
            schema: { type: 'integer', minimum: 1, maximum: 200 },
          },
          {
            name: 'before',
            in: 'query',
            description: 'The seq of the last entry of the previous page.',
            schema: { type: 'integer', minimum: 1 },
          },
        ],
        responses: {
          '200': json(
            'Entries and the link to the next (older) page.',
            object({
              entries: {
                type: 'array',
                items: object({
                  seq: { type: 'integer' },
                  at: { type: 'string', format: 'date-time' },
                  actor: { type: 'string' },
                  action: { type: 'string' },
                  subject: nullable({ type: 'string' }),
                  detail: nullable({ type: 'object' }),
                  address: nullable({ type: 'string' }),
                }),
              },
              next: nullable({ type: 'string' }),
            }),
          ),
          '401': json('Neither an admin token nor a session.', ref('Error')),
          '403': json('Signed in, but not as an admin.', ref('Error')),
          ...errors,
        },
      },
    },
    '/api/v1/targets/{name}': {
      get: {
        summary: 'One notification target.',
        parameters: [path('name', 'Target name.')],
        responses: { '200': json('The target.', ref('Target')), ...notFound, ...errors },
      },
      delete: {
        ...adminOnly,
        summary:
          'Removes a target added through the API; its pending deliveries fail as "target removed".',
        parameters: [path('name', 'Target name.')],
        responses: {
          '200': json(
            'Removed.',
            object({
              removed: { type: 'string' },
              failedDeliveries: { type: 'integer', minimum: 0 },
            }),
          ),
          '401': writeErrors['401'],
          ...notFound,
          '409': json('The target is defined in the config file.', ref('Error')),
        },
      },
      patch: {
        ...adminOnly,
        summary:
          'Turns a target added through the API off ({ "enabled": false }: nothing is routed to it, pending deliveries are skipped) or on again.',
        parameters: [path('name', 'Target name.')],
        requestBody: body(object({ enabled: { type: 'boolean' } })),
        responses: {
          '200': json('The target as stored now.', ref('Target')),
          ...writeErrors,
          ...notFound,
          '409': json('The target is defined in the config file.', ref('Error')),
        },
      },
    },
    '/api/v1/targets/{name}/test': {
      post: {
        ...adminOnly,
        summary:
          'Sends a sample message to the target now, as `vendorwatch notify test` does; a success puts a disabled (410) or quarantined target back in service.',
        parameters: [path('name', 'Target name.')],
        responses: {
          '200': json(
            'What happened: ok with the result (e.g. "HTTP 200"), or the kind of failure and its error, secrets redacted.',
            object(
              {
                ok: { type: 'boolean' },
                detail: { type: 'string' },
                kind: { type: 'string', enum: ['retry', 'rejected', 'gone', 'silent'] },
                error: { type: 'string', description: 'Secrets redacted.' },
                ms: { type: 'integer', minimum: 0 },
              },
              ['detail', 'kind', 'error'],
            ),
          ),
          '401': writeErrors['401'],
          ...notFound,
        },
      },
    },
    '/api/v1/vendors/{slug}': {
      get: {
        summary: 'One vendor with its components, active incidents and probes.',
        parameters: [path('slug', 'Vendor slug.')],
        responses: { '200': json('The vendor.', ref('VendorDetail')), ...notFound, ...errors },
      },
      patch: {
        ...adminOnly,
        summary:
          "Changes a run-time vendor's interval, paused state, followed components, probes or suspectAfter (only the fields given).",
        parameters: [path('slug', 'Vendor slug.')],
        requestBody: body(ref('VendorSettings')),
        responses: {
          '200': json(
            'The vendor as the watch list holds it.',
            object({ vendor: { type: 'object' } }),
          ),
          ...writeErrors,
          ...notFound,
          '409': json('The vendor comes from the config file: change it there.', ref('Error')),
        },
      },
      delete: {
        ...adminOnly,
        summary:
          'Stops watching a run-time vendor, keeping its history (default) or deleting it (history=delete).',
        parameters: [
          path('slug', 'Vendor slug.'),
          query('history', 'keep (default) or delete.', {
            type: 'string',
            enum: ['keep', 'delete'],
          }),
        ],
        responses: {
          '200': json(
            'Removed.',
            object({
              removed: { type: 'string' },
              history: { type: 'string', enum: ['keep', 'delete'] },
            }),
          ),
          '401': writeErrors['401'],
          ...notFound,
          '409': json('The vendor comes from the config file: change it there.', ref('Error')),
        },
      },
    },
    '/api/v1/vendors/{slug}/report': {
      get: {
        summary:
          "The vendor's report card over a window: incidents by impact, time to resolve (median, " +
          'p90), postmortem share and days to it, update cadence; each compared with the median ' +
          'of every watched vendor and explained, with the incidents behind them.',
        parameters: [
          path('slug', 'Vendor slug.'),
          query('days', 'Window in days (default 90).', {
            type: 'integer',
            minimum: 1,
            maximum: 365,
          }),
        ],
        responses: {
          '200': json('The report card.', ref('VendorReport')),
          ...notFound,
          ...errors,
        },
      },
    },
    '/api/v1/vendors/{slug}/uptime': {
      get: {
        summary:
          'SLA evidence: impact-weighted downtime, uptime % and the incidents behind them, for ' +
          'the vendor or one component over a date range. JSON, or CSV (one row per incident) ' +
          'with format=csv or Accept: text/csv.',
        parameters: [
          path('slug', 'Vendor slug.'),
          query('from', 'Start: a date (midnight UTC) or an instant. Default: 30 days before to.'),
          query('to', 'End (exclusive): a date or an instant. Default: now.'),
          query('component', 'Only incidents naming this component.'),
          query('format', 'json (default) or csv.', { type: 'string', enum: ['json', 'csv'] }),
        ],
        responses: {
          '200': {
            description: 'The evidence.',
            content: {
              'application/json': { schema: ref('UptimeEvidence') },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          ...notFound,
          ...errors,
        },
      },
    },
    '/api/v1/incidents': {
      get: {
        summary: 'Incidents and maintenances, newest first.',
        parameters: [
          vendorFilter,
          query('active', 'Only open (true) or only closed (false) ones.', {
            type: 'boolean',
          }),
          query('impact', 'Only this impact.', { type: 'string', enum: [...impacts] }),
          query('since', 'Started at or after this instant.', instant),
          query('until', 'Started before this instant.', instant),
          query(
            'q',
            'Words to find. Each word must begin a word of the title, the vendor name or slug, an ' +
              'affected component or any update text; case and accents are ignored. Punctuation ' +
              'and operators only separate words; the first 16 words count; text without any ' +
              'word finds nothing.',
            { type: 'string', maxLength: maxQueryLength },
          ),
          query('flag', 'Only incidents this hygiene flag holds for now (not cleared).', {
            type: 'string',
            enum: [...flagKinds],
          }),
          limit,
          cursor,
        ],
        responses: {
          '200': json('A page of incidents.', page('incidents', 'ListedIncident')),
          ...errors,
        },
      },
    },
    '/api/v1/incidents/{id}': {
      get: {
        summary: 'One incident with its updates, revisions, duration and summary.',
        parameters: [path('id', 'Incident id, e.g. balena-8gq2x9k1mlh4.')],
        responses: { '200': json('The incident.', ref('IncidentDetail')), ...notFound, ...errors },
      },
    },
    '/api/v1/outages': {
      get: {
        summary: 'Correlated outages: incidents of several vendors with one likely upstream.',
        description:
          'Latest start first. Grouped only on shared evidence (a declared dependsOn, the ' +
          "upstream's own incident, or texts naming the same provider and region) within " +
          'correlation.window; never on time alone.',
        parameters: [
          query('active', 'true: a member is still open; false: all resolved.', {
            type: 'string',
            enum: ['true', 'false'],
          }),
          limit,
          cursor,
        ],
        responses: { '200': json('A page of outages.', page('outages', 'Outage')), ...errors },
      },
    },
    '/api/v1/outages/{id}': {
      get: {
        summary: 'One outage: vendors, members with their evidence, the shared timeline.',
        parameters: [path('id', 'Outage id, e.g. o-aws-abc123.')],
        responses: { '200': json('The outage.', ref('OutageDetail')), ...notFound, ...errors },
      },
    },
    '/api/v1/events': {
      get: {
        summary: 'Recorded change events, oldest first (in recording order).',
        parameters: [
          query('since', 'At or after this instant.', instant),
          vendorFilter,
          limit,
          cursor,
        ],
        responses: { '200': json('A page of events.', page('events', 'Event')), ...errors },
      },
    },
    '/api/v1/events/stream': {
      get: {
        summary: 'Live events as Server-Sent Events.',
        description:
          'Each message is `event: <type>`, `id: <event id>`, `data: <Event JSON>`. With ' +
          'Last-Event-ID (or ?after=) the events recorded after it are sent first. A comment ' +
          'heartbeat is sent every 15 s.',
        parameters: [
          query('after', 'Replay events recorded after this event id or seq.'),
          vendorFilter,
          {
            name: 'Last-Event-ID',
            in: 'header',
            required: false,
            description: 'Set by EventSource on reconnect; wins over ?after=.',
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': {
            description: 'The stream.',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
          '400': errors['400'],
        },
      },
    },
    '/api/v1/deliveries': {
      get: {
        summary: 'Notification deliveries, newest first, and the state of every target.',
        parameters: [
          query('target', 'Only this target (its name).'),
          query('status', 'Only deliveries in this status.', {
            type: 'string',
            enum: ['pending', 'sent', 'failed', 'skipped'],
          }),
          limit,
          cursor,
        ],
        responses: {
          '200': json(
            'Targets and a page of deliveries.',
            object({
              targets: { type: 'array', items: ref('NotifyTarget') },
              deliveries: { type: 'array', items: ref('Delivery') },
              nextCursor: nullable({ type: 'string' }),
            }),
          ),
          ...errors,
        },
      },
    },
    '/api/v1/workers': {
      get: {
        summary:
          'The workers polling this database: live ones first, then those gone within the last day.',
        responses: {
          '200': json(
            'The lease length and every worker.',
            object({
              leaseSeconds: { type: 'integer' },
              workers: { type: 'array', items: ref('Worker') },
            }),
          ),
          ...errors,
        },
      },
    },
    '/api/v1/boards': {
      get: {
        summary: 'Every board of the config file with its status.',
        responses: {
          '200': json('The boards.', object({ boards: { type: 'array', items: ref('Board') } })),
          ...errors,
        },
      },
    },
    '/api/v1/boards/{slug}': {
      get: {
        summary: 'One board: its vendors and components with their status, its open incidents.',
        parameters: [path('slug', 'Board slug.')],
        responses: { '200': json('The board.', ref('BoardDetail')), ...notFound, ...errors },
      },
    },
    '/boards': {
      get: {
        summary: 'The boards (HTML), or how to configure one.',
        responses: { '200': html('The page.'), '304': errors['304'] },
      },
    },
    '/boards/{slug}': {
      get: {
        summary: "A board's dashboard (HTML): the dashboard over its vendors and components.",
        parameters: [
          path('slug', 'Board slug.'),
          query('q', 'Words in the vendor name.'),
          query('status', 'any, problems, or a component status.'),
          query('category', 'A vendor category.'),
        ],
        responses: { '200': html('The page.'), '304': errors['304'], ...htmlNotFound },
      },
    },
    '/status/{slug}': {
      get: {
        summary:
          "A board's status page for a company's customers (HTML, no script, its own CSP); " +
          '`{slug}.json` is its JSON twin, open to any origin. A private board answers 404 ' +
          'without a session.',
        parameters: [path('slug', 'Board slug, or the slug followed by .json.')],
        responses: {
          '200': {
            description: 'The page, or the JSON for a name ending in .json.',
            content: {
              'text/html': { schema: { type: 'string' } },
              'application/json': { schema: { type: 'object' } },
            },
          },
          '304': errors['304'],
          '404': html('No public status page here (an unknown or a private board).'),
        },
      },
    },
    '/boards/{slug}/feed.atom': {
      get: {
        ...feed('atom', "Atom 1.0 feed of a board's latest incidents."),
        parameters: [path('slug', 'Board slug.')],
      },
    },
    '/boards/{slug}/feed.rss': {
      get: {
        ...feed('rss', "RSS 2.0 feed of a board's latest incidents."),
        parameters: [path('slug', 'Board slug.')],
      },
    },
    '/boards/{slug}/maintenances.ics': {
      get: {
        ...calendar("A board's maintenance windows as a calendar to subscribe to."),
        parameters: [path('slug', 'Board slug.')],
        responses: {
          ...calendar('').responses,
          ...htmlNotFound,
        },
      },
    },
    '/': {
      get: {
        summary: 'The dashboard (HTML): every vendor, worst first; live with JavaScript.',
        parameters: [
          query('q', 'Words in the vendor name.'),
          query('status', 'any, problems, or a component status.'),
          query('category', 'A vendor category.'),
        ],
        responses: { '200': html('The page.'), '304': errors['304'] },
      },
    },
    '/incidents': {
      get: {
        summary: 'All incidents (HTML), newest first, filtered like /api/v1/incidents.',
        parameters: [
          vendorFilter,
          query('impact', 'Only this impact.'),
          query('active', 'true (open) or false (closed).'),
          query('since', 'First day (UTC), YYYY-MM-DD.', { type: 'string', format: 'date' }),
          query('until', 'Last day (UTC, included), YYYY-MM-DD.', {
            type: 'string',
            format: 'date',
          }),
          query('q', 'Words to find, as q of /api/v1/incidents.'),
          cursor,
        ],
        responses: {
          '200': html('The page.'),
          '304': errors['304'],
          '400': html('The page, saying which filter is wrong.'),
        },
      },
    },
    '/deliveries': {
      get: {
        summary: 'Notification deliveries (HTML): target states and the latest 100 deliveries.',
        parameters: [
          query('target', 'Only this target (its name).'),
          query('status', 'Only deliveries in this status.'),
        ],
        responses: { '200': html('The page.'), '304': errors['304'] },
      },
    },
    '/vendors/{slug}': {
      get: {
        summary: 'The vendor page (HTML): components, 90-day bars and figures, history.',
        parameters: [path('slug', 'Vendor slug.'), cursor],
        responses: { '200': html('The page.'), '304': errors['304'], ...htmlNotFound },
      },
    },
    '/vendors/{slug}/uptime': {
      get: {
        summary: 'Printable SLA evidence (HTML): the figures, how computed, the incidents behind.',
        parameters: [
          path('slug', 'Vendor slug.'),
          query('from', 'Start date.'),
          query('to', 'End date (exclusive).'),
          query('component', 'Only incidents naming this component.'),
        ],
        responses: { '200': html('The page.'), ...htmlNotFound },
      },
    },
    '/feed.atom': { get: feed('atom', 'Atom 1.0 feed of the latest incidents of every vendor.') },
    '/feed.rss': { get: feed('rss', 'RSS 2.0 feed of the latest incidents of every vendor.') },
    '/vendors/{slug}/feed.atom': {
      get: {
        ...feed('atom', "Atom 1.0 feed of one vendor's latest incidents."),
        parameters: [path('slug', 'Vendor slug.')],
      },
    },
    '/vendors/{slug}/feed.rss': {
      get: {
        ...feed('rss', "RSS 2.0 feed of one vendor's latest incidents."),
        parameters: [path('slug', 'Vendor slug.')],
      },
    },
    '/maintenances.ics': {
      get: calendar('Maintenance windows of every vendor as a calendar to subscribe to.'),
    },
    '/vendors/{slug}/maintenances.ics': {
      get: {
        ...calendar("One vendor's maintenance windows as a calendar to subscribe to."),
        parameters: [path('slug', 'Vendor slug.')],
        responses: {
          ...calendar('').responses,
          ...htmlNotFound,
        },
      },
    },
    '/ingest/{slug}/{token}': {
      post: {
        summary:
          "A vendor's own webhook (Statuspage, Instatus, incident.io shapes): a hint to poll that vendor now.",
        description:
          'Nothing in the body is stored: the poll it starts reads the vendor as every poll does. ' +
          'Pushes for one vendor share one poll per 2 s. No session or CSRF token: the token in the path is the credential.',
        parameters: [
          path('slug', 'Vendor slug.'),
          path('token', 'The vendor ingest token (`vendorwatch ingest-url SLUG`).'),
        ],
        requestBody: body({ type: 'object' }),
        responses: {
          '202': json(
            'Accepted: the vendor is due at pollAt.',
            object({
              accepted: { type: 'boolean' },
              kind: { type: 'string' },
              pollAt: instant,
            }),
          ),
          '400': json('Not JSON, or not a webhook shape vendorwatch knows.', ref('Error')),
          '404': json('Unknown vendor or wrong token (the same answer).', ref('Error')),
          '413': json('The body exceeds 256 KiB.', ref('Error')),
          '429': json('Too many pushes for this vendor or from this address.', ref('Error')),
        },
      },
    },
    ...compatPaths(),
    '/metrics': {
      get: {
        summary: 'Prometheus metrics: vendor and component status, open incidents, polls.',
        responses: {
          '200': {
            description: 'Prometheus text exposition format 0.0.4.',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
        },
      },
    },
    '/outages/{id}': {
      get: {
        summary: 'The outage page (HTML): vendors, likely upstream, evidence, shared timeline.',
        parameters: [path('id', 'Outage id.')],
        responses: { '200': html('The page.'), ...htmlNotFound },
      },
    },
    '/incidents/{id}': {
      get: {
        summary: 'The incident page (HTML): summary, times, components, timeline, edits.',
        parameters: [path('id', 'Incident id.')],
        responses: { '200': html('The page.'), '304': errors['304'], ...htmlNotFound },
      },
    },
    '/api/docs': {
      get: {
        summary: 'This document, rendered for reading (HTML, Swagger UI served by vendorwatch).',
        responses: { '200': html('The page.'), '304': errors['304'] },
      },
    },
    '/assets/swagger-ui/{version}/{name}': {
      get: {
        summary: "Swagger UI's bundle and stylesheet for /api/docs, from the installed package.",
        parameters: [
          path('version', 'The installed swagger-ui-dist version; any other is a 404.'),
          path('name', 'swagger-ui-bundle.js or swagger-ui.css.'),
        ],
        responses: {
          '200': {
            description: 'The file, cached for a year (its path names its version).',
            content: { 'text/javascript': { schema: { type: 'string' } } },
          },
          '304': errors['304'],
          ...htmlNotFound,
        },
      },
    },
    '/assets/{name}': {
      get: {
        summary:
          'The stylesheet (app.css), the scripts (app.js, api-docs.js) and the icon of the pages.',
        parameters: [path('name', 'app.css, app.js, api-docs.js or favicon.svg.')],
        responses: {
          '200': {
            description: 'The file; cached for a year when ?v= names its current version.',
            content: { 'text/css': { schema: { type: 'string' } } },
          },
          '304': errors['304'],
          ...htmlNotFound,
        },
      },
    },
  },
  components: {
    schemas,
    securitySchemes: { adminToken: { type: 'http', scheme: 'bearer' } },
  },
} as const;
