#!/usr/bin/env node
// Rebuilds catalog/vendors.json from the current file plus public lists of status pages, so the
// merge can be re-run and reviewed. Each list is read from a git snapshot of its repository at a
// pinned commit (`git show COMMIT:PATH`); only facts (name, page URL, platform) are taken.
//
//   node scripts/catalog-import.mjs --mirrors DIR [--write]
//
// DIR holds one bare-ish clone per repository as DIR/<owner>+<name>/repo (the layout the
// project's research snapshots use). Without --write it prints what it would change.
//
// What counts as confirmed (docs/catalog.md says the same in prose):
// - a list that names the platform of each page (a status checker's own service table);
// - a page on the platform's own hosting domain (`*.statuspage.io`, `*.instatus.com`,
//   `*.betteruptime.com`), which names the platform by itself;
// - a recorded Statuspage payload (2016) for a page that a list from 2024 or later still names;
// - a feed that a feed reader's list polls, taken as an `rss` vendor at that feed's URL.
// A page named only by a platform-less list is left out.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const mirrors = valueOf('--mirrors');
const write = args.includes('--write');
if (!mirrors) {
  console.error('usage: node scripts/catalog-import.mjs --mirrors DIR [--write]');
  process.exit(2);
}

const catalogPath = new URL('../catalog/vendors.json', import.meta.url);
/**
 * The base is the catalog as it stood before per-entry sources (this repository's commit
 * 7d94a6a: 361 vendors), so a re-run gives the same file whatever the current one holds.
 */
const baseCommit = '7d94a6a';
const current = JSON.parse(
  execFileSync('git', ['show', `${baseCommit}:catalog/vendors.json`], {
    cwd: new URL('..', import.meta.url),
    encoding: 'utf8',
  }),
);

/** The pinned snapshots. */
const repos = {
  stts: { repo: 'inket/stts', commit: '240c03a40fe69052036ce325d061437d65e3082a' },
  statuspile: {
    repo: 'dogsbodytech/statuspile',
    commit: 'b590b42031f90f96bf900449c3da0ef0230f97b1',
  },
  multistatus: {
    repo: 'lwindolf/multi-status',
    commit: '3c18f063bdc315bd36b5bce0eb154e736866a93b',
  },
  sahin: { repo: 'sahin/status-page', commit: '34678e4ea82114ca5a6c352aa8c0dfc2236da59b' },
  statusphere: {
    repo: 'metoro-io/statusphere',
    commit: '8d0ccbb7fd850db0318b0f05d23bb8edb99d6e8e',
  },
  sentry: {
    repo: 'getsentry/status-page-list',
    commit: '23958886e21c5b16992aa983b5f394d8527ea713',
  },
  statuscheck: { repo: 'amureki/statuscheck', commit: '36f33073a0b2cbe32f0cde08bd64c42c102b5e89' },
  infrastats: { repo: 'slord399/InfraStats', commit: 'debf345a76218b27b2991597b724370dd779209e' },
  laserdispatch: {
    repo: 'k33bs/laser-dispatch',
    commit: '7517ed1a009d42580a97326aeeb8bad0e8933109',
  },
  lousyoutages: {
    repo: 'suzyeaston/suzyeastonca',
    commit: '05a863f2ab1705f13f999c91d5a81b88350eaa12',
  },
  wikioasis: { repo: 'WikiOasis/salt', commit: '4f929546828a046a5a94a0f450290ce0eaa13949' },
};
/** Carried over from the catalog as built before sources were recorded per entry. */
const earlierCatalog = 'vendorwatch:catalog/vendors.json@90eb947';

function valueOf(flag) {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
}

function git(key, ...rest) {
  const dir = `${mirrors}/${repos[key].repo.replace('/', '+')}/repo`;
  return execFileSync('git', ['-C', dir, ...rest], { encoding: 'utf8', maxBuffer: 64 << 20 });
}
function show(key, path) {
  return git(key, 'show', `${repos[key].commit}:${path}`);
}
function sourceOf(key, path) {
  return `github:${repos[key].repo}@${repos[key].commit}:${path}`;
}

// ---- URL, host, name, slug -----------------------------------------------------------------

