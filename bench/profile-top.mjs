// Top self-time frames of a V8 .cpuprofile (node --cpu-prof), as file:line, and the same totals
// per file. Used by `run.mjs --profile`; also runs alone: node bench/profile-top.mjs FILE [N].
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

function placeOf(frame) {
  if (!frame.url) return `(${frame.functionName || 'native'})`;
  let path = frame.url;
  if (path.startsWith('file://')) path = relative(repoRoot, fileURLToPath(path));
  return `${path}:${frame.lineNumber + 1}`;
}

/** Self time per frame and per file, largest first, in ms and % of the sampled time. */
export async function topFrames(profilePath, limit = 20) {
  const profile = JSON.parse(await readFile(profilePath, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map();
  profile.samples.forEach((id, index) => {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  const frames = new Map();
  const files = new Map();
  let totalMs = 0;
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    totalMs += ms;
    const name = frame.functionName || '(anonymous)';
    const key = `${name} ${placeOf(frame)}`;
    frames.set(key, (frames.get(key) ?? 0) + ms);
    const file = frame.url ? placeOf(frame).replace(/:\d+$/, '') : name;
    files.set(file, (files.get(file) ?? 0) + ms);
  }
  const rank = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([where, ms]) => ({
        where,
        ms: Math.round(ms),
        percent: Math.round((ms / totalMs) * 1000) / 10,
      }));
  return { totalMs: Math.round(totalMs), frames: rank(frames), files: rank(files) };
}

export function formatTop(top) {
  const lines = [`sampled ${top.totalMs} ms; top self time by frame:`];
  for (const f of top.frames) lines.push(`  ${String(f.percent).padStart(5)} %  ${f.where}`);
  lines.push('by file:');
  for (const f of top.files) lines.push(`  ${String(f.percent).padStart(5)} %  ${f.where}`);
  return lines.join('\n');
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
