// `npm run screenshots` (after `npm run build`): the README's screenshots from a realistic demo on
// loopback. Four made-up vendors on four platforms (history, one open incident with three
// updates, one maintenance in progress), `vendorwatch serve` from dist/ watching them with a
// webhook target that the simulator receives (so /deliveries has rows), then Chromium saves the
// dashboard, incident, vendor, incidents and deliveries pages at 1280 and 390 px into
// docs/screenshots/. Times are relative to now, so every run shows the same ages and durations.
/* global fetch */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'dist/cli/bin.js');
const outDir = join(root, 'docs/screenshots');
const chromiumPath = process.env.VENDORWATCH_CHROMIUM ?? '/usr/bin/chromium';
/** Long enough for serve to start and record the baseline before anything changes. */
const startDelayMs = 6000;
const stepMs = 1500;
const widths = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

if (!existsSync(bin)) {
  console.error('screenshots: dist/ is missing; run `npm run build` first');
  process.exit(2);
}
const { parseTimeline, startSimulator } = await import(join(root, 'dist/simulate/index.js'));

// One minute granularity: ages and durations on the pages do not move within a run.
const now = Math.floor(Date.now() / 60_000) * 60_000;
const ago = (minutes) => new Date(now - minutes * 60_000).toISOString();
const day = 24 * 60;

function update(id, status, minutesAgo, body) {
  return { id, status, at: ago(minutesAgo), body };
}

function resolvedIncident(id, name, impact, components, startedDaysAgo, minutes, bodies) {
  const start = startedDaysAgo * day;
  return {
    id,
    name,
    status: 'resolved',
    impact,
    components,
    updates: [
      update(`${id}-1`, 'investigating', start, bodies[0]),
      update(`${id}-2`, 'identified', start - Math.floor(minutes / 2), bodies[1]),
      update(`${id}-3`, 'resolved', start - minutes, bodies[2]),
    ],
  };
}

// Northwind Payments (Statuspage): the open incident, growing by one update per step.
const northwindHistory = [
  resolvedIncident('np-dns-0412', 'Delayed payout reports', 'minor', ['np-reports'], 6, 95, [
    'Payout reports for some merchants are delayed. Payments are not affected.',
    'A stuck export job was found and restarted; the backlog is being processed.',
    'All delayed payout reports have been delivered.',
  ]),
  resolvedIncident('np-api-0398', 'Increased API latency in EU', 'major', ['np-api'], 19, 48, [
    'We are investigating increased latency on API requests routed through our EU region.',
    'A degraded network link between two EU data centres was identified and taken out of rotation.',
    'Latency has returned to normal levels.',
  ]),
];
const openUpdates = [
  update(
    'np-auth-1',
    'investigating',
    42,
    'We are seeing elevated failure rates for card authorizations in Checkout and the Payments API. Investigating.',
  ),
  update(
    'np-auth-2',
    'identified',
    25,
    'The failures come from a card network gateway timing out. We are routing traffic to our secondary gateway.',
  ),
  update(
    'np-auth-3',
    'identified',
    9,
    'About 70% of traffic now goes through the secondary gateway and failure rates are dropping. We keep monitoring.',
  ),
];
const openIncident = (updates) => ({
  id: 'np-auth-0431',
  name: 'Elevated card authorization failures',
  status: updates.at(-1).status,
  impact: 'major',
  components: ['np-checkout', 'np-api'],
  updates,
});
const degraded = { 'np-checkout': 'partial_outage', 'np-api': 'degraded_performance' };
const northwind = {
  slug: 'northwind-payments',
  name: 'Northwind Payments',
  platform: 'statuspage',
  url: 'https://status.northwind-payments.example',
  components: [
    { id: 'np-api', name: 'Payments API', group: 'Payments' },
    { id: 'np-checkout', name: 'Checkout', group: 'Payments' },
    { id: 'np-reports', name: 'Payout reports', group: 'Payments' },
    { id: 'np-dashboard', name: 'Merchant dashboard' },
    { id: 'np-webhooks', name: 'Webhooks' },
  ],
  steps: [
    { afterMs: 0, at: ago(60), incidents: northwindHistory },
    ...[1, 2, 3].map((count, index) => ({
      afterMs: index === 0 ? startDelayMs : stepMs,
      at: openUpdates[count - 1].at,
      components: degraded,
      incidents: [openIncident(openUpdates.slice(0, count)), ...northwindHistory],
    })),
  ],
};

