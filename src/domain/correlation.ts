// Outages that span vendors (docs/contract.md#correlated-outages): incidents of two or more
// vendors that start within a window of each other AND share evidence of one cause are one
// outage. Time alone never groups. Pure: the store hands in the incidents around the ones a
// cycle just wrote and the outages they already belong to; the decisions come back as data.
import {
  hasRegions,
  normalizeRegion,
  regionsNamed,
  upstreamMentions,
} from './upstream-mentions.js';

/** A vendor's declared upstream: another vendor's slug, optionally one of its regions. */
export interface Dependency {
  vendor: string;
  /** Normalized (normalizeRegion); null for "anywhere" or a provider without regions. */
  region: string | null;
  /** Where it was declared, so the evidence can say it. */
  source: 'config' | 'catalog';
}

/** What grouping needs of a stored incident. */
export interface CorrelationIncident {
  id: string;
  vendorSlug: string;
  startedAt: string;
  backfilled: boolean;
  /** Regions the vendor's platform lists apart from the text (Azure). */
  regions: readonly string[];
  /** The title and every update's plain text. */
  text: string;
}

export const evidenceKinds = ['upstream-incident', 'depends-on', 'names-upstream'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

/** One reason an incident belongs to an outage. */
export interface Evidence {
  kind: EvidenceKind;
  upstream: string;
  region: string | null;
  /** People's words: what was found where. */
  detail: string;
}

export interface MemberDecision {
  incidentId: string;
  vendorSlug: string;
  /** The upstream's own incident, or one of a vendor that depends on it. */
  role: 'upstream' | 'dependent';
  evidence: Evidence[];
  /** The member it joined within the window (null for the first pair's first incident). */
  nearIncidentId: string | null;
  /** Seconds between the two starts. */
  gapSeconds: number | null;
}

export type CorrelationDecision =
  | {
      action: 'create';
      upstream: string;
      region: string | null;
      members: MemberDecision[];
      /** False when every member was history at its vendor's first poll: no one is told. */
      announce: boolean;
    }
  | { action: 'join'; outageId: string; region: string | null; members: MemberDecision[] };

export interface KnownOutage {
  id: string;
  upstream: string;
  region: string | null;
  members: ReadonlyArray<{ incidentId: string; vendorSlug: string; startedAt: string }>;
}

export interface CorrelationInput {
  /** The incidents a cycle wrote and those starting within the window of one of them. */
  incidents: readonly CorrelationIncident[];
  /** Outages any of these incidents already belongs to, with all their members. */
  outages: readonly KnownOutage[];
  dependsOn: (vendorSlug: string) => readonly Dependency[];
  windowSeconds: number;
}

/** One possible cause an incident points at, and why. */
interface Claim {
  upstream: string;
  region: string | null;
  evidence: Evidence;
}

function claimsOf(
  incident: CorrelationIncident,
  dependsOn: CorrelationInput['dependsOn'],
): Claim[] {
  const claims: Claim[] = [];
  const ownRegions = [
    ...new Set([...incident.regions.map(normalizeRegion), ...regionsNamed(incident.text)]),
  ];
  for (const region of ownRegions.length > 0 ? ownRegions : [null]) {
    claims.push({
      upstream: incident.vendorSlug,
      region,
      evidence: {
        kind: 'upstream-incident',
        upstream: incident.vendorSlug,
        region,
        detail: `${incident.vendorSlug}'s own incident${region ? ` names ${region}` : ''}`,
      },
    });
  }
  for (const dependency of dependsOn(incident.vendorSlug)) {
    const target = dependency.region
      ? `${dependency.vendor}:${dependency.region}`
      : dependency.vendor;
    claims.push({
      upstream: dependency.vendor,
      region: dependency.region,
      evidence: {
        kind: 'depends-on',
        upstream: dependency.vendor,
        region: dependency.region,
        detail: `the ${dependency.source} says ${incident.vendorSlug} depends on ${target}`,
      },
    });
  }
  for (const mention of upstreamMentions(incident.text)) {
    if (mention.upstream === incident.vendorSlug) continue;
    claims.push({
      upstream: mention.upstream,
      region: mention.region,
      evidence: {
        kind: 'names-upstream',
        upstream: mention.upstream,
        region: mention.region,
        detail: `its text names "${mention.quote}"`,
      },
    });
  }
  return claims;
}

function regionsFit(a: string | null, b: string | null): boolean {
  return a === null || b === null || a === b;
}

/** Claims of `incident` that point at the cause (upstream, region). */
function claimsFor(claims: readonly Claim[], upstream: string, region: string | null): Claim[] {
  return claims.filter((claim) => claim.upstream === upstream && regionsFit(claim.region, region));
}

function byStart(a: CorrelationIncident, b: CorrelationIncident): number {
  return a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id);
}

