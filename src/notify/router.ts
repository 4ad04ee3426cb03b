// Which targets an event goes to, decided before the event is recorded (its outbox rows commit
// with it). Pure: the event, what is known of its incident, and the targets' filters.
import { boardCovers, type Board } from '../domain/board.js';
import type { RoutedDelivery } from '../domain/delivery.js';
import type { PlannedEvent } from '../domain/diff.js';
import { touchesFollowed } from '../domain/followed-components.js';
import type { RoutingContext } from '../domain/routing.js';
import { compareImpact, impactRankOf } from '../domain/status.js';
import type { ComponentStatus, EventType, Impact } from '../domain/vocabulary.js';
import { eventTypes } from '../domain/vocabulary.js';
import { channels } from './registry.js';
import type { NotifyTarget, TargetType } from './types.js';

export interface RouterOptions {
  /** How long before a maintenance window its reminder goes out; null for no reminders. */
  reminderLeadSeconds: number | null;
  /** Whether targets of a type get maintenance reminders; the channel registry says by default. */
  reminders?: (type: TargetType) => boolean;
  /** The config's boards, for targets filtered by `boards`; a board not here matches nothing. */
  boards?: readonly Board[];
}

/**
 * Suspicions are vendorwatch's own evidence, not the vendor's word: machines (webhooks) get them
 * by default, channels people read (those that fold bursts) only when their `events` names them.
 */
const optInTypes: readonly EventType[] = ['vendor.suspected', 'vendor.suspicion_cleared'];

/** Without an `events` filter a target gets everything but per-component status noise. */
const defaultEventTypes: readonly EventType[] = eventTypes.filter(
  (type) => type !== 'component.status_changed',
);
const defaultPeopleEventTypes: readonly EventType[] = defaultEventTypes.filter(
  (type) => !optInTypes.includes(type),
);

/** Whether the target's channel is one people read (it folds bursts); unknown types count so. */
function readByPeople(type: TargetType): boolean {
  try {
    return channels.get(type).coalesce;
  } catch {
    return true;
  }
}

/** The event types a target gets: its filter's, else its channel's defaults. */
export function targetEventTypes(
  target: Pick<NotifyTarget, 'type' | 'events'>,
): readonly EventType[] {
  if (target.events) return target.events;
  return readByPeople(target.type) ? defaultPeopleEventTypes : defaultEventTypes;
}

/** Events that close what a target was told about: they follow it past its filters. */
const closingTypes: readonly EventType[] = ['incident.resolved', 'maintenance.completed'];

/** The impact a component status stands for, for `minImpact` on component events. */
const statusImpact: Record<ComponentStatus, Impact> = {
  operational: 'notice',
  unknown: 'notice',
  under_maintenance: 'maintenance',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Components the event is about: its update's when it names some, else the incident's. */
function affected(event: PlannedEvent, context: RoutingContext): string[] | null {
  if (event.component) return [event.component.name];
  if (context.updateComponents && context.updateComponents.length > 0) {
    return context.updateComponents;
  }
  return context.incident ? context.incident.components : null;
}

function impactOf(event: PlannedEvent, context: RoutingContext): Impact | null {
  if (event.component) {
    const { from, to } = event.component;
    const worse = [to, from ?? 'operational'].map((status) => statusImpact[status]);
    return compareImpact(worse[0]!, worse[1]!) >= 0 ? worse[0]! : worse[1]!;
  }
  return context.incident?.impact ?? null;
}

/**
 * Whether the event concerns one of the target's boards: its vendor is on one (an outage's, any
 * member vendor) and, when the board names components, the event touches one of them or does not
 * say which it touches.
 */
function onBoards(
  target: NotifyTarget,
  event: PlannedEvent,
  context: RoutingContext,
  boards: readonly Board[],
): boolean {
  const named = boards.filter((board) => target.boards!.includes(board.slug));
  const names = affected(event, context);
  const vendors = [event.vendorSlug, ...(context.vendors ?? [])];
  return named.some((board) =>
    vendors.some((slug) => boardCovers(board, slug, slug === event.vendorSlug ? names : null)),
  );
}

/** Whether `target` wants an event of `type` (the event's own, or a reminder's). */
export function wants(
  target: NotifyTarget,
  type: EventType,
  event: PlannedEvent,
  context: RoutingContext,
  boards: readonly Board[] = [],
): boolean {
  const { vendors } = target;
  if (vendors && !vendors.includes(event.vendorSlug)) {
    if (!context.vendors?.some((slug) => vendors.includes(slug))) return false;
  }
  if (!targetEventTypes(target).includes(type)) return false;
  if (closingTypes.includes(type) && context.notifiedTargets.includes(target.name)) return true;
  if (target.boards && !onBoards(target, event, context, boards)) return false;
  if (target.minImpact) {
    const impact = impactOf(event, context);
    if (impact !== null && impactRankOf(impact) < impactRankOf(target.minImpact)) return false;
  }
  const filter = target.components?.[event.vendorSlug];
  if (filter) {
    const names = affected(event, context);
    if (names !== null && !names.some((name) => filter.some((wanted) => sameName(name, wanted)))) {
      return false;
    }
  } else if (!touchesFollowed(context.followedComponents ?? null, affected(event, context))) {
    // No filter of its own: the vendor's followed components decide.
    return false;
  }
  return true;
}

/** When a maintenance reminder for this event is due, or null when there is none to send. */
export function reminderTime(
  event: PlannedEvent,
  context: RoutingContext,
  options: RouterOptions,
): string | null {
  const { incident } = context;
  if (options.reminderLeadSeconds === null || !incident || incident.kind !== 'maintenance') {
    return null;
  }
  if (incident.phase !== 'scheduled' || !incident.scheduledFor) return null;
  const announced = event.type === 'maintenance.scheduled' || 'scheduledFor' in event.changes;
  if (!announced) return null;
  const at = Date.parse(incident.scheduledFor) - options.reminderLeadSeconds * 1000;
  return at > Date.parse(event.at) ? new Date(at).toISOString() : null;
}

export function routeEvent(
  targets: readonly NotifyTarget[],
  event: PlannedEvent,
  context: RoutingContext,
  options: RouterOptions,
): RoutedDelivery[] {
  const routed: RoutedDelivery[] = [];
  const reminderAt = reminderTime(event, context, options);
  const reminders = options.reminders ?? channels.reminders;
  for (const target of targets) {
    if (wants(target, event.type, event, context, options.boards))
      routed.push({ target: target.name, kind: 'event' });
    if (
      reminderAt !== null &&
      reminders(target.type) &&
      wants(target, 'maintenance.scheduled', event, context, options.boards)
    ) {
      routed.push({ target: target.name, kind: 'reminder', notBefore: reminderAt });
    }
  }
  return routed;
}
