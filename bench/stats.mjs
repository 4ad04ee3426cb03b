// Numbers the bench reports: percentiles, and a process's CPU time and memory read from /proc
// (Linux), so any child can be measured from the outside without cooperating.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/** Clock ticks per second of /proc/<pid>/stat times; 100 on every common Linux build. */
const clockTicksPerSecond = 100;

/** Nearest-rank percentile of numbers (sorted here); null for an empty list. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

export function summarize(values) {
  if (values.length === 0) return { count: 0, p50: null, p99: null, max: null, min: null };
  return {
    count: values.length,
    min: Math.min(...values),
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: Math.max(...values),
  };
}

/** User + system CPU seconds a process has used so far, or null if it is gone. */
export function cpuSecondsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
  } catch {
    return null;
  }
}

/** VmRSS and VmHWM (peak resident set) in MB, or nulls if the process is gone. */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => {
      const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
      return match ? Number(match[1]) / 1024 : null;
    };
    return { rssMb: kb('VmRSS'), peakRssMb: kb('VmHWM') };
  } catch {
    return { rssMb: null, peakRssMb: null };
  }
}

/** Samples a process's CPU between start() and stop(): cores used = CPU seconds / wall seconds. */
export function cpuMeter(pid) {
  let startCpu = null;
  let startAt = 0;
  return {
    start() {
      startCpu = cpuSecondsOf(pid);
      startAt = Date.now();
    },
    stop() {
      const cpu = cpuSecondsOf(pid);
      const wallSeconds = (Date.now() - startAt) / 1000;
      if (cpu === null || startCpu === null || wallSeconds <= 0) return null;
      return round((cpu - startCpu) / wallSeconds, 3);
    },
  };
}

/**
 * The main thread's time on a CPU and time runnable but waiting for one (/proc/<pid>/schedstat,
 * whose pid is the main thread's tid), and the process's write syscalls and disk writes.
 */
export function threadAndIoOf(pid) {
  const result = {
    runSeconds: null,
    runqueueSeconds: null,
    writeSyscalls: null,
    diskWriteBytes: null,
  };
  try {
    const [run, wait] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(' ');
    result.runSeconds = Number(run) / 1e9;
    result.runqueueSeconds = Number(wait) / 1e9;
    const io = readFileSync(`/proc/${pid}/io`, 'utf8');
    result.writeSyscalls = Number(/^syscw: (\d+)/m.exec(io)?.[1] ?? NaN);
    result.diskWriteBytes = Number(/^write_bytes: (\d+)/m.exec(io)?.[1] ?? NaN);
  } catch {
    // Not Linux, or the process is gone: the fields stay null.
  }
  return result;
}

/** Fractions of wall time the main thread ran, waited for a CPU, or was blocked/idle. */
export function mainThreadShares(from, to, seconds) {
  if (from.runSeconds === null || to.runSeconds === null || seconds <= 0) return null;
  const onCpu = (to.runSeconds - from.runSeconds) / seconds;
  const runqueue = (to.runqueueSeconds - from.runqueueSeconds) / seconds;
  return {
    onCpu: round(onCpu, 3),
    waitingForCpu: round(runqueue, 3),
    blockedOrIdle: round(Math.max(0, 1 - onCpu - runqueue), 3),
  };
}

export function loadAverage() {
  return loadavg().map((value) => round(value, 2));
}

export function round(value, digits = 1) {
  if (value === null || value === undefined || !Number.isFinite(value)) return value ?? null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
