// GET /api/v1/events/stream: Server-Sent Events. On connect it replays what the client missed
// (events recorded after Last-Event-ID / ?after=) from the store, then forwards live events from
// the bus. Live events that arrive during the replay are held back and de-duplicated against it.
import type { HealthChange } from '../../domain/health-change.js';
import type { VendorEvent } from '../../domain/model.js';
import type { EventSource } from '../event-bus.js';
import { presentEvent } from './present.js';

export const defaultHeartbeatMs = 15_000;
/** The SSE event name of a health change (a live signal; not an event type of the store). */
export const healthChangeEvent = 'vendor.health';
/** Events replayed per store query, and at most in all: a longer gap needs the list API. */
const replayPageSize = 500;
const maxReplayedEvents = 10_000;
/** A client this far behind is cut off; it reconnects with Last-Event-ID and loses nothing. */
const maxQueuedBytes = 1024 * 1024;
/** How long a client waits before reconnecting after the stream ends. */
const reconnectDelayMs = 3000;

interface RecordedEvent {
  seq: number;
  event: VendorEvent;
}

export interface EventLog {
  /** The seq of an event given by id or by seq; null when the store has no such event. */
  resolveCursor(after: string): Promise<number | null>;
  /** Events with seq greater than `afterSeq`, oldest first, at most `limit`. */
  eventsAfter(afterSeq: number, limit: number): Promise<RecordedEvent[]>;
}

export interface EventStreamOptions {
  log: EventLog;
  source: EventSource | undefined;
  /** Replay events recorded after this event id or seq; null sends only new events. */
  after: string | null;
  vendor: string | null;
  heartbeatMs: number;
  /** Aborted when the client goes away or the server shuts down. */
  signals: AbortSignal[];
  onError(error: unknown): void;
}

/**
 * A health change has no `id:` line, so the browser's Last-Event-ID stays on the last stored
 * event and a reconnect replays from there.
 */
function formatHealthChange(change: HealthChange): string {
  return `event: ${healthChangeEvent}\ndata: ${JSON.stringify(change)}\n\n`;
}

function formatEvent(event: VendorEvent): string {
  // JSON.stringify never emits raw newlines, so the data fits on one `data:` line.
  const id = event.id.replace(/[\r\n]/g, '');
  return `event: ${event.type}\nid: ${id}\ndata: ${JSON.stringify(presentEvent(event))}\n\n`;
}

export function openEventStream(options: EventStreamOptions): Response {
  const encoder = new TextEncoder();
  const wanted = (event: VendorEvent) =>
    options.vendor === null || event.vendorSlug === options.vendor;
  let stop: () => void = () => {};
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let closed = false;
        /** Live events held while replaying; null once the replay is done. */
        let held: VendorEvent[] | null = options.after === null ? null : [];

        const send = (text: string) => {
          if (closed) return;
          controller.enqueue(encoder.encode(text));
          if ((controller.desiredSize ?? 0) < -maxQueuedBytes) finish();
        };
        const unsubscribe =
          options.source?.subscribe((event) => {
            if (!wanted(event)) return;
            if (held) held.push(event);
            else send(formatEvent(event));
          }) ?? (() => {});
        const unsubscribeHealth =
          options.source?.subscribeHealth((change) => {
            if (options.vendor === null || change.vendorSlug === options.vendor) {
              send(formatHealthChange(change));
            }
          }) ?? (() => {});
        const heartbeat = setInterval(() => send(': heartbeat\n\n'), options.heartbeatMs);
        heartbeat.unref();

        function finish(): void {
          if (closed) return;
          closed = true;
          clearInterval(heartbeat);
          unsubscribe();
          unsubscribeHealth();
          for (const signal of options.signals) signal.removeEventListener('abort', finish);
          try {
            controller.close();
          } catch {
            // Already cancelled by the reader.
          }
        }
        stop = finish;
        for (const signal of options.signals) {
          if (signal.aborted) finish();
          else signal.addEventListener('abort', finish, { once: true });
        }

        send(`retry: ${reconnectDelayMs}\n: connected\n\n`);
        if (options.after === null) return;
        replay(options, wanted, send, () => closed).then(
          (replayed) => {
            for (const event of held ?? []) if (!replayed.has(event.id)) send(formatEvent(event));
            held = null;
          },
          (error: unknown) => {
            options.onError(error);
            finish();
          },
        );
      },
      cancel() {
        stop();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
  );
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      // Reverse proxies (nginx) buffer responses by default, which would stall the stream.
      'x-accel-buffering': 'no',
    },
  });
}

/** Sends the missed events and returns their ids. */
async function replay(
  options: EventStreamOptions,
  wanted: (event: VendorEvent) => boolean,
  send: (text: string) => void,
  isClosed: () => boolean,
): Promise<Set<string>> {
  const replayed = new Set<string>();
  let seq = await options.log.resolveCursor(options.after!);
  if (seq === null) return replayed;
  while (!isClosed() && replayed.size < maxReplayedEvents) {
    const page = await options.log.eventsAfter(seq, replayPageSize);
    for (const { seq: eventSeq, event } of page) {
      seq = eventSeq;
      if (!wanted(event)) continue;
      send(formatEvent(event));
      replayed.add(event.id);
    }
    if (page.length < replayPageSize) break;
  }
  return replayed;
}