function parseUrl(raw) {
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url;
  } catch {
    return null;
  }
}
/** A page's identity: its host without `www.` (two URLs on one host are one page here). */
function pageKey(raw) {
  const url = parseUrl(raw);
  return url ? url.hostname.toLowerCase().replace(/^www\./, '') : null;
}
/** https origin plus path, no trailing slash, query or fragment. */
function pageUrl(raw) {
  const url = parseUrl(raw);
  if (!url || url.search || url.port || url.username) return null;
  const path = url.pathname.replace(/\/+$/, '');
  return `https://${url.hostname.toLowerCase()}${path}`;
}
function cleanName(raw) {
  let name = raw
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s+(status page|status|system status)$/i, '')
    .trim();
  if (name === name.toLowerCase() && /^[a-z]/.test(name))
    name = name[0].toUpperCase() + name.slice(1);
  return name;
}
function slugify(text) {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

// ---- category: keywords over name and host, else the list's own section, else other --------

const categoryWords = [
  [
    'ai',
    /\b(ai|openai|anthropic|llm|gpt|ml|machine learning|cohere|mistral|replicate|huggingface|elevenlabs|deepgram|assemblyai|perplexity|stability|midjourney|clarifai)\b|\.ai$/,
  ],
  [
    'payments',
    /\b(pay|pays|payment|payments|paypal|stripe|braintree|adyen|checkout|billing|invoice|recurly|chargebee|chargify|square|wallet|bank|banking|plaid|finance|financial|tax|accounting|coinbase|crypto|bitpay|gocardless|mollie|klarna|affirm|paddle|zuora|expensify|brex|ramp|payroll|quickbooks|xero|freshbooks)\b/,
  ],
  [
    'identity',
    /\b(auth|auth0|okta|identity|sso|login|onelogin|duo|jumpcloud|lastpass|1password|bitwarden|keeper|dashlane|ping|clerk|stytch|fusionauth|passport|iam|mfa|sailpoint|cyberark|secret|vault|zscaler|crowdstrike|security|secure|sentinelone|snyk|cloudflare access)\b/,
  ],
  [
    'communications',
    /\b(mail|email|e-mail|sendgrid|mailgun|postmark|mandrill|sparkpost|sms|voice|call|calls|phone|telephony|twilio|vonage|nexmo|plivo|bandwidth|sinch|messagebird|chat|messaging|message|slack|discord|zoom|meet|meeting|webinar|video|teams|webex|gotomeeting|ringcentral|dialpad|aircall|talkdesk|intercom|zendesk|freshdesk|helpscout|drift|crisp|front|push|notification|notifications|onesignal|pusher|pubnub|ably|stream|sendbird|mailchimp|campaign|newsletter|hubspot|marketing|social|contact center|support)\b/,
  ],
  [
    'observability',
    /\b(monitor|monitoring|log|logs|logging|loggly|papertrail|datadog|new ?relic|sentry|rollbar|bugsnag|honeybadger|airbrake|raygun|splunk|sumo|grafana|prometheus|elastic|apm|trace|tracing|observability|pagerduty|opsgenie|victorops|incident|uptime|pingdom|statuspage|status|checkly|honeycomb|lightstep|dynatrace|appdynamics|instana|librato|scout|skylight|metrics|analytics|mixpanel|amplitude|segment|heap|hotjar|fullstory|posthog|pendo|logrocket)\b/,
  ],
  [
    'databases',
    /\b(db|database|databases|sql|mysql|postgres|postgresql|mongo|mongodb|redis|cassandra|couchbase|dynamo|elasticsearch|algolia|search|snowflake|bigquery|clickhouse|cockroach|planetscale|supabase|firebase|fauna|neon|timescale|influx|data|datastax|aiven|compose|graphenedb|cloudamqp|kafka|confluent|rabbitmq|queue|storage|backblaze|wasabi|s3|warehouse|etl|fivetran|airbyte|dbt|stitch)\b/,
  ],
  [
    'cdn-dns',
    /\b(cdn|dns|domain|domains|registrar|fastly|akamai|cloudflare|bunny|keycdn|stackpath|maxcdn|imgix|cloudinary|edge|dnsimple|ns1|route|godaddy|namecheap|gandi|hover|incapsula|imperva|ddos)\b/,
  ],
  [
    'cloud',
    /\b(cloud|host|hosting|hosted|server|servers|vps|compute|aws|azure|gcp|digitalocean|linode|vultr|ovh|hetzner|heroku|netlify|vercel|render|fly|railway|platform|paas|iaas|kubernetes|k8s|container|docker|serverless|lambda|rackspace|ibm|oracle|alibaba|scaleway|upcloud|equinix|datacenter|data center|wpengine|pantheon|acquia|kinsta|engine yard|engineyard|fastcomet|dreamhost|bluehost|hostgator|siteground|cloudways|platform\.sh|shopify|bigcommerce|magento|ecommerce|e-commerce|store|commerce)\b/,
  ],
  [
    'devtools',
    /\b(git|github|gitlab|bitbucket|ci|cd|ci\/cd|build|builds|deploy|deployment|circleci|travis|jenkins|buildkite|bitrise|codeship|appveyor|semaphore|codefresh|harness|test|testing|browserstack|saucelabs|sauce labs|lambdatest|cypress|api|apis|sdk|developer|developers|dev|code|codeclimate|sonar|npm|pypi|rubygems|packagist|docker hub|registry|artifact|jfrog|postman|ngrok|launchdarkly|feature|flags|split|optimizely|statsig|expo|app center|firebase|contentful|cms|headless|sanity|strapi|prismic|storyblok|graphql|hasura|webhook|zapier|ifttt|integration|automation|workflow|n8n|make|retool|low-code|no-code|bubble|webflow|wix|squarespace|figma|sketch|design)\b/,
  ],
  [
    'productivity',
    /\b(jira|confluence|trello|asana|monday|notion|clickup|basecamp|airtable|smartsheet|todoist|evernote|dropbox|box|google workspace|office|microsoft 365|docs|document|documents|docusign|pandadoc|hellosign|calendar|calendly|scheduling|crm|salesforce|pipedrive|hr|hris|payroll|personio|bamboohr|gusto|workday|greenhouse|lever|recruit|recruiting|learning|lms|education|survey|typeform|forms|surveymonkey|qualtrics|project|projects|task|tasks|wiki|knowledge|collaboration|whiteboard|miro|mural|lucid|productivity|workspace|office|erp|netsuite|sap|file|files|sharefile|drive|sync|backup|password manager|remote|teamviewer|anydesk|splashtop|loom|grammarly|canva|adobe)\b/,
  ],
  [
    'iot',
    /\b(iot|device|devices|hardware|sensor|particle|arduino|tesla|smart home|nest|ring|hue|sonos|fleet|telematics|lora|sigfox|samsara)\b/,
  ],
];
/** multi-status's own section names, where the keyword table says nothing. */
const sectionCategory = {
  AI: 'ai',
  Analytics: 'observability',
  Automation: 'devtools',
  CDN: 'cdn-dns',
  'CI/CD': 'devtools',
  CRM: 'productivity',
  Cloud: 'cloud',
  'Code Quality': 'devtools',
  Communications: 'communications',
  DNS: 'cdn-dns',
  DevOps: 'devtools',
  'E-commerce': 'cloud',
  Email: 'communications',
  IAM: 'identity',
  'Incident Management': 'observability',
  'Logging / SIEM': 'observability',
  Messaging: 'communications',
  Monitoring: 'observability',
  'Project Management': 'productivity',
  'Remote Access': 'productivity',
  Search: 'databases',
  'Status Page': 'observability',
  Storage: 'databases',
  Testing: 'devtools',
  'git Hosting': 'devtools',
};
function categorize(name, url, section) {
  if (section && sectionCategory[section]) return sectionCategory[section];
  const host = (parseUrl(url)?.hostname ?? '')
    .replace(/^(www|status)\./, '')
    .replace(/status/g, ' ');
  const haystack = `${name} ${host.replace(/[.-]/g, ' ')}`.toLowerCase();
  for (const [category, pattern] of categoryWords) if (pattern.test(haystack)) return category;
  return 'other';
}

/**
 * Categories read off each vendor's own product (what the name says it is), where the keyword
 * table above has nothing to go on. Keyed by the cleaned name.
 */
const categoryOf = {
  BuildJet: 'devtools',
  Keygen: 'devtools',
  Unraid: 'other',
  'Strategic Roadmaps': 'productivity',
  Tempo: 'productivity',
  Bitmovin: 'communications',
  Instatus: 'observability',
  Primcloud: 'cloud',
  Threader: 'productivity',
  Whereby: 'communications',
  CoreWeave: 'cloud',
  Roblox: 'other',
  Acoustic: 'communications',
  Airbase: 'payments',
  'Alert Logic': 'identity',
  'Atlassian Access': 'identity',
  'Atlassian Partners': 'devtools',
  'Atlassian Support': 'productivity',
  AuroraSolar: 'other',
  Blend: 'payments',
  Bullhorn: 'productivity',
  Click: 'communications',
  Cloud66: 'cloud',
  CloudApp: 'productivity',
  Clubhouse: 'productivity',
  CocoaPods: 'devtools',
  CoderPad: 'devtools',
  Compass: 'devtools',
  Cybersource: 'payments',
  EasyPost: 'devtools',
  Egnyte: 'productivity',
  Emailable: 'communications',
  Filestack: 'devtools',
  Fleek: 'cloud',
  FreeAgent: 'payments',
  HouseCanary: 'other',
  'Internet Computer': 'cloud',
  JAMF: 'identity',
  KeenIO: 'observability',
  Kentik: 'observability',
  Kustomer: 'communications',
  Lattice: 'productivity',
  Lob: 'devtools',
  Medium: 'other',
  MeridianLink: 'payments',
  Mozilla: 'other',
  Pardot: 'communications',
  'Planning Center': 'productivity',
  PlayFab: 'devtools',
  Poka: 'productivity',
  Productboard: 'productivity',
  Recruiterbox: 'productivity',
  'Red Hat': 'cloud',
  Robin: 'productivity',
  Robinhood: 'payments',
  SecurID: 'identity',
  Smarty: 'devtools',
  Twitch: 'communications',
  Unsplash: 'other',
  WeTransfer: 'productivity',
  Wiz: 'identity',
  Wodby: 'cloud',
  Workflowy: 'productivity',
  Xandr: 'other',
  Zwift: 'other',
  Atlassian: 'productivity',
  BetterCloud: 'identity',
  Bill: 'payments',
  Bitly: 'devtools',
  Contentstack: 'devtools',
  Eventbrite: 'other',
  Glitch: 'cloud',
  'Goto Connect': 'communications',
  Hyper: 'payments',
  MuleSoft: 'devtools',
  Prism: 'devtools',
  StopLight: 'devtools',
  Swagger: 'devtools',
  Tableau: 'observability',
  TestRail: 'devtools',
  openSUSE: 'other',
  Sonassi: 'cloud',
  'NTP Pool': 'other',
  OpenSRS: 'cdn-dns',
  Tresorit: 'productivity',
  Ubiquiti: 'iot',
  VTEX: 'cloud',
  Weebly: 'cloud',
  Currents: 'devtools',
  'Permit.io': 'identity',
  Xporter: 'devtools',
  Athennian: 'productivity',
  Flagsmith: 'devtools',
  Ngenix: 'cdn-dns',
  Bitfinex: 'payments',
  Apwide: 'devtools',
  'Ghost Inspector': 'devtools',
  Height: 'productivity',
  Jexo: 'productivity',
  Gladly: 'communications',
  'IT Portal': 'productivity',
  Magensa: 'payments',
  Sapling: 'productivity',
  Speakap: 'communications',
  TeamRetro: 'productivity',
  'TPx Communications': 'communications',
  Lucidchart: 'productivity',
  RealVNC: 'productivity',
  SavvyCal: 'productivity',
  SmartPass: 'other',
  Tettra: 'productivity',
  'Barracuda MSP': 'identity',
  Canary: 'identity',
  GitGuardian: 'identity',
  GuardRails: 'identity',
  Huntress: 'identity',
  IPVanish: 'identity',
  MxToolbox: 'cdn-dns',
  Sertifi: 'productivity',
  'Jostle AP': 'communications',
  Degreed: 'productivity',
  Docaposte: 'productivity',
  Apigee: 'devtools',
  AppNeta: 'observability',
  Assembla: 'devtools',
  BlazeMeter: 'devtools',
  'Block.io': 'payments',
  BlueJeans: 'communications',
  Bonsai: 'databases',
  CallFire: 'communications',
  Clearbit: 'devtools',
  CloudSigma: 'cloud',
  Drchrono: 'other',
  Dyn: 'cdn-dns',
  Envoy: 'productivity',
  'Flying Sphinx': 'databases',
  Formstack: 'productivity',
  Helium: 'iot',
  'I Want My Name': 'cdn-dns',
  'Iron.io': 'cloud',
  Kickbox: 'communications',
  'Loader.io': 'devtools',
  Lookback: 'productivity',
  Meteor: 'cloud',
  'One.com': 'cloud',
  'Packagecloud.io': 'devtools',
  Packet: 'cloud',
  Podio: 'productivity',
  Proxyclick: 'productivity',
  Quay: 'devtools',
  Rapid7: 'identity',
  SalesforceIQ: 'productivity',
  Runscope: 'devtools',
  Sendwithus: 'communications',
  Shippo: 'devtools',
  ShopKeep: 'payments',
  'Threat Stack': 'identity',
  Totango: 'productivity',
  'Tray.io': 'devtools',
  'Google Ads': 'other',
  'Google Search': 'other',
  Credsimple: 'other',
  Gemini: 'ai',
  'Files.com': 'productivity',
  Anthropic: 'ai',
  'Visual Studio App Center': 'devtools',
  'VMware Workspace ONE': 'identity',
};
/**
 * Categories for the vendors APVentureEngine/vendor-status-watch adds, read off each product
 * (keyed by the final name; `other` where the product fits no domain category).
 */
const watchListCategories = {
  payments: [
    'Array',
    'B2C2',
    'Bexio',
    'BitGo',
    'BitMEX',
    'Bitpanda',
    'Bitso',
    'Blockchain.com',
    'Bluefin',
    'Carta',
    'CEX.IO',
    'Chainalysis',
    'Circle',
    'CoinAPI.io',
    'CoinGate',
    'CoinJar',
    'CoinList',
    'CoinMarketCap',
    'ComplianceAlpha',
    'eToro',
    'Exact',
    'Fireblocks',
    'Hedera',
    'Kraken',
    'Ledger',
    'LMAX',
    'Lunar',
    'Luno',
    'MultiversX',
    'Ocrolus',
    'OpenNode',
    'OpenSea',
    'Optimism',
    'OSL Singapore',
    'PairSoft',
    'Paribu',
    'Payoneer',
    'PrimeXBT',
    'ProsperStack',
    'Purse.io',
    'ReCharge',
    'Shakepay',
    'Solana',
    'Tide',
    'Toast',
    'Transbank',
    'Uphold',
    'USAEpay',
    'Visma',
    'Wealthsimple',
    'Xplor',
    'Zero Hash',
    'Caseware Cloud',
  ],
  identity: [
    'Addigy',
    'Alloy',
    'Aqua',
    'Authentic8',
    'Barracuda',
    'Bugcrowd',
    'Castle',
    'Check Point',
    'Cisco Systems',
    'Cisco Umbrella',
    'CyberSmart',
    'Cycode',
    'DataGrail',
    'Devolutions',
    'DigiCert',
    'ESET',
    'Expel',
    'Forcepoint ONE',
    'Foxpass',
    'GreyNoise',
    'HackerOne',
    'hCaptcha',
    'HENNGE One',
    'Hornetsecurity',
    'INKY',
    'IRONSCALES',
    'KnowBe4',
    'NordLayer',
    'OpenVPN',
    'OPSWAT',
    'Panther Labs',
    'Perimeter 81',
    'PerimeterX',
    'Prey',
    'Protecht',
    'Qualys',
    'Red Canary',
    'Sectigo',
    'Secureframe',
    'Secureworks',
    'SecurityScorecard',
    'Securly',
    'SEON',
    'Sift',
    'Specops',
    'Sucuri',
    'ThreatX',
    'Todyl',
    'Transcend',
    'Veracode',
    'Wallarm',
    'WatchGuard',
    'Webroot',
    'Forticlient Cloud',
    'Code42',
    'Nightfall',
    'Ivanti Cloud',
  ],
  communications: [
    'Axios',
    'Calix',
    'Carrot quest',
    'ClearlyIP',
    'CodeTwo',
    'Constant Contact',
    'Deskpro',
    'Dixa',
    'Documo',
    'Elevio',
    'Geekbot',
    'Granicus',
    'Groove',
    'Halp',
    'HelpDesk',
    'Helpshift',
    'Hivebrite',
    'Hiver',
    'Iristel',
    'Keeping',
    'LoopUp',
    'LuxSci',
    'Matrix.org',
    'Mimecast',
    'Ortto',
    'Playvox',
    'Qualifio',
    'ReviewTrackers',
    'Roam',
    'Slido',
    'Subsplash',
    'TeamSupport',
    'Tidio',
    'Tuple',
    'Voximplant',
    'Voyado',
    'Genesys Cloud',
    'Lifesize Cloud',
    'Avaya Cloud',
    'Blip',
  ],
  observability: [
    'Auvik',
    'Databox',
    "Dead Man's Snitch",
    'SignalFx EU0',
    'SignalFx US0',
    'SignalFx US1',
    'ThousandEyes',
    'xMatters',
    'Zenduty',
    'Pingplotter Cloud',
  ],
  databases: [
    'Basedash',
    'Cloudera',
    'Cohesity',
    'Databricks',
    'Datavant',
    'Datto',
    'Experian',
    'Filecoin',
    'Hevo',
    'Instaclustr',
    'JuiceFS',
    'Matillion',
    'ObjectRocket',
    'OpenCorporates',
    'PopSQL',
    'Rubrik',
    'Storj',
    'Swiftype',
    'Trifacta',
    'Coveo Cloud',
    'NetApp',
  ],
  'cdn-dns': [
    'DNSFilter',
    'EasyRedir',
    'F5',
    'Fasterize',
    'ImageKit',
    'Infoblox',
    'InterNetX',
    'No-IP',
    'Register.it',
    'Section',
    'UltraDNS',
    'Uploadcare',
    'Radware Cloud WAF',
  ],
  cloud: [
    'AlphaVPS',
    'Appwrite',
    'Arista CloudVision',
    'BigLeaf',
    'Binary Lane',
    'Cisco Meraki',
    'Cloudfanatic',
    'commercetools',
    'Digital Pacific',
    'Divio',
    'DoiT',
    'Dongee',
    'Endless Group',
    'Finalsite',
    'Fragnet Networks',
    'G-Portal',
    'Heart Internet',
    'Hostinger',
    'Hyonix',
    'Hypernode',
    'IONOS',
    'Judoscale',
    'KingHost',
    'Latitude.sh',
    'LayerStack',
    'Liquid Web',
    'Lumaserv',
    'MacStadium',
    'MageMojo',
    'Nexcess',
    'Nhost',
    'Nutanix',
    'Otava',
    'OTOY',
    'OVHcloud US',
    'Paperspace',
    'Pax8',
    'Platform9',
    'PlusServer',
    'Presslabs',
    'Qovery',
    'SashiDo',
    'Seravo',
    'Servebolt',
    'Shockbyte',
    'TeraSwitch',
    'UK2',
    'Umbrellar',
    'United Hoster',
    'Webshare',
    'Workspot',
    'Magnus Box',
  ],
  devtools: [
    'Adalo',
    'Aviator',
    'Axway',
    'Brandfetch',
    'Chromatic',
    'CloudBees',
    'CloudRepo',
    'Dell Boomi',
    'DRMtoday',
    'Exalate',
    'Flatfile',
    'Font Awesome',
    'Formspree',
    'FOSSA',
    'Frigade',
    'Gemfury',
    'GitBook',
    'GitLabHost',
    'Gradle',
    'Hashnode',
    'HeroCoders',
    'Hygraph',
    'Ionic Framework',
    'ipdata',
    'Jama Software',
    'Jellyfish',
    'Jitterbit',
    'LicenseSpring',
    'Liferay',
    'Lokalise',
    'MaxMind',
    'Mendix',
    'Mnemonic',
    'Octopus',
    'OneSchema',
    'OpenCage',
    'OutSystems',
    'Percy',
    'PhantomBuster',
    'Pipedream',
    'Progress Telerik',
    'ShakeBugs',
    'SiteSpect',
    'Sleuth',
    'SnapLogic',
    'Stacker',
    'Testmo',
    'WebScrapingAPI',
    'Workato',
    'Zyte',
    'Squiz',
    'TIBCO',
  ],
  productivity: [
    'Actionstep',
    'Apaleo',
    'Ashby',
    'Assembled',
    'Atera',
    'BitTitan',
    'Bizzabo',
    'Booksy',
    'Brightly Software',
    'Ceros',
    'Cint',
    'ConnectWise',
    'Digital Pigeon',
    'DRACOON',
    'Ellucian',
    'Entrata',
    'esa',
    'Flexera',
    'FormAssembly',
    'Gainsight',
    'GatherContent',
    'GoodTime',
    'GoToMyPC',
    'Guru',
    'Helpjuice',
    'Highspot',
    'Hive',
    'Ingage',
    'Inline Manual',
    'Inspera',
    'InStride',
    'LaunchNotes',
    'LiquidPlanner',
    'Lusha',
    'MaestroQA',
    'Mavenlink',
    'Maze',
    'Milanote',
    'NetDocuments AU',
    'NetDocuments US',
    'Ninety',
    'Nintex',
    'Nitro',
    'Noko',
    'Nowsta',
    'Nutshell',
    'OfficeRnD',
    'OpenGov',
    'Parchment',
    'Paycor',
    'Payscale',
    'Pipefy',
    'Prezi',
    'Reflektive',
    'RescueTime',
    'Samanage',
    'ServiceRocket',
    'ServiceTitan',
    'Sharegate',
    'Shelf.io',
    'Shortcut',
    'Skedulo',
    'Slab',
    'Spiceworks',
    'SugarSync',
    'SysAid',
    'Teamwork',
    'Teradici',
    'TextExpander',
    'TimeClock Plus',
    'Udemy',
    'WalkMe',
    'Webdam',
    'Workiva',
    'Yasoon',
    'Zenoti',
    'ZenQMS',
    'ZoomInfo',
    'Doodle',
    'Pinpoint',
    'Adaptavist Cloud Apps',
    'SCORM Cloud',
    'Polly',
  ],
  ai: ['Appen', 'DataRobot', 'Frase', 'Moveworks', 'Wordtune'],
  iot: [
    'Axis Communications',
    'Brivo',
    'Cradlepoint',
    'Cumulocity',
    'Datacake',
    'EcoStruxure IT',
    'Emnify',
    'Genetec',
    'Hunter Douglas',
    'iRobot',
    'Kisi',
    'Meridian',
    'Secomea',
    'Ubidots',
    'Verkada',
  ],
  other: [
    'AMSOIL',
    'Bentley Systems',
    'Brave',
    'Calm',
    'CDC Service',
    'Criteo',
    'Doctolib',
    'DroneDeploy',
    'Elation Health',
    'Enjin',
    'Fluccs',
    'FourKites',
    'GGNetwork',
    'Guidewire',
    'HG Insights',
    'Hypixel',
    'Innovo',
    'inspectAR',
    'LexisNexis',
    'LiveRamp',
    'Lotame',
    'LoyaltyLion',
    'Munzee',
    'Narvar',
    'NBA Top Shot',
    'Numerator',
    'NVIDIA GeForce',
    'Practice Fusion',
    'PriceHubble',
    'Project44',
    'Quantcast',
    'Quilt',
    'Raptor Systems',
    'Sapiens',
    'SEEK',
    'SEOmonitor',
    'SmugMug',
    'Snapsheet',
    'The Linux Foundation',
    'Trusted Health',
    'UC Santa Barbara',
    'Vetspire',
    'Vistage',
    'Whatnot',
    'Wikimedia',
    'SPS Commerce',
  ],
};
for (const [category, names] of Object.entries(watchListCategories))
  for (const name of names) categoryOf[name] ??= category;
/** Pages a list names that are not a vendor's public status page (tests, personal pages). */
const notVendors = new Set(['SG Test', 'Pdq', 'Simplyq', 'Docevent']);
/** Names cleaned beyond what cleanName does. */
const nameFixes = {
  'Permit-io': 'Permit.io',
  Engineyard: 'Engine Yard',
  Serverdensity: 'Server Density',
  Cdnjs: 'cdnjs',
  Servint: 'ServInt',
  Gearhost: 'GearHost',
  Sonarcloud: 'SonarCloud',
  Credsimple: 'CredSimple',
  Urllo: 'urllo',
  // APVentureEngine/vendor-status-watch's names: legal suffixes dropped, brand spelling kept.
  'AMSOIL INC.': 'AMSOIL',
  'FourKites, Inc.': 'FourKites',
  'Hunter Douglas, Inc.': 'Hunter Douglas',
  'Vistage Worldwide, Inc.': 'Vistage',
  'OpenGov Inc.': 'OpenGov',
  'commercetools GmbH': 'commercetools',
  'United Hoster GmbH': 'United Hoster',
  Illiz: 'Zilliz',
  Multiverse: 'MultiversX',
  Drmtoday: 'DRMtoday',
  Openvpn: 'OpenVPN',
  Perimeterx: 'PerimeterX',
  Maestroqa: 'MaestroQA',
  Magemojo: 'MageMojo',
  Dronedeploy: 'DroneDeploy',
  Datarobot: 'DataRobot',
  Reviewtrackers: 'ReviewTrackers',
  Servicerocket: 'ServiceRocket',
  Phantombuster: 'PhantomBuster',
  Gportal: 'G-Portal',
  Juicefs: 'JuiceFS',
  Liveramp: 'LiveRamp',
  Ovhcloud: 'OVHcloud US',
  Alphavps: 'AlphaVPS',
  Bittitan: 'BitTitan',
  'Arista Cloudvision': 'Arista CloudVision',
  'Ecostruxure IT': 'EcoStruxure IT',
  Formassembly: 'FormAssembly',
  Gitlabhost: 'GitLabHost',
  Kinghost: 'KingHost',
  Layerstack: 'LayerStack',
  Walkme: 'WalkMe',
  Doit: 'DoiT',
  Loopup: 'LoopUp',
  Outsystems: 'OutSystems',
  Plusserver: 'PlusServer',
  SpecOPs: 'Specops',
  Ipdata: 'ipdata',
  Esa: 'esa',
  'Radware Cloud Waf': 'Radware Cloud WAF',
  'Code 42': 'Code42',
  Netapp: 'NetApp',
  Blockchain: 'Blockchain.com',
  Matrix: 'Matrix.org',
  // Feed lists' row names.
  'Unity Gaming Service': 'Unity',
  'Ticket Bot v2': 'Tickets Bot',
  Neoprotect: 'NeoProtect',
};

// ---- the lists ------------------------------------------------------------------------------

/** Candidates with a confirmed platform: {name, url, platform, source, section?}. */
const confirmed = [];
/** Pages named by a list from 2024 or later, platform or not: host → source. */
const recentlyListed = new Map();
function listed(url, source) {
  const key = pageKey(url);
  if (key && !recentlyListed.has(key)) recentlyListed.set(key, source);
}

// inket/stts: the macOS status checker's service table, keyed by the platform it reads.
{
  const path = 'Resources/services.json';
  const table = JSON.parse(show('stts', path).replace(/,(\s*[\]}])/g, '$1'));
  const platformOf = {
    statuspage: 'statuspage',
    sendbird: 'statuspage',
    incidentio: 'incidentio',
    instatus: 'instatus',
    betterstack: 'betterstack',
    betteruptime: 'betterstack',
    sorry: 'sorry',
    statusiov1: 'statusio',
  };
  for (const [key, services] of Object.entries(table)) {
    for (const service of services) {
      listed(service.url, sourceOf('stts', path));
      const platform = platformOf[key];
      if (!platform) continue;
      let url = pageUrl(service.url);
      if (!url) continue;
      // status.io is polled by page id: the page's /pages/history/<id> address.
      if (platform === 'statusio') {
        if (!/^[0-9a-f]{24}$/.test(service.id ?? '')) continue;
        url = `${new URL(url).origin}/pages/history/${service.id}`;
      }
      confirmed.push({ name: service.name, url, platform, source: sourceOf('stts', path) });
    }
  }
}

