// What every adapter's snapshot must satisfy, whatever the vendor sent (tests only). Returns the
// violations as readable strings so a failing mutation says exactly what broke.
import type { ObservedIncident, VendorSnapshot } from '../../domain/snapshot.js';
import {
  closedPhases,
  componentStatuses,
  impacts,
  incidentKinds,
  incidentPhases,
  isOneOf,
  maintenancePhases,
  type Phase,
} from '../../domain/vocabulary.js';

const utcIso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Executable markup that must never survive into a stored body. */
const executable =
  /<script|<iframe|<[^>]*\son[a-z]+\s*=|href\s*=\s*["']?\s*(?:javascript|data|vbscript):/i;

export function isUtcIso(value: unknown): value is string {
  return typeof value === 'string' && utcIso.test(value) && new Date(value).toISOString() === value;
}

export function snapshotViolations(snapshot: VendorSnapshot): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string): void => {
    if (!ok) problems.push(message);
  };
  check(
    Array.isArray(snapshot.warnings) && snapshot.warnings.every((w) => typeof w === 'string'),
    'warnings are strings',
  );
  check(typeof snapshot.listsAllOpen === 'boolean', 'listsAllOpen is a boolean');
  check(snapshot.pageName === null || nonEmpty(snapshot.pageName), 'pageName is null or text');
  const componentIds = new Set<string>();
  snapshot.components.forEach((c, index) => {
    const at = `component #${index}`;
    check(nonEmpty(c.id) && !componentIds.has(c.id), `${at}: id is a unique non-empty string`);
    componentIds.add(c.id);
    check(nonEmpty(c.name), `${at}: name is non-empty`);
    check(c.group === null || nonEmpty(c.group), `${at}: group is null or text`);
    check(
      isOneOf(componentStatuses, c.status),
      `${at}: status ${String(c.status)} is in the vocabulary`,
    );
    check(Number.isInteger(c.position) && c.position >= 0, `${at}: position is a whole number`);
  });
  const incidentIds = new Set<string>();
  for (const incident of snapshot.incidents) {
    const at = `incident ${String(incident.sourceId)}`;
    check(
      nonEmpty(incident.sourceId) && !incidentIds.has(incident.sourceId),
      `${at}: unique non-empty id`,
    );
    incidentIds.add(incident.sourceId);
    problems.push(...incidentViolations(incident, at));
  }
  return problems;
}

function incidentViolations(incident: ObservedIncident, at: string): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string): void => {
    if (!ok) problems.push(`${at}: ${message}`);
  };
  const phasesOfKind: readonly Phase[] =
    incident.kind === 'maintenance' ? maintenancePhases : incidentPhases;
  check(nonEmpty(incident.title), 'title is non-empty');
  check(
    isOneOf(incidentKinds, incident.kind),
    `kind ${String(incident.kind)} is in the vocabulary`,
  );
  check(
    isOneOf(impacts, incident.impact),
    `impact ${String(incident.impact)} is in the vocabulary`,
  );
  check(
    isOneOf(phasesOfKind, incident.phase),
    `phase ${String(incident.phase)} fits kind ${incident.kind}`,
  );
  check(isUtcIso(incident.startedAt), `startedAt ${String(incident.startedAt)} is UTC ISO`);
  const closed = closedPhases.includes(incident.phase);
  check(
    closed ? isUtcIso(incident.resolvedAt) : incident.resolvedAt === null,
    'resolvedAt is set exactly when closed',
  );
  check(
    incident.resolvedAt === null || incident.resolvedAt >= incident.startedAt,
    'resolvedAt is not before startedAt',
  );
  check(
    incident.scheduledFor === null || isUtcIso(incident.scheduledFor),
    'scheduledFor is null or UTC ISO',
  );
  check(
    incident.scheduledUntil === null || isUtcIso(incident.scheduledUntil),
    'scheduledUntil is null or UTC ISO',
  );
  check(
    incident.sourceUrl === null || /^https?:\/\/[^\s]+$/.test(incident.sourceUrl),
    'sourceUrl is null or http(s)',
  );
  check(incident.components.every(nonEmpty), 'components are non-empty names');
  check(
    new Set(incident.components).size === incident.components.length,
    'components are deduplicated',
  );
  const updateIds = new Set<string>();
  incident.updates.forEach((update, index) => {
    const u = `update ${String(update.sourceId)}`;
    check(
      nonEmpty(update.sourceId) && !updateIds.has(update.sourceId),
      `${u}: unique non-empty id`,
    );
    updateIds.add(update.sourceId);
    check(isOneOf(phasesOfKind, update.phase), `${u}: phase ${String(update.phase)} fits kind`);
    check(isUtcIso(update.postedAt), `${u}: postedAt is UTC ISO`);
    check(
      typeof update.body === 'string' && !executable.test(update.body),
      `${u}: body has no executable markup`,
    );
    check(typeof update.bodyText === 'string', `${u}: bodyText is text`);
    check(
      update.components === null || update.components.every(nonEmpty),
      `${u}: components are names`,
    );
    const previous = incident.updates[index - 1];
    if (previous) {
      const ordered =
        previous.postedAt < update.postedAt ||
        (previous.postedAt === update.postedAt && previous.sourceId < update.sourceId);
      check(ordered, `${u}: updates are sorted by (postedAt, id)`);
    }
  });
  return problems;
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
