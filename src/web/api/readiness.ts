// /readyz asks the store a trivial question but never waits longer than a deadline: a hung
// database must turn readiness red quickly, not hang the probe (and its caller) with it.

export const defaultReadinessTimeoutMs = 2000;

type ReadinessResult = { ready: true } | { ready: false; reason: 'timeout' | 'error' };

export async function probeWithDeadline(
  probe: () => Promise<unknown>,
  timeoutMs: number,
): Promise<ReadinessResult> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<ReadinessResult>((resolve) => {
    timer = setTimeout(() => resolve({ ready: false, reason: 'timeout' }), timeoutMs);
  });
  // Promise.resolve().then: a probe that throws synchronously counts as an error, not a crash.
  const answer = Promise.resolve()
    .then(probe)
    .then(
      (): ReadinessResult => ({ ready: true }),
      (): ReadinessResult => ({ ready: false, reason: 'error' }),
    );
  try {
    return await Promise.race([answer, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
