// Noise control: a burst of updates to one incident becomes one message per target. An update is
// held until the burst window has passed since the last message about that incident to that
// target, and is folded away when a later message about the incident exists by its turn.
import type { EventType } from '../domain/vocabulary.js';

/** Transitions (opened, resolved, …) always go out at once; only plain updates are held. */
export function holdsFor(
  coalesce: boolean,
  windowMs: number,
  delivery: { kind: string; groupKey: string | null; eventType: EventType },
): boolean {
  return (
    coalesce &&
    windowMs > 0 &&
    delivery.kind === 'event' &&
    delivery.groupKey !== null &&
    delivery.eventType === 'incident.updated'
  );
}

type HoldDecision =
  { action: 'send' } | { action: 'defer'; until: string } | { action: 'fold'; reason: string };

export function decideHold(input: {
  laterMessage: boolean;
  lastSentAt: string | null;
  now: Date;
  windowMs: number;
}): HoldDecision {
  if (input.laterMessage) {
    return { action: 'fold', reason: 'folded into a later message about this incident' };
  }
  if (input.lastSentAt !== null) {
    const until = Date.parse(input.lastSentAt) + input.windowMs;
    if (until > input.now.getTime())
      return { action: 'defer', until: new Date(until).toISOString() };
  }
  return { action: 'send' };
}
