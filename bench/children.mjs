// Child processes of the bench: spawned with an IPC channel (and a raised open-file limit when the
// soft one is too low), tracked, and always killed at the end, on errors and on SIGINT/SIGTERM.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

const live = new Set();
const killGraceMs = 3_000;

/** The soft and hard RLIMIT_NOFILE of this process (Linux /proc), or null elsewhere. */
export function openFileLimits() {
  try {
    const text = readFileSync('/proc/self/limits', 'utf8');
    const match = /^Max open files\s+(\S+)\s+(\S+)/m.exec(text);
    if (!match) return null;
    const parse = (v) => (v === 'unlimited' ? Number.POSITIVE_INFINITY : Number(v));
    return { soft: parse(match[1]), hard: parse(match[2]) };
  } catch {
    return null;
  }
}

/**
 * Node cannot raise its own limit, so a child that needs more descriptors than the soft limit is
 * started through `bash -c 'ulimit -n N; exec node …'`; `note` says what was done or is missing.
 */
export function planFileLimit(needed) {
  const limits = openFileLimits();
  if (!limits) return { raiseTo: null, note: 'open-file limit unknown (no /proc)' };
  if (limits.soft >= needed) {
    return { raiseTo: null, note: `soft limit ${limits.soft} ≥ ${needed} needed` };
  }
  if (limits.hard >= needed) {
    const raiseTo = Math.min(limits.hard, Math.max(needed, 65_536));
    return { raiseTo, note: `soft limit ${limits.soft} raised to ${raiseTo} in the children` };
  }
  return {
    raiseTo: limits.hard,
    note: `WARNING: ${needed} descriptors needed but the hard limit is ${limits.hard}`,
  };
}

/** Starts `node [nodeArgs] script [args]` with stdio inherited and an IPC channel. */
export function startChild(
  label,
  script,
  { nodeArgs = [], args = [], raiseTo = null, env = process.env } = {},
) {
  const nodeCommand = [process.execPath, ...nodeArgs, script, ...args];
  const child =
    raiseTo === null
      ? spawn(nodeCommand[0], nodeCommand.slice(1), {
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          env,
        })
      : spawn('bash', ['-c', `ulimit -n ${raiseTo} && exec "$0" "$@"`, ...nodeCommand], {
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          env,
        });
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      // A child that dies mid-phase says nothing itself (a native crash, a kill): say it here.
      if (code !== 0 || signal !== null) {
        console.error(`[bench] ${label} exited with code ${code}, signal ${signal}`);
      }
      resolve({ code, signal });
    }),
  );
  const entry = { label, child, exited };
  live.add(entry);
  void exited.then(() => live.delete(entry));
  return entry;
}

/** Resolves with the child's next message of `type`; rejects if it exits first or time runs out. */
export function nextMessage(entry, type, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${entry.label}: no "${type}" message within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message) => {
      if (message?.type === 'error') {
        cleanup();
        reject(new Error(`${entry.label} failed: ${message.message}`));
      } else if (message?.type === type) {
        cleanup();
        resolve(message);
      }
    };
    const onExit = (code, signal) => {
      cleanup();
      reject(new Error(`${entry.label} exited (code ${code}, signal ${signal}) before "${type}"`));
    };
    function cleanup() {
      clearTimeout(timer);
      entry.child.off('message', onMessage);
      entry.child.off('exit', onExit);
    }
    entry.child.on('message', onMessage);
    entry.child.once('exit', onExit);
  });
}

/** Sends a request and waits for the reply of the same type. */
export function ask(entry, message, timeoutMs) {
  const reply = nextMessage(entry, message.type, timeoutMs);
  entry.child.send(message);
  return reply;
}

/** SIGTERM, then SIGKILL after a grace period; resolves once the child is gone. */
export async function stopChild(entry) {
  if (entry.child.exitCode !== null || entry.child.signalCode !== null) return;
  entry.child.kill('SIGTERM');
  const result = await Promise.race([entry.exited, delay(killGraceMs).then(() => null)]);
  if (result === null) {
    entry.child.kill('SIGKILL');
    await entry.exited;
  }
}

export async function stopAllChildren() {
  await Promise.all([...live].map((entry) => stopChild(entry)));
}

/** Last resort when the bench itself exits: no child outlives it. */
export function killAllChildrenNow() {
  for (const { child } of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