// hwartig/saas-status-scraper: the companies its scraper polls, with the adapter it uses. The
// repository is too large to snapshot; the file was read through the code index and kept next to
// this script (same character count as the index reported: 3,929).
{
  const path = 'companies.tsv';
  const source = `github:hwartig/saas-status-scraper@a5e8459f780f5dd2a381772d48af650912116cfe:${path}`;
  const text = readFileSync(
    new URL('catalog-sources/hwartig-saas-status-scraper-companies.tsv', import.meta.url),
    'utf8',
  );
  for (const line of text.trim().split('\n').slice(1)) {
    const [, name, raw, adapter] = line.split('\t');
    listed(raw, source);
    const url = pageUrl(raw);
    if (adapter === 'statuspage' && url)
      confirmed.push({ name, url, platform: 'statuspage', source });
  }
}

// amureki/statuscheck: one module per service, a Statuspage one naming its page id (2022).
{
  const files = git(
    'statuscheck',
    'ls-tree',
    '--name-only',
    repos.statuscheck.commit,
    'statuscheck/services/',
  )
    .split('\n')
    .filter((file) => file.endsWith('.py'));
  for (const path of files) {
    const text = show('statuscheck', path);
    if (!/\(BaseStatusPageAPI\)/.test(text) || !/domain_id = "[a-z0-9]{12}"/.test(text)) continue;
    const name = /\bname = "([^"]+)"/.exec(text)?.[1];
    const url = pageUrl(/status_url = "([^"]+)"/.exec(text)?.[1] ?? '');
    if (name && url)
      confirmed.push({ name, url, platform: 'statuspage', source: sourceOf('statuscheck', path) });
  }
}

