// Hygiene flags (docs/contract.md#hygiene-flags): how a vendor kept an incident's record — left
// open without news, backdated, downgraded or rewritten after the fact, resolved in silence,
// naming no component, a promised postmortem that never came. Pure: the stored history and the
// clock are parameters; the store keeps what these functions decide.
import type { IncidentWithUpdates } from './model.js';
import type { Revision } from './plan.js';
import { impactRankOf } from './status.js';
import { isOneOf, type Impact, type Phase } from './vocabulary.js';

export const flagKinds = [
  'stuck',
  'backdated',
  'downgraded',
  'rewritten',
  'silent_resolution',
  'no_components',
  'postmortem_missing',
] as const;
export type FlagKind = (typeof flagKinds)[number];

/** Facts about the past: once seen, they stay (their evidence may grow). */
export const historyFlagKinds: readonly FlagKind[] = ['backdated', 'downgraded', 'rewritten'];
/** Made true by time alone, so only the periodic sweep raises them (a commit may clear them). */
export const timeFlagKinds: readonly FlagKind[] = ['stuck', 'postmortem_missing'];

export interface BackdatedItem {
  /** 'update' for an update's posted time, 'start' for the incident's start. */
  what: 'start' | 'update';
  updateId: string | null;
  /** The time the vendor gave. */
  claimedAt: string;
  /** When vendorwatch first saw it. */
  seenAt: string;
  /** Our last successful read before that, which did not have it. */
  previousReadAt: string;
}

export interface RewriteItem {
  field: 'title' | 'update';
  updateId: string | null;
  from: string;
  to: string;
  /** When vendorwatch first saw the old text, and when the new one. */
  fromSeenAt: string;
  toSeenAt: string;
}

export type FlagEvidence =
  | { kind: 'stuck'; lastUpdateAt: string; stuckAfterSeconds: number; phase: Phase }
  | { kind: 'backdated'; items: BackdatedItem[] }
  | {
      kind: 'downgraded';
      changes: Array<{ from: Impact; to: Impact; fromSeenAt: string; toSeenAt: string }>;
    }
  | { kind: 'rewritten'; changes: RewriteItem[] }
  | { kind: 'silent_resolution'; resolvedAt: string | null; lastUpdateAt: string | null }
  | { kind: 'no_components' }
  | { kind: 'postmortem_missing'; promisedAt: string; updateId: string; dueAt: string };

/** A flag as the store keeps it; clearedAt null while it holds. */
export interface IncidentFlag {
  kind: FlagKind;
  evidence: FlagEvidence;
  firstDetectedAt: string;
  clearedAt: string | null;
}

export interface FlagSettings {
  stuckAfterSeconds: number;
  postmortemAfterSeconds: number;
}

export const defaultFlagSettings: FlagSettings = {
  stuckAfterSeconds: 6 * 3600,
  postmortemAfterSeconds: 7 * 86_400,
};

/** What is stored of an incident that the flags read. */
export interface IncidentHistory {
  incident: IncidentWithUpdates;
  /** Oldest first. */
  revisions: readonly Revision[];
}

const openPhases: readonly Phase[] = ['investigating', 'identified', 'monitoring'];

/** Every flag (but backdated, which is decided when an item is first seen) that holds `now`. */
export function detectFlags(
  history: IncidentHistory,
  settings: FlagSettings,
  now: string,
): FlagEvidence[] {
  const { incident } = history;
  if (incident.kind !== 'incident') return [];
  const found: Array<FlagEvidence | null> = [
    stuck(incident, settings, now),
    downgraded(history),
    rewritten(history),
    silentResolution(incident),
    noComponents(incident),
    postmortemMissing(incident, settings, now),
  ];
  return found.filter((flag): flag is FlagEvidence => flag !== null);
}

/**
 * The last news from the vendor: an update's posted time, or when we saw it if it arrived later
 * than it claims (a late update is still news). Updates present at our first sight count by their
 * posted time, so a long-silent incident is not fresh just because we started watching.
 */
export function lastVendorUpdateAt(incident: IncidentWithUpdates): string {
  let latest = Date.parse(incident.startedAt);
  const firstSeen = Date.parse(incident.detectedAt);
  for (const update of incident.updates) {
    const posted = Date.parse(update.postedAt);
    const seen = Date.parse(update.detectedAt);
    latest = Math.max(latest, seen > firstSeen ? Math.max(posted, seen) : posted);
  }
  return new Date(latest).toISOString();
}

function stuck(
  incident: IncidentWithUpdates,
  settings: FlagSettings,
  now: string,
): FlagEvidence | null {
  if (!openPhases.includes(incident.phase)) return null;
  const lastUpdateAt = lastVendorUpdateAt(incident);
  if (Date.parse(now) - Date.parse(lastUpdateAt) <= settings.stuckAfterSeconds * 1000) return null;
  return {
    kind: 'stuck',
    lastUpdateAt,
    stuckAfterSeconds: settings.stuckAfterSeconds,
    phase: incident.phase,
  };
}

/** When the value a revision replaced was first seen: the previous revision of it, or first sight. */
function previousSeenAt(
  revisions: readonly Revision[],
  index: number,
  matches: (revision: Revision) => boolean,
  firstSeen: string,
): string {
  for (let k = index - 1; k >= 0; k -= 1) if (matches(revisions[k]!)) return revisions[k]!.seenAt;
  return firstSeen;
}

const impactFlagged = (value: string | null): value is Exclude<Impact, 'maintenance'> =>
  isOneOf(['notice', 'minor', 'major', 'critical'] as const, value);

