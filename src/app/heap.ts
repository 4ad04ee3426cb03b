// V8 lets its old generation grow to about three times the live heap between full collections, and
// a poller's steady garbage keeps it near that ceiling (402 MB at 2,000 vendors every 5 s, 80 MB
// live). Growing by half keeps it near 280 MB for a little more GC work (measured; see README).
import { setFlagsFromString } from 'node:v8';

const growingPercent = 50;

/** The V8 flag to set, or null when the command line already chose a growth limit. */
export function heapGrowthFlag(execArgv: readonly string[]): string | null {
  if (execArgv.some((arg) => /^--heap[-_]growing[-_]percent\b/.test(arg))) return null;
  return `--heap-growing-percent=${growingPercent}`;
}

/** Applies the heap growth limit unless the process was started with its own. */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): boolean {
  const flag = heapGrowthFlag(execArgv);
  if (flag === null) return false;
  // V8 reads this flag at every full collection, so setting it at run time takes effect.
  setFlagsFromString(flag);
  return true;
}