// dogsbodytech/statuspile: provider table with a `type` per page.
{
  const path = 'src/providers.js';
  const text = show('statuspile', path);
  const entry = /\{\s*name:\s*"([^"]+)",\s*type:\s*"([^"]+)",\s*url:\s*"([^"]+)"\s*\}/g;
  for (const [, name, type, raw] of text.matchAll(entry)) {
    listed(raw, sourceOf('statuspile', path));
    const platform = { statuspage: 'statuspage', cachet: 'cachet' }[type];
    const url = pageUrl(raw);
    if (platform && url)
      confirmed.push({ name, url, platform, source: sourceOf('statuspile', path) });
  }
}

// lwindolf/multi-status: the feeds it polls, by section. Each is an Atom/RSS feed by use.
{
  const path = 'frontend/feeds.opml';
  const text = show('multistatus', path);
  let section;
  for (const line of text.split('\n')) {
    const open = /<outline text="([^"]+)">/.exec(line);
    if (open) section = open[1];
    const feed = /<outline type="rss" text="([^"]+)" xmlUrl="([^"]+)"/.exec(line);
    if (!feed) continue;
    const [, name, raw] = feed;
    listed(raw, sourceOf('multistatus', path));
    const url = parseUrl(raw);
    if (!url || url.protocol !== 'https:' || url.search) continue;
    // A feed on Statuspage's own hosting domain is a Statuspage page: poll its API instead.
    if (url.hostname.endsWith('.statuspage.io')) {
      const page = `https://${url.hostname.toLowerCase()}`;
      confirmed.push({
        name,
        url: page,
        platform: 'statuspage',
        source: sourceOf('multistatus', path),
        section,
      });
      continue;
    }
    if (!/\.(rss|atom|xml)$|\/feed\/?$/.test(url.pathname)) continue;
    confirmed.push({
      name,
      url: `https://${url.hostname.toLowerCase()}${url.pathname}`,
      platform: 'rss',
      source: sourceOf('multistatus', path),
      section,
      weak: true,
    });
  }
}

