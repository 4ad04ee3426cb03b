// Checks a served body against the Statuspage v2 shapes seen in real captures (key lists copied
// from summary.anydesk.2024-01-31, summary.nyu-testpage.2026-05-13, incidents.github.2026-07-31).
// Returns the problems found, so a test can show all of them at once.

export const pageKeys = ['id', 'name', 'url', 'time_zone', 'updated_at'];
export const componentKeys = [
  'id',
  'name',
  'status',
  'created_at',
  'updated_at',
  'position',
  'description',
  'showcase',
  'start_date',
  'group_id',
  'page_id',
  'group',
  'only_show_if_degraded',
];
const incidentCommon = [
  'id',
  'name',
  'status',
  'created_at',
  'updated_at',
  'monitoring_at',
  'resolved_at',
  'impact',
  'shortlink',
  'started_at',
  'page_id',
  'incident_updates',
  'components',
];
export const incidentKeys = [...incidentCommon, 'reminder_intervals'];
export const maintenanceKeys = [...incidentCommon, 'scheduled_for', 'scheduled_until'];
export const updateKeys = [
  'id',
  'status',
  'body',
  'incident_id',
  'created_at',
  'updated_at',
  'display_at',
  'affected_components',
  'deliver_notifications',
  'custom_tweet',
  'tweet_id',
];

const statuspageId = /^[a-z0-9]{12}$/;
const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|[+-]\d{2}:\d{2})$/;
const componentStatuses = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
];
const incidentStatuses = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'];
const maintenanceStatuses = ['scheduled', 'in_progress', 'verifying', 'completed'];

type Json = Record<string, unknown>;

export class ShapeChecker {
  readonly problems: string[] = [];

  private keys(at: string, value: unknown, expected: string[]): Json {
    const object = (value ?? {}) as Json;
    const actual = Object.keys(object).join(',');
    if (actual !== expected.join(',')) this.problems.push(`${at}: keys ${actual}`);
    return object;
  }

  private check(at: string, ok: boolean, value: unknown): void {
    if (!ok) this.problems.push(`${at}: unexpected ${JSON.stringify(value)}`);
  }

  private time(at: string, value: unknown, nullable = false): void {
    this.check(
      at,
      (nullable && value === null) || (typeof value === 'string' && instant.test(value)),
      value,
    );
  }

  page(at: string, value: unknown): void {
    const page = this.keys(at, value, pageKeys);
    this.check(`${at}.id`, statuspageId.test(String(page.id)), page.id);
    this.check(`${at}.time_zone`, typeof page.time_zone === 'string', page.time_zone);
    this.time(`${at}.updated_at`, page.updated_at);
  }

  /** `complete`: the page's whole list, so group references must resolve inside it. */
  components(at: string, list: unknown, complete = true): void {
    const rows = list as Json[];
    const ids = new Map(rows.map((row) => [row.id, row]));
    rows.forEach((row, i) => {
      const isGroup = row.group === true;
      this.keys(`${at}[${i}]`, row, isGroup ? [...componentKeys, 'components'] : componentKeys);
      this.check(`${at}[${i}].id`, statuspageId.test(String(row.id)), row.id);
      this.check(`${at}[${i}].status`, componentStatuses.includes(String(row.status)), row.status);
      this.check(`${at}[${i}].position`, Number.isInteger(row.position), row.position);
      this.time(`${at}[${i}].created_at`, row.created_at);
      this.time(`${at}[${i}].updated_at`, row.updated_at);
      if (!complete) return;
      const parent = row.group_id === null ? null : ids.get(row.group_id);
      this.check(
        `${at}[${i}].group_id`,
        row.group_id === null || parent?.group === true,
        row.group_id,
      );
      if (isGroup) {
        for (const child of row.components as string[]) {
          this.check(`${at}[${i}].components`, ids.get(child)?.group_id === row.id, child);
        }
      }
    });
  }

  incidents(at: string, list: unknown, kind: 'incident' | 'maintenance'): void {
    (list as Json[]).forEach((item, i) => {
      const here = `${at}[${i}]`;
      this.keys(here, item, kind === 'incident' ? incidentKeys : maintenanceKeys);
      const statuses = kind === 'incident' ? incidentStatuses : maintenanceStatuses;
      this.check(`${here}.id`, statuspageId.test(String(item.id)), item.id);
      this.check(`${here}.status`, statuses.includes(String(item.status)), item.status);
      this.check(
        `${here}.shortlink`,
        /^https:\/\/stspg\.io\/[a-z0-9]+$/.test(String(item.shortlink)),
        item.shortlink,
      );
      for (const key of ['created_at', 'updated_at', 'started_at'])
        this.time(`${here}.${key}`, item[key]);
      for (const key of ['monitoring_at', 'resolved_at'])
        this.time(`${here}.${key}`, item[key], true);
      if (kind === 'maintenance') {
        this.time(`${here}.scheduled_for`, item.scheduled_for);
        this.time(`${here}.scheduled_until`, item.scheduled_until);
      }
      this.components(`${here}.components`, item.components, false);
      const updates = item.incident_updates as Json[];
      this.check(`${here}.incident_updates`, updates.length > 0, updates.length);
      let previous = Number.POSITIVE_INFINITY;
      updates.forEach((update, u) => {
        const upAt = `${here}.incident_updates[${u}]`;
        this.keys(upAt, update, updateKeys);
        this.check(`${upAt}.incident_id`, update.incident_id === item.id, update.incident_id);
        this.check(`${upAt}.status`, statuses.includes(String(update.status)), update.status);
        this.check(`${upAt}.body`, typeof update.body === 'string', update.body);
        for (const key of ['created_at', 'updated_at', 'display_at'])
          this.time(`${upAt}.${key}`, update[key]);
        const at = Date.parse(String(update.display_at));
        this.check(`${upAt}.display_at (newest first)`, at <= previous, update.display_at);
        previous = at;
        const affected = update.affected_components as Json[] | null;
        for (const entry of affected ?? []) {
          this.keys(`${upAt}.affected_components`, entry, [
            'code',
            'name',
            'old_status',
            'new_status',
          ]);
        }
      });
    });
  }

  status(at: string, value: unknown): void {
    const status = this.keys(at, value, ['indicator', 'description']);
    const indicators = ['none', 'minor', 'major', 'critical', 'maintenance'];
    this.check(`${at}.indicator`, indicators.includes(String(status.indicator)), status.indicator);
  }

  summary(value: unknown): void {
    const body = this.keys('summary', value, [
      'page',
      'components',
      'incidents',
      'scheduled_maintenances',
      'status',
    ]);
    this.page('summary.page', body.page);
    this.components('summary.components', body.components);
    this.incidents('summary.incidents', body.incidents, 'incident');
    this.incidents('summary.scheduled_maintenances', body.scheduled_maintenances, 'maintenance');
    this.status('summary.status', body.status);
  }
}