function uniqueEvidence(claims: readonly Claim[]): Evidence[] {
  const seen = new Map<string, Evidence>();
  for (const { evidence } of claims) seen.set(`${evidence.kind}\n${evidence.detail}`, evidence);
  return [...seen.values()];
}

interface Start {
  incidentId: string;
  startedAt: string;
  ms: number;
}

interface Group {
  /** Set for an outage already stored; null for one this call creates. */
  outageId: string | null;
  upstream: string;
  region: string | null;
  starts: Start[];
  added: MemberDecision[];
  backfilledOnly: boolean;
}

/**
 * The decisions for these incidents: new outages, and incidents joining outages. Deterministic
 * and idempotent: incidents already in an outage are never moved, and a second call over what
 * the first one's decisions stored decides nothing.
 */
export function correlate(input: CorrelationInput): CorrelationDecision[] {
  const windowMs = input.windowSeconds * 1000;
  const incidents = [...new Map(input.incidents.map((i) => [i.id, i])).values()].sort(byStart);
  const startMs = new Map(incidents.map((i) => [i.id, Date.parse(i.startedAt)]));
  const claims = new Map(incidents.map((i) => [i.id, claimsOf(i, input.dependsOn)]));
  // Only incidents with a claim on the same upstream can share a cause: compare within buckets.
  const byUpstream = new Map<string, CorrelationIncident[]>();
  for (const incident of incidents) {
    for (const upstream of new Set((claims.get(incident.id) ?? []).map((c) => c.upstream))) {
      const bucket = byUpstream.get(upstream) ?? [];
      bucket.push(incident);
      byUpstream.set(upstream, bucket);
    }
  }
  const groups: Group[] = input.outages.map((outage) => ({
    outageId: outage.id,
    upstream: outage.upstream,
    region: outage.region,
    starts: outage.members.map(({ incidentId, startedAt }) => ({
      incidentId,
      startedAt,
      ms: Date.parse(startedAt),
    })),
    added: [],
    backfilledOnly: false,
  }));
  const assigned = new Set(input.outages.flatMap((o) => o.members.map((m) => m.incidentId)));
  const msOf = (incident: CorrelationIncident): number => startMs.get(incident.id) ?? NaN;

  const member = (
    incident: CorrelationIncident,
    matched: Claim[],
    near: Start | null,
  ): MemberDecision => ({
    incidentId: incident.id,
    vendorSlug: incident.vendorSlug,
    role: matched.some((c) => c.evidence.kind === 'upstream-incident') ? 'upstream' : 'dependent',
    evidence: uniqueEvidence(matched),
    nearIncidentId: near?.incidentId ?? null,
    gapSeconds: near ? Math.abs(near.ms - msOf(incident)) / 1000 : null,
  });

  const tryJoin = (incident: CorrelationIncident): boolean => {
    const ms = msOf(incident);
    for (const group of groups) {
      const matched = claimsFor(claims.get(incident.id) ?? [], group.upstream, group.region);
      if (matched.length === 0) continue;
      let near: Start | null = null;
      for (const start of group.starts) {
        const gap = Math.abs(start.ms - ms);
        if (gap <= windowMs && (near === null || gap < Math.abs(near.ms - ms))) near = start;
      }
      if (!near) continue;
      if (group.region === null) {
        group.region = matched.find((c) => c.region !== null)?.region ?? null;
      }
      group.added.push(member(incident, matched, near));
      group.starts.push({ incidentId: incident.id, startedAt: incident.startedAt, ms });
      if (!incident.backfilled) group.backfilledOnly = false;
      assigned.add(incident.id);
      return true;
    }
    return false;
  };

  const tryPair = (incident: CorrelationIncident): boolean => {
    const own = claims.get(incident.id) ?? [];
    const ms = msOf(incident);
    for (const upstream of new Set(own.map((c) => c.upstream))) {
      for (const other of byUpstream.get(upstream) ?? []) {
        if (other.id === incident.id || assigned.has(other.id)) continue;
        if (other.vendorSlug === incident.vendorSlug) continue;
        if (Math.abs(msOf(other) - ms) > windowMs) continue;
        const cause = sharedCause(own, claims.get(other.id) ?? []);
        if (!cause) continue;
        const [first, second] =
          byStart(incident, other) <= 0 ? [incident, other] : [other, incident];
        const firstClaims = claimsFor(claims.get(first.id) ?? [], cause.upstream, cause.region);
        const secondClaims = claimsFor(claims.get(second.id) ?? [], cause.upstream, cause.region);
        const starts = [first, second].map((i) => ({
          incidentId: i.id,
          startedAt: i.startedAt,
          ms: msOf(i),
        }));
        groups.push({
          outageId: null,
          upstream: cause.upstream,
          region: cause.region,
          starts,
          added: [member(first, firstClaims, null), member(second, secondClaims, starts[0]!)],
          backfilledOnly: first.backfilled && second.backfilled,
        });
        assigned.add(first.id);
        assigned.add(second.id);
        return true;
      }
    }
    return false;
  };

  // Joining can make room for more (a later member brings others within the window): repeat
  // until nothing moves. Each pass that moves assigns at least one incident, so this ends.
  for (let moved = true; moved;) {
    moved = false;
    for (const incident of incidents) {
      if (assigned.has(incident.id)) continue;
      if (tryJoin(incident) || tryPair(incident)) moved = true;
    }
  }

  return groups.flatMap((group): CorrelationDecision[] => {
    if (group.added.length === 0) return [];
    if (group.outageId === null) {
      return [
        {
          action: 'create',
          upstream: group.upstream,
          region: group.region,
          members: group.added,
          announce: !group.backfilledOnly,
        },
      ];
    }
    return [
      { action: 'join', outageId: group.outageId, region: group.region, members: group.added },
    ];
  });
}