// metoro-io/statusphere and getsentry/status-page-list: platform-less lists, 2024 and 2025.
const listedOnly = [];
{
  const path = 'common/status_pages/status_pages.go';
  const text = show('statusphere', path);
  for (const [, raw, name] of text.matchAll(/URL:\s*"([^"]+)",\s*Name:\s*"([^"]+)"/g)) {
    listed(raw, sourceOf('statusphere', path));
    listedOnly.push({ name, raw, source: sourceOf('statusphere', path) });
  }
}
{
  const files = git('sentry', 'ls-tree', '--name-only', repos.sentry.commit, 'src/data/')
    .split('\n')
    .filter((file) => file.endsWith('.ts'));
  for (const path of files) {
    const text = show('sentry', path);
    const name = /export const name = "([^"]+)"/.exec(text)?.[1];
    const raw = /export const statusPageUrl = "([^"]+)"/.exec(text)?.[1];
    const defunct = /isServiceDefunct = true/.test(text);
    if (!name || !raw || defunct) continue;
    listed(raw, sourceOf('sentry', path));
    listedOnly.push({ name, raw, source: sourceOf('sentry', path) });
  }
}
// A page on the platform's own hosting domain names its platform.
const hostedOn = [
  [/\.statuspage\.io$/, 'statuspage'],
  [/\.instatus\.com$/, 'instatus'],
  [/\.betteruptime\.com$/, 'betterstack'],
];
for (const { name, raw, source } of listedOnly) {
  const url = pageUrl(raw);
  const host = url ? new URL(url).hostname : '';
  const platform = hostedOn.find(([pattern]) => pattern.test(host))?.[1];
  if (platform && url) confirmed.push({ name, url, platform, source });
}

