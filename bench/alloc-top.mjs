// Where a sampled allocation profile (.heapprofile from `run.mjs --alloc`) allocated: bytes per
// poll by top self frame, by area (store, HTTP, …) and inclusive of vendorwatch's own functions.
// Also runs alone: node bench/alloc-top.mjs FILE.heapprofile POLLS [N].
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { areaOf, placeOf } from './profile-top.mjs';

function ranked(map, polls, total, limit) {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([where, bytes]) => ({
      where,
      kbPerPoll: Math.round((bytes / 1024 / polls) * 10) / 10,
      percent: Math.round((bytes / total) * 1000) / 10,
    }));
}

/** `polls`: polls in the sampled window, so bytes read per poll. */
export async function topAllocations(profilePath, polls, limit = 20) {
  const { head } = JSON.parse(await readFile(profilePath, 'utf8'));
  const frames = new Map();
  const byArea = new Map();
  const inclusive = new Map();
  let total = 0;
  // Depth-first with the path's vendorwatch frames, so each byte counts once per src/ function.
  const walk = (node, srcAbove, firstNamedAbove) => {
    const place = placeOf(node.callFrame);
    const key = `${node.callFrame.functionName || '(anonymous)'} ${place}`;
    const named = node.callFrame.url ? place : firstNamedAbove;
    let subtree = node.selfSize;
    const src = place.startsWith('src/') && !srcAbove.includes(key) ? [...srcAbove, key] : srcAbove;
    for (const child of node.children) subtree += walk(child, src, named);
    if (node.selfSize > 0) {
      total += node.selfSize;
      frames.set(key, (frames.get(key) ?? 0) + node.selfSize);
      const area = areaOf(named ?? place);
      byArea.set(area, (byArea.get(area) ?? 0) + node.selfSize);
    }
    if (place.startsWith('src/') && !srcAbove.includes(key)) {
      inclusive.set(key, (inclusive.get(key) ?? 0) + subtree);
    }
    return subtree;
  };
  walk(head, [], null);
  return {
    kbPerPoll: Math.round((total / 1024 / polls) * 10) / 10,
    frames: ranked(frames, polls, total, limit),
    areas: ranked(byArea, polls, total, limit),
    inclusive: ranked(inclusive, polls, total, limit),
  };
}

export function formatAllocations(top) {
  const list = (title, items) => [
    title,
    ...items.map(
      (f) =>
        `  ${String(f.kbPerPoll).padStart(6)} KB  ${String(f.percent).padStart(5)} %  ${f.where}`,
    ),
  ];
  return [
    ...list(`${top.kbPerPoll} KB allocated per poll; top self frames (KB per poll):`, top.frames),
    ...list('by area (native allocations count for their JS caller):', top.areas),
    ...list('inclusive, vendorwatch functions (src/, via source maps):', top.inclusive),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [path, polls, limit] = process.argv.slice(2);
  if (!path || !(Number(polls) > 0)) {
    console.error('usage: node bench/alloc-top.mjs FILE.heapprofile POLLS [N]');
    process.exitCode = 2;
  } else {
    console.log(formatAllocations(await topAllocations(path, Number(polls), Number(limit ?? 20))));
  }
}