// Contoso Cloud (Statuspage format too: its maintenance windows are the richest): a maintenance
// that starts once vendorwatch watches.
const maintenance = (status, updates) => ({
  id: 'cc-maint-77',
  name: 'Database cluster upgrade in eu-west-1',
  status,
  impact: 'maintenance',
  components: ['cc-db'],
  scheduledFor: ago(15),
  scheduledUntil: ago(-45),
  updates,
});
const scheduledNote = update(
  'cc-maint-77-1',
  'scheduled',
  3 * day,
  'We will upgrade the managed PostgreSQL cluster in eu-west-1. Connections may drop briefly during failover.',
);
const contoso = {
  slug: 'contoso-cloud',
  name: 'Contoso Cloud',
  platform: 'statuspage',
  url: 'https://status.contoso-cloud.example',
  components: [
    { id: 'cc-compute', name: 'Compute', group: 'eu-west-1' },
    { id: 'cc-db', name: 'Managed databases', group: 'eu-west-1' },
    { id: 'cc-storage', name: 'Object storage', group: 'eu-west-1' },
    { id: 'cc-console', name: 'Console' },
  ],
  steps: [
    {
      afterMs: 0,
      at: ago(60),
      incidents: [
        resolvedIncident(
          'cc-obj-51',
          'Object storage uploads failing',
          'critical',
          ['cc-storage'],
          27,
          130,
          [
            'Uploads to object storage in eu-west-1 fail with 503 errors.',
            'A faulty configuration push was rolled back.',
            'Uploads succeed again; we are writing a postmortem.',
          ],
        ),
      ],
      maintenances: [maintenance('scheduled', [scheduledNote])],
    },
    {
      afterMs: startDelayMs + stepMs,
      at: ago(15),
      components: { 'cc-db': 'under_maintenance' },
      maintenances: [
        maintenance('in_progress', [
          scheduledNote,
          update('cc-maint-77-2', 'in_progress', 15, 'The upgrade is in progress.'),
        ]),
      ],
    },
  ],
};

// Two quiet vendors on other platforms, with some history.
const quiet = (slug, name, platform, components, incidents) => ({
  slug,
  name,
  platform,
  url: `https://status.${slug}.example`,
  components,
  steps: [{ afterMs: 0, at: ago(60), incidents }],
});
const fabrikam = quiet(
  'fabrikam-mail',
  'Fabrikam Mail',
  'incidentio',
  [
    { id: 'fm-smtp', name: 'SMTP relay' },
    { id: 'fm-api', name: 'Send API' },
  ],
  [
    resolvedIncident(
      'fm-bounce-9',
      'Delayed delivery to Outlook addresses',
      'minor',
      ['fm-smtp'],
      3,
      210,
      [
        'Messages to Outlook and Hotmail addresses are queued longer than usual.',
        'The receiving provider is throttling our IP range; we have spread traffic across more addresses.',
        'The queue has drained and delivery times are back to normal.',
      ],
    ),
  ],
);
const tailspin = quiet(
  'tailspin-cdn',
  'Tailspin CDN',
  'instatus',
  [
    { id: 'tc-edge', name: 'Edge network' },
    { id: 'tc-purge', name: 'Cache purge' },
  ],
  [
    resolvedIncident('tc-purge-3', 'Slow cache purges', 'minor', ['tc-purge'], 11, 35, [
      'Cache purge requests take up to 10 minutes to apply.',
      'A backlog on one purge worker pool was found and scaled out.',
      'Purges apply within seconds again.',
    ]),
  ],
);