// sahin/status-page: recorded Statuspage status payloads from 2016 (`provider` names the
// platform); taken only for pages a 2024+ list still names, since pages move.
{
  const files = git('sahin', 'ls-tree', '-r', '--name-only', repos.sahin.commit, 'services/')
    .split('\n')
    .filter((file) => file.endsWith('/status.json'));
  for (const path of files) {
    const record = JSON.parse(show('sahin', path));
    if (record.provider !== 'StatusPage.io') continue;
    const key = pageKey(record.url);
    const still = key && recentlyListed.get(key);
    const url = pageUrl(record.url.replace(/^http:/, 'https:'));
    if (!still || !url) continue;
    confirmed.push({
      name: record.readable_name ?? record.name,
      url,
      platform: 'statuspage',
      source: `${sourceOf('sahin', path)} + ${still}`,
    });
  }
}

// APVentureEngine/vendor-status-watch: a vendor status watcher's published snapshot (2026-09):
// per vendor the platform it polls, the page, the state that poll read and the page id the
// platform's API answered with. Merged after every list above (`late`), so the entries those
// lists gave keep their slug, name, platform and source. The repository has no snapshot here; the file (214,281
// characters) was read through the code index and its fields kept next to this script.
// Taken only where that poll worked (no error, a state read). Its `statuspage` entries are read
// through `/api/v2/summary.json`, which incident.io pages answer too: the page id tells them
// apart (12 characters: Statuspage; a 26-character ULID: incident.io), as detection does.
{
  const path = 'docs/api/snapshot.json';
  const source = `github:APVentureEngine/vendor-status-watch@0c97c300c6ffc13863f5bfb20491868927a04416:${path}`;
  const text = readFileSync(
    new URL('catalog-sources/apventureengine-vendor-status-watch-snapshot.tsv', import.meta.url),
    'utf8',
  );
  for (const line of text.trim().split('\n').slice(1)) {
    const [name, kind, raw, state, error, pageId] = line.split('\t');
    listed(raw, source);
    if (error || state === 'unknown') continue;
    let url = pageUrl(raw.replace(/^http:/, 'https:'));
    if (!url) continue;
    let platform;
    if (kind === 'statuspage' && /^[a-z0-9]{12}$/.test(pageId)) platform = 'statuspage';
    else if (kind === 'statuspage' && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(pageId))
      platform = 'incidentio';
    else if (kind === 'incident.io') platform = 'incidentio';
    else if (kind === 'status.io' && /^[0-9a-f]{24}$/.test(pageId)) {
      platform = 'statusio';
      url = `${new URL(url).origin}/pages/history/${pageId}`;
    } else platform = { instatus: 'instatus', betterstack: 'betterstack', sorry: 'sorry' }[kind];
    if (platform) confirmed.push({ name, url, platform, source, late: true });
  }
}