function downgraded({ incident, revisions }: IncidentHistory): FlagEvidence | null {
  const changes = revisions.flatMap((revision, index) => {
    const { from, to } = revision;
    if (revision.field !== 'impact' || !impactFlagged(from) || !impactFlagged(to)) return [];
    if (impactRankOf(to) >= impactRankOf(from)) return [];
    const fromSeenAt = previousSeenAt(
      revisions,
      index,
      (r) => r.field === 'impact',
      incident.detectedAt,
    );
    return [{ from, to, fromSeenAt, toSeenAt: revision.seenAt }];
  });
  return changes.length > 0 ? { kind: 'downgraded', changes } : null;
}

/** Markup and spacing changes are not rewrites: the words are compared. */
function plainWords(html: string | null): string {
  return (html ?? '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function rewritten({ incident, revisions }: IncidentHistory): FlagEvidence | null {
  const updateSeen = new Map(incident.updates.map((update) => [update.id, update.detectedAt]));
  const changes: RewriteItem[] = [];
  revisions.forEach((revision, index) => {
    const isTitle = revision.field === 'title';
    const isBody = revision.field === 'update.body';
    if (!isTitle && !isBody) return;
    const from = isTitle ? (revision.from ?? '') : plainWords(revision.from);
    const to = isTitle ? (revision.to ?? '') : plainWords(revision.to);
    if (from === to) return;
    const firstSeen = isBody
      ? (updateSeen.get(revision.updateId ?? '') ?? incident.detectedAt)
      : incident.detectedAt;
    const fromSeenAt = previousSeenAt(
      revisions,
      index,
      (r) => r.field === revision.field && r.updateId === revision.updateId,
      firstSeen,
    );
    changes.push({
      field: isTitle ? 'title' : 'update',
      updateId: revision.updateId,
      from,
      to,
      fromSeenAt,
      toSeenAt: revision.seenAt,
    });
  });
  return changes.length > 0 ? { kind: 'rewritten', changes } : null;
}

function silentResolution(incident: IncidentWithUpdates): FlagEvidence | null {
  if (incident.phase !== 'resolved' && incident.phase !== 'postmortem') return null;
  const explained = incident.updates.some(
    (update) => update.phase === 'resolved' && update.bodyText.trim() !== '',
  );
  if (explained) return null;
  return {
    kind: 'silent_resolution',
    resolvedAt: incident.resolvedAt,
    lastUpdateAt: incident.updates.at(-1)?.postedAt ?? null,
  };
}

function noComponents(incident: IncidentWithUpdates): FlagEvidence | null {
  if (incident.components.length > 0) return null;
  if (incident.updates.some((update) => (update.components ?? []).length > 0)) return null;
  return { kind: 'no_components' };
}

const postmortemWords = /\bpost[\s-]?mortem\b|\broot[\s-]cause[\s-]analysis\b/i;
const rcaWord = /\bRCAs?\b/;
/** A later update this long that talks about the postmortem is taken as the postmortem itself. */
const postmortemMinWords = 100;

export function mentionsPostmortem(text: string): boolean {
  return postmortemWords.test(text) || rcaWord.test(text);
}

function postmortemMissing(
  incident: IncidentWithUpdates,
  settings: FlagSettings,
  now: string,
): FlagEvidence | null {
  if (incident.resolvedAt === null || incident.phase === 'postmortem') return null;
  const promise = incident.updates.find(
    (update) => update.phase !== 'postmortem' && mentionsPostmortem(update.bodyText),
  );
  if (!promise) return null;
  const arrived = incident.updates.some(
    (update) =>
      update.phase === 'postmortem' ||
      (update !== promise &&
        Date.parse(update.postedAt) > Date.parse(promise.postedAt) &&
        mentionsPostmortem(update.bodyText) &&
        update.bodyText.split(/\s+/).length >= postmortemMinWords),
  );
  if (arrived) return null;
  const from = Math.max(Date.parse(incident.resolvedAt), Date.parse(promise.postedAt));
  const dueAt = new Date(from + settings.postmortemAfterSeconds * 1000).toISOString();
  if (Date.parse(now) <= Date.parse(dueAt)) return null;
  return { kind: 'postmortem_missing', promisedAt: promise.postedAt, updateId: promise.id, dueAt };
}

/** What a poll knows about the moment it first saw items: its last successful read before. */
export interface Sighting {
  seenAt: string;
  /** The vendor's last successful poll before this one; null on the first. */
  previousReadAt: string | null;
  intervalSeconds: number;
}

/**
 * Backdated items among what this poll saw first: an update or a start (a new incident's, or a
 * start moved earlier) whose time is more than two poll intervals before we saw it, while our
 * previous successful read — more than one interval after that time — did not have it. Nothing
 * is backdated on a vendor's first read (what was there before we watched is no evidence), nor
 * when the read before failed for that span.
 */
export function backdatedItems(
  newUpdates: ReadonlyArray<{ id: string; postedAt: string }>,
  claimedStart: string | null,
  sighting: Sighting,
): BackdatedItem[] {
  const { previousReadAt, seenAt, intervalSeconds } = sighting;
  if (previousReadAt === null) return [];
  const interval = intervalSeconds * 1000;
  const late = (claimedAt: string) =>
    Date.parse(seenAt) - Date.parse(claimedAt) > 2 * interval &&
    Date.parse(previousReadAt) - Date.parse(claimedAt) > interval;
  const items: BackdatedItem[] = [];
  if (claimedStart !== null && late(claimedStart)) {
    items.push({ what: 'start', updateId: null, claimedAt: claimedStart, seenAt, previousReadAt });
  }
  for (const update of newUpdates) {
    if (!late(update.postedAt)) continue;
    items.push({
      what: 'update',
      updateId: update.id,
      claimedAt: update.postedAt,
      seenAt,
      previousReadAt,
    });
  }
  return items;
}