/**
 * The cause two incidents of different vendors share, if any: a claim of each about the same
 * upstream with fitting regions, the most specific first. Two texts must agree on the region
 * where the provider has regions (mentions without one never become claims, upstreamMentions);
 * so must two declared dependencies, or else "both run somewhere on AWS" would group.
 */
function sharedCause(
  a: readonly Claim[],
  b: readonly Claim[],
): { upstream: string; region: string | null } | null {
  let found: { upstream: string; region: string | null } | null = null;
  for (const left of a) {
    for (const right of b) {
      if (left.upstream !== right.upstream || !regionsFit(left.region, right.region)) continue;
      const declaredOnly =
        left.evidence.kind === 'depends-on' && right.evidence.kind === 'depends-on';
      if (declaredOnly && hasRegions(left.upstream) && (!left.region || !right.region)) continue;
      const region = left.region ?? right.region;
      if (region !== null) return { upstream: left.upstream, region };
      found ??= { upstream: left.upstream, region };
    }
  }
  return found;
}

/** `aws`, `aws:us-east-1`, `azure:East US 2` → a Dependency; null when it is not that shape. */
export function parseDependency(value: string, source: Dependency['source']): Dependency | null {
  const match = /^([a-z0-9][a-z0-9-]{0,62})(?::(.+))?$/.exec(value.trim());
  if (!match) return null;
  const region = match[2] === undefined ? null : normalizeRegion(match[2]);
  if (region === '') return null;
  return { vendor: match[1]!, region, source };
}