const categoryOf = {
  'northwind-payments': 'payments',
  'contoso-cloud': 'cloud',
  'fabrikam-mail': 'communications',
  'tailspin-cdn': 'cdn-dns',
};
const work = mkdtempSync(join(tmpdir(), 'vendorwatch-screenshots-'));
const timeline = parseTimeline({ vendors: [northwind, contoso, fabrikam, tailspin] }, 'demo');
const simulator = await startSimulator({ timeline, startDelayMs });
const vendorsYaml = simulator.vendors
  .map((v) => {
    const def = timeline.vendors.find((t) => t.slug === v.slug);
    return `  - slug: ${v.slug}\n    name: ${v.name}\n    url: ${v.baseUrl}\n    platform: ${def.platform}\n    category: ${categoryOf[v.slug]}\n    interval: 1s`;
  })
  .join('\n');
writeFileSync(
  join(work, 'vendorwatch.yaml'),
  `database: ${join(work, 'demo.db')}
network:
  allowedPrivateRanges: [127.0.0.0/8]
vendors:
${vendorsYaml}
notifications:
  - name: ops-webhook
    type: webhook
    url: ${simulator.controlUrl}/_sim/inbox
  - name: payments-oncall
    type: webhook
    url: ${simulator.controlUrl}/_sim/inbox
    vendors: [northwind-payments]
    minImpact: major
`,
);

const serve = spawn(
  process.execPath,
  [bin, 'serve', '--config', 'vendorwatch.yaml', '--port', '0'],
  {
    cwd: work,
    env: withoutStoreOverrides({ ...process.env, LOG_LEVEL: 'warn' }),
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
let browser;
try {
  const baseUrl = await new Promise((resolve, reject) => {
    let out = '';
    serve.stdout.on('data', (chunk) => {
      out += chunk.toString();
      const match = /serving (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    serve.once('exit', (code) => reject(new Error(`vendorwatch serve exited with ${code}`)));
  });
  const incidentId = `${northwind.slug}-np-auth-0431`;
  await until('the demo to play out', async () => {
    const incident = await getJson(`${baseUrl}/api/v1/incidents/${incidentId}`);
    const maintenanceStarted = simulator.inbox().some((r) => r.event === 'maintenance.started');
    return incident?.updates?.length === 3 && maintenanceStarted && simulator.inbox().length >= 5;
  });

  mkdirSync(outDir, { recursive: true });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
  });
  const pages = [
    ['dashboard', '/'],
    ['incident', `/incidents/${incidentId}`],
    ['vendor', `/vendors/${northwind.slug}`],
    ['incidents', '/incidents'],
    ['deliveries', '/deliveries'],
  ];
  for (const view of widths) {
    const context = await browser.newContext({
      viewport: { width: view.width, height: view.height },
      colorScheme: 'light',
      timezoneId: 'UTC',
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    for (const [name, path] of pages) {
      await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
      const file = join(outDir, `${name}-${view.width}.png`);
      await page.screenshot({ path: file });
      console.log(`screenshots: ${file.slice(root.length)}`);
    }
    await context.close();
  }
} finally {
  await browser?.close();
  serve.kill('SIGTERM');
  await simulator.close();
  rmSync(work, { recursive: true, force: true });
}

async function getJson(url) {
  const response = await fetch(url);
  return response.ok ? response.json() : null;
}

async function until(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`screenshots: timed out waiting for ${what}`);
}

/** The demo's own database and config, whatever the calling shell exports. */
function withoutStoreOverrides(env) {
  delete env.DATABASE_URL;
  delete env.VENDORWATCH_CONFIG;
  delete env.PORT;
  return env;
}
