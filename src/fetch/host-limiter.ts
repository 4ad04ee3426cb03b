// At most `limit` requests in flight per host; the rest wait in arrival order. A waiter whose
// signal aborts leaves the queue, so time spent queued counts against the request's deadline.

type Release = () => void;

interface Waiter {
  grant: (release: Release) => void;
}

interface HostSlots {
  active: number;
  queue: Waiter[];
}

export class HostLimiter {
  private readonly hosts = new Map<string, HostSlots>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error('per-host limit must be >= 1');
  }

  /** Resolves with a release function once a slot for `host` is free. */
  acquire(host: string, signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    let slots = this.hosts.get(host);
    if (!slots) {
      slots = { active: 0, queue: [] };
      this.hosts.set(host, slots);
    }
    if (slots.active < this.limit) {
      slots.active += 1;
      return Promise.resolve(this.releaser(host, slots));
    }
    const queued = slots;
    return new Promise<Release>((resolve, reject) => {
      const onAbort = (): void => {
        const index = queued.queue.indexOf(waiter);
        if (index >= 0) queued.queue.splice(index, 1);
        this.forgetIfIdle(host, queued);
        reject(signal?.reason as Error);
      };
      const waiter: Waiter = {
        grant: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queued.queue.push(waiter);
    });
  }

  /** Requests in flight and waiting for `host` (for tests and metrics). */
  usage(host: string): { active: number; waiting: number } {
    const slots = this.hosts.get(host);
    return { active: slots?.active ?? 0, waiting: slots?.queue.length ?? 0 };
  }

  private releaser(host: string, slots: HostSlots): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = slots.queue.shift();
      if (next) {
        next.grant(this.releaser(host, slots));
        return;
      }
      slots.active -= 1;
      this.forgetIfIdle(host, slots);
    };
  }

  private forgetIfIdle(host: string, slots: HostSlots): void {
    if (slots.active === 0 && slots.queue.length === 0 && this.hosts.get(host) === slots) {
      this.hosts.delete(host);
    }
  }
}
