// What a vendor's push looks like (docs/push.md): a push is only a hint to poll now, so nothing
// in it is stored; it must still be one of the documented webhook shapes, or it is refused.

export type PushKind =
  'statuspage.incident' | 'statuspage.maintenance' | 'statuspage.component' | 'event';

export type PushReading = { ok: true; kind: PushKind } | { ok: false; reason: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Statuspage subscriber webhooks (also sent by Instatus and Better Stack in the same shape) carry
 * `incident`, `maintenance` (Instatus) or `component_update` with `component`; incident.io and
 * Better Stack name the event in a string `event_type`.
 */
export function readPush(text: string): PushReading {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the body is not JSON' };
  }
  if (!isObject(body)) return { ok: false, reason: 'the body must be a JSON object' };
  if (isObject(body.component_update) || isObject(body.component)) {
    return { ok: true, kind: 'statuspage.component' };
  }
  if (isObject(body.incident)) return { ok: true, kind: 'statuspage.incident' };
  if (isObject(body.maintenance)) return { ok: true, kind: 'statuspage.maintenance' };
  if (typeof body.event_type === 'string' && body.event_type.length > 0) {
    return { ok: true, kind: 'event' };
  }
  return {
    ok: false,
    reason:
      'not a status page webhook: expected incident, maintenance, component_update or event_type',
  };
}
