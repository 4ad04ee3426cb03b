// GET /api/v1/events (the recorded events, paged) and GET /api/v1/events/stream (the same events
// live, as Server-Sent Events, replaying what a reconnecting client missed: sse.ts).
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { eventsAfter, findEventSeq, listEvents, type Database } from '../../store/index.js';
import type { EventSource } from '../event-bus.js';
import { sendJson } from '../json.js';
import { parseEventQuery, parseStreamQuery } from './params.js';
import { presentEvent } from './present.js';
import { defaultHeartbeatMs, openEventStream, type EventLog } from './sse.js';

interface EventApiDeps {
  db: Kysely<Database>;
  /** Live events; without it the stream only replays from the store. */
  source?: EventSource;
  heartbeatMs?: number;
  /** Aborting it ends every open event stream. */
  shutdownSignal?: AbortSignal;
  /** A stream that fails after its response has started. */
  onError(error: unknown, fields: object): void;
}

interface EventApi {
  list(c: Context): Promise<Response>;
  stream(c: Context): Response;
}

export function createEventApi(deps: EventApiDeps): EventApi {
  const { db } = deps;
  const log: EventLog = {
    resolveCursor: (after) =>
      /^[0-9]{1,15}$/.test(after) ? Promise.resolve(Number(after)) : findEventSeq(db, after),
    eventsAfter: (afterSeq, limit) => eventsAfter(db, afterSeq, limit),
  };
  return {
    async list(c) {
      const query = parseEventQuery(c);
      const page = await listEvents(db, query);
      return sendJson(c, { events: page.events.map(presentEvent), nextCursor: page.nextCursor });
    },
    stream(c) {
      const query = parseStreamQuery(c);
      // EventSource sends Last-Event-ID on reconnect; a malformed one is ignored, not refused,
      // because refusing it would make the browser retry the same bad header forever.
      const lastEventId = c.req.header('last-event-id')?.trim();
      const after =
        lastEventId && /^[A-Za-z0-9_.:~-]{1,200}$/.test(lastEventId)
          ? lastEventId
          : (query.after ?? null);
      return openEventStream({
        log,
        source: deps.source,
        after,
        vendor: query.vendor ?? null,
        heartbeatMs: deps.heartbeatMs ?? defaultHeartbeatMs,
        signals: [c.req.raw.signal, ...(deps.shutdownSignal ? [deps.shutdownSignal] : [])],
        onError: (error) => deps.onError(error, { path: c.req.path }),
      });
    },
  };
}
