// The push side of /api/v1/events/stream. The poller publishes each event after the transaction
// that recorded it has committed, so a stream that falls back to the store never misses one.
// Health changes travel beside the events: live signals of a committed poll, never stored.
import type { HealthChange } from '../domain/health-change.js';
import type { VendorEvent } from '../domain/model.js';

type EventListener = (event: VendorEvent) => void;
type HealthListener = (change: HealthChange) => void;

/** What the web layer needs: a way to hear about newly recorded events and health changes. */
export interface EventSource {
  /** Returns the function that stops the listener. */
  subscribe(listener: EventListener): () => void;
  /** Returns the function that stops the listener. */
  subscribeHealth(listener: HealthListener): () => void;
}

export interface EventBus extends EventSource {
  /** Call only after the events are committed to the store. */
  publish(events: readonly VendorEvent[]): void;
  /** Call only after the poll that changed the health is committed. */
  publishHealth(change: HealthChange): void;
  /** Listeners currently subscribed (for tests and metrics). */
  listenerCount(): number;
}

/** An in-process bus: listeners run synchronously and one that throws never stops the others. */
export function createEventBus(onListenerError: (error: unknown) => void = () => {}): EventBus {
  const listeners = new Set<EventListener>();
  const healthListeners = new Set<HealthListener>();
  return {
    subscribe(listener) {
      // A wrapper per subscription, so the same function subscribed twice unsubscribes once.
      const entry: EventListener = (event) => listener(event);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    publish(events) {
      for (const event of events) {
        for (const listener of [...listeners]) {
          try {
            listener(event);
          } catch (error) {
            onListenerError(error);
          }
        }
      }
    },
    subscribeHealth(listener) {
      const entry: HealthListener = (change) => listener(change);
      healthListeners.add(entry);
      return () => {
        healthListeners.delete(entry);
      };
    },
    publishHealth(change) {
      for (const listener of [...healthListeners]) {
        try {
          listener(change);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    listenerCount: () => listeners.size,
  };
}
