import { describe, expect, it } from 'vitest';
import { HostLimiter } from './host-limiter.js';

describe('HostLimiter', () => {
  it('grants up to the limit per host, then queues in arrival order', async () => {
    const limiter = new HostLimiter(2);
    const first = await limiter.acquire('a:443');
    const second = await limiter.acquire('a:443');
    const other = await limiter.acquire('b:443');
    const order: string[] = [];
    const third = limiter.acquire('a:443').then((release) => (order.push('third'), release));
    const fourth = limiter.acquire('a:443').then((release) => (order.push('fourth'), release));
    expect(limiter.usage('a:443')).toEqual({ active: 2, waiting: 2 });
    first();
    first(); // releasing twice must not free a second slot
    (await third)();
    second();
    (await fourth)();
    other();
    expect(order).toEqual(['third', 'fourth']);
    expect(limiter.usage('a:443')).toEqual({ active: 0, waiting: 0 });
  });

  it('drops an aborted waiter from the queue, so its slot goes to the next one', async () => {
    const limiter = new HostLimiter(1);
    const holder = await limiter.acquire('h');
    const controller = new AbortController();
    const abandoned = limiter.acquire('h', controller.signal);
    const patient = limiter.acquire('h');
    controller.abort(new Error('deadline'));
    await expect(abandoned).rejects.toThrow('deadline');
    expect(limiter.usage('h')).toEqual({ active: 1, waiting: 1 });
    holder();
    (await patient)();
    expect(limiter.usage('h')).toEqual({ active: 0, waiting: 0 });
  });

  it('refuses an already aborted signal and a limit below one', async () => {
    const limiter = new HostLimiter(1);
    await expect(limiter.acquire('h', AbortSignal.abort(new Error('gone')))).rejects.toThrow(
      'gone',
    );
    expect(() => new HostLimiter(0)).toThrow();
  });
});
