// Where a V8 .cpuprofile (node --cpu-prof) spent its busy time: top self-time frames as file:line,
// self time per area (store, HTTP, zlib, GC…), and inclusive time of vendorwatch's own functions.
// Used by `run.mjs --profile`; also runs alone: node bench/profile-top.mjs FILE [N].
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { SourceMap } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const sourceMaps = new Map();

/** dist/x.js:line → src/x.ts:line through the build's source maps, when there is one. */
function sourcePlace(path, line, column) {
  if (!sourceMaps.has(path)) {
    try {
      const map = JSON.parse(readFileSync(`${path}.map`, 'utf8'));
      sourceMaps.set(path, new SourceMap(map));
    } catch {
      sourceMaps.set(path, null);
    }
  }
  const entry = sourceMaps.get(path)?.findEntry(line, column);
  if (!entry?.originalSource) return null;
  const original = entry.originalSource.startsWith('file://')
    ? fileURLToPath(entry.originalSource)
    : resolve(dirname(path), entry.originalSource);
  return `${relative(repoRoot, original)}:${entry.originalLine + 1}`;
}

/** First matching prefix names the area of a frame's file. */
const areas = [
  ['src/store/', 'store (vendorwatch)'],
  ['node_modules/better-sqlite3/', 'store (better-sqlite3)'],
  ['node_modules/kysely/', 'store (kysely query building)'],
  ['src/fetch/', 'fetch (vendorwatch)'],
  ['node_modules/undici/', 'HTTP (undici)'],
  ['node:net', 'HTTP (node:net, sockets)'],
  ['node:zlib', 'gunzip (node:zlib)'],
  ['node:inspector', 'the profiler itself (--profile only)'],
  ['src/adapters/', 'parse (adapters)'],
  ['src/domain/', 'diff/domain'],
  ['src/poll/', 'poll cycle/scheduler'],
  ['node:', 'node internals (streams, events, timers…)'],
];

/** A frame as src/x.ts:line (through source maps) or its file:line; exported for alloc-top.mjs. */
export function placeOf(frame) {
  if (!frame.url) return `(${frame.functionName || 'native'})`;
  if (!frame.url.startsWith('file://')) return `${frame.url}:${frame.lineNumber + 1}`;
  const path = fileURLToPath(frame.url);
  const mapped = path.endsWith('.js')
    ? sourcePlace(path, frame.lineNumber, frame.columnNumber)
    : null;
  return mapped ?? `${relative(repoRoot, path)}:${frame.lineNumber + 1}`;
}

export function areaOf(place) {
  return areas.find(([prefix]) => place.startsWith(prefix))?.[1] ?? place.replace(/:\d+$/, '');
}

const engineFrames = new Set(['(garbage collector)', '(program)', '(idle)', '(root)']);

/** Native callees (better-sqlite3's exec, socket writes…) count for the JS frame that called them. */
function callerPlace(node, parentOf) {
  let current = node;
  while (current && !current.callFrame.url && !engineFrames.has(current.callFrame.functionName)) {
    const parent = parentOf.get(current.id);
    if (!parent) break;
    current = parent;
  }
  return placeOf((current ?? node).callFrame);
}

function ranked(map, busyMs, limit) {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([where, ms]) => ({
      where,
      ms: Math.round(ms),
      percent: Math.round((ms / busyMs) * 1000) / 10,
    }));
}

/** Percentages are of busy time: everything sampled except (idle). */
export async function topFrames(profilePath, limit = 20) {
  const profile = JSON.parse(await readFile(profilePath, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map();
  for (const node of profile.nodes) {
    for (const id of node.children ?? []) parentOf.set(id, node);
  }
  const selfMs = new Map();
  profile.samples.forEach((id, index) => {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  const totalOf = new Map();
  const total = (node) => {
    // Post-order without recursion limits: profiles can be deep.
    const stack = [[node, false]];
    while (stack.length > 0) {
      const [current, visited] = stack.pop();
      if (visited) {
        const children = (current.children ?? []).map((id) => totalOf.get(id) ?? 0);
        totalOf.set(
          current.id,
          (selfMs.get(current.id) ?? 0) + children.reduce((a, b) => a + b, 0),
        );
      } else {
        stack.push([current, true]);
        for (const id of current.children ?? []) stack.push([byId.get(id), false]);
      }
    }
  };
  total(profile.nodes[0]);
  const frames = new Map();
  const byArea = new Map();
  const inclusive = new Map();
  let busyMs = 0;
  for (const node of profile.nodes) {
    const place = placeOf(node.callFrame);
    const native = !node.callFrame.url && !engineFrames.has(node.callFrame.functionName);
    const caller = native ? ` ← ${callerPlace(node, parentOf)}` : '';
    const key = `${node.callFrame.functionName || '(anonymous)'} ${place}${caller}`;
    const self = selfMs.get(node.id) ?? 0;
    if (place !== '((idle))') busyMs += self;
    frames.set(key, (frames.get(key) ?? 0) + self);
    const area = areaOf(callerPlace(node, parentOf));
    byArea.set(area, (byArea.get(area) ?? 0) + self);
    if (place.startsWith('src/'))
      inclusive.set(key, (inclusive.get(key) ?? 0) + totalOf.get(node.id));
  }
  frames.delete('(idle) ((idle))');
  byArea.delete('((idle))');
  return {
    busyMs: Math.round(busyMs),
    frames: ranked(frames, busyMs, limit),
    areas: ranked(byArea, busyMs, limit),
    inclusive: ranked(inclusive, busyMs, limit),
  };
}

export function formatTop(top) {
  const list = (title, items) => [
    title,
    ...items.map((f) => `  ${String(f.percent).padStart(5)} %  ${f.where}`),
  ];
  return [
    ...list(`busy ${top.busyMs} ms; top self time by frame (% of busy time):`, top.frames),
    ...list('self time by area (native callees count for their JS caller):', top.areas),
    ...list('inclusive time of vendorwatch functions (src/, via source maps):', top.inclusive),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [path, limit] = process.argv.slice(2);
  if (!path) {
    console.error('usage: node bench/profile-top.mjs FILE.cpuprofile [N]');
    process.exitCode = 2;
  } else {
    console.log(formatTop(await topFrames(path, Number(limit ?? 20))));
  }
}