// Feeds that status bots and feed lists poll (2025-2026), picked row by row: these files also
// name news and blog feeds, feeds of pages the catalog has under another host, and feeds with a
// query string, which are left out. Each pick is checked against the file at its pinned commit.
// Taken as `rss` vendors at the feed URL, or as `statuspage` where the feed is on
// `*.statuspage.io`; merged after every list above (`last`), so they add pages and change none.
// A page's operator's own configuration that names its platform is taken the same way.
{
  const picks = [
    // A curated list of provider feeds to add to a Discord RSS bot (MonitoRSS), by section.
    [
      'infrastats',
      'README.md',
      [
        ['Sparked Host', 'https://status.sparkedhost.com/history.rss', 'cloud'],
        ['OVHcloud', 'https://network.status-ovhcloud.com/history.atom', 'cloud'],
        ['RIPE NCC', 'https://status.ripe.net/history.atom', 'cdn-dns'],
        ['Global Secure Layer', 'https://www.gslstatus.com/history.atom', 'cdn-dns'],
        ['neoprotect', 'https://status.neoprotect.net/history.atom', 'cdn-dns'],
        ['Unity Gaming Service', 'https://status.unity.com/history.atom', 'devtools'],
        ['Patreon', 'https://status.patreon.com/history.atom', 'payments'],
        ['Ticket Bot v2', 'https://ticketsv21.statuspage.io/history.atom', 'communications'],
        ['LINE', 'https://api.line-status.info/history.rss', 'communications'],
      ],
    ],
    // A Cloudflare worker that posts AI providers' status feeds to Discord.
    [
      'laserdispatch',
      'workers/status/src/index.ts',
      [
        ['Windsurf', 'https://status.windsurf.com/history.atom', 'ai'],
        ['OpenRouter', 'https://status.openrouter.ai/incidents.rss', 'ai'],
      ],
    ],
    // An outage notifier's default providers (its `atom` type reads the feed).
    [
      'lousyoutages',
      'lousy-outages/includes/Providers.php',
      [['Qubeyond', 'https://status.qubeyond.com/state_feed/feed.atom', 'payments']],
    ],
    // WikiOasis's own deployment: a sync of "the incident.io status page" at this origin.
    [
      'wikioasis',
      'pillar/incidentio_sync/init.sls',
      [['WikiOasis', 'https://status.wikioasis.org', 'cloud', 'incidentio', 'incident.io status']],
    ],
  ];
  for (const [key, path, rows] of picks) {
    const text = show(key, path);
    for (const [name, page, category, named, evidence] of rows) {
      if (!text.includes(page) || (evidence && !text.includes(evidence)))
        throw new Error(`${repos[key].repo} ${path} does not name ${page} as taken here`);
      const url = new URL(page);
      const onStatuspage = url.hostname.endsWith('.statuspage.io');
      const platform = named ?? (onStatuspage ? 'statuspage' : 'rss');
      const cleaned = cleanName(name);
      categoryOf[nameFixes[cleaned] ?? cleaned] ??= category;
      confirmed.push({
        name,
        url: platform === 'rss' ? `${url.origin}${url.pathname}` : url.origin,
        platform,
        source: sourceOf(key, path),
        last: true,
      });
    }
  }
}

