// Decides how an incident's stored flags follow what holds now: raise a new one, revise the
// evidence of one that holds, clear one that no longer does. Pure; the store carries it out.
import {
  historyFlagKinds,
  type BackdatedItem,
  type FlagEvidence,
  type FlagKind,
  type IncidentFlag,
} from './hygiene-flags.js';

export type FlagWrite =
  | { action: 'raise'; kind: FlagKind; evidence: FlagEvidence }
  | { action: 'revise'; kind: FlagKind; evidence: FlagEvidence }
  | { action: 'clear'; kind: FlagKind };

/** Which kinds this evaluation may raise and clear (a commit raises no time-made flag). */
export interface FlagScope {
  raises(kind: FlagKind): boolean;
  clears(kind: FlagKind): boolean;
}

/**
 * `held`: the incident's flags that are not cleared. `found`: what holds now. History flags are
 * never cleared; a backdated flag's evidence only grows, since each poll judges only what it saw
 * first. A stuck flag keeps its evidence: one episode, one event.
 */
export function reconcileFlags(
  held: readonly IncidentFlag[],
  found: readonly FlagEvidence[],
  scope: FlagScope,
): FlagWrite[] {
  const writes: FlagWrite[] = [];
  const heldByKind = new Map(held.map((flag) => [flag.kind, flag]));
  const foundKinds = new Set(found.map((evidence) => evidence.kind));
  for (const evidence of found) {
    const before = heldByKind.get(evidence.kind);
    if (!before) {
      if (scope.raises(evidence.kind))
        writes.push({ action: 'raise', kind: evidence.kind, evidence });
      continue;
    }
    if (evidence.kind === 'stuck') continue;
    const merged = mergeEvidence(before.evidence, evidence);
    if (JSON.stringify(merged) !== JSON.stringify(before.evidence)) {
      writes.push({ action: 'revise', kind: evidence.kind, evidence: merged });
    }
  }
  for (const flag of held) {
    if (foundKinds.has(flag.kind) || historyFlagKinds.includes(flag.kind)) continue;
    if (scope.clears(flag.kind)) writes.push({ action: 'clear', kind: flag.kind });
  }
  return writes;
}

function mergeEvidence(before: FlagEvidence, now: FlagEvidence): FlagEvidence {
  if (before.kind !== 'backdated' || now.kind !== 'backdated') return now;
  const key = (item: BackdatedItem) => `${item.what}\n${item.updateId ?? ''}\n${item.claimedAt}`;
  const known = new Set(before.items.map(key));
  return {
    kind: 'backdated',
    items: [...before.items, ...now.items.filter((i) => !known.has(key(i)))],
  };
}