// ---- merge ------------------------------------------------------------------------------------

const byKey = new Map();
const slugs = new Set();
const names = new Set();
const vendors = [];
const stats = { existingWithSource: 0, existingCarried: 0, platformDiffers: [], added: 0 };

// Existing entries keep their slug, name, category, platform and URL; they gain the first
// confirming source with the same platform, or else the earlier catalog as their source.
for (const vendor of current.vendors) {
  const key = pageKey(vendor.url);
  const match = confirmed.find((c) => pageKey(c.url) === key && c.platform === vendor.platform);
  const other = confirmed.find((c) => pageKey(c.url) === key && c.platform !== vendor.platform);
  // A platform table that names another platform for the same page wins over the earlier
  // catalog: pages move (Statuspage to incident.io and others), and the table was fixed for it.
  if (other && !match && !other.weak && other.source.startsWith(sourceOf('stts', ''))) {
    stats.platformDiffers.push(`${vendor.slug}: ${vendor.platform} -> ${other.platform}`);
    vendor.platform = other.platform;
    vendor.url = other.url;
  }
  const source =
    (match ?? other)?.platform === vendor.platform
      ? (match ?? other).source
      : (vendor.source ?? earlierCatalog);
  if (source === earlierCatalog) stats.existingCarried++;
  else stats.existingWithSource++;
  const { dependsOn, ...rest } = vendor;
  const entry = { ...rest, source };
  if (dependsOn) entry.dependsOn = dependsOn;
  vendors.push(entry);
  byKey.set(key, entry);
  slugs.add(vendor.slug);
  names.add(vendor.name.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

// New pages: strongest evidence first (platform tables, hosting domains, payloads, then feeds).
const ordered = [
  ...confirmed.filter((c) => !c.weak && !c.late && !c.last),
  ...confirmed.filter((c) => c.weak),
  ...confirmed.filter((c) => c.late),
  ...confirmed.filter((c) => c.last),
];
for (const candidate of ordered) {
  const key = pageKey(candidate.url);
  if (!key || byKey.has(key)) continue;
  const cleaned = cleanName(candidate.name);
  const name = nameFixes[cleaned] ?? cleaned;
  if (!name || notVendors.has(name) || /\btest\b/i.test(name)) continue;
  // The same name is the same vendor: an alias host (`x.statuspage.io`, an old domain, a feed)
  // of a page already in the catalog is not a second page.
  const slug = slugify(name);
  const compact = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!slug || slugs.has(slug) || names.has(compact)) continue;
  names.add(compact);
  const entry = {
    slug,
    name,
    category: categoryOf[name] ?? categorize(name, candidate.url, candidate.section),
    url: candidate.url,
    platform: candidate.platform,
    source: candidate.source,
  };
  vendors.push(entry);
  byKey.set(key, entry);
  slugs.add(slug);
  stats.added++;
}

// The newest poll wins on the platform: where vendor-status-watch's 2026-09 poll read another
// platform than an entry has (a ULID page id where a list said Statuspage, the Statuspage API
// behind a feed, Better Stack where a 2016 payload said Statuspage), the page has moved since.
// The entry keeps its slug, name and category.
for (const entry of vendors) {
  const late = confirmed.find((c) => c.late && pageKey(c.url) === pageKey(entry.url));
  if (!late || late.platform === entry.platform) continue;
  stats.platformDiffers.push(`${entry.slug}: ${entry.platform} -> ${late.platform}`);
  entry.platform = late.platform;
  entry.url = late.url;
  entry.source = late.source;
}

const perPlatform = {};
for (const vendor of vendors)
  perPlatform[vendor.platform] = (perPlatform[vendor.platform] ?? 0) + 1;
console.log(
  JSON.stringify(
    {
      total: vendors.length,
      ...stats,
      perPlatform,
    },
    null,
    2,
  ),
);
if (write) {
  const out = { defaultWatchList: current.defaultWatchList, vendors };
  // Short string arrays on one line, as prettier writes them, so the file stays prettier-clean.
  const json = JSON.stringify(out, null, 2).replace(
    /"dependsOn": \[([^\]]*)\]/g,
    (_, items) => `"dependsOn": [${items.trim().split(/,\s*/).join(', ')}]`,
  );
  writeFileSync(catalogPath, `${json}\n`);
  console.log(`wrote ${vendors.length} vendors to catalog/vendors.json`);
}
