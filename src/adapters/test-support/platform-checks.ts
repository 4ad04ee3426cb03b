// What every registered platform must bring besides its parser: its own folder, golden fixtures
// with their provenance, and at least one way for detection to recognise it (tests only).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlatformDescriptor } from '../types.js';
import { fixturesRoot } from './fixtures.js';

const adaptersRoot = fileURLToPath(new URL('../', import.meta.url));
const goldenSuffix = '.normalized.json';

/** Every way this platform falls short; empty when it is complete. */
export function platformProblems(descriptor: PlatformDescriptor, root = fixturesRoot): string[] {
  const { platform } = descriptor;
  const problems: string[] = [];
  if (!/^[a-z][a-z0-9-]*$/.test(platform))
    problems.push(`platform id "${platform}" is not kebab-case`);
  if (!existsSync(join(adaptersRoot, platform, 'index.ts'))) {
    problems.push(`no folder src/adapters/${platform}/ with an index.ts`);
  }
  problems.push(...fixtureProblems(join(root, platform)), ...detectionProblems(descriptor));
  return problems;
}

function fixtureProblems(dir: string): string[] {
  if (!existsSync(dir)) return [`no fixtures in ${dir}`];
  const files = readdirSync(dir);
  const goldens = files.filter((name) => name.endsWith(goldenSuffix));
  const payloads = files.filter((name) => !name.endsWith(goldenSuffix) && name !== 'SOURCES.md');
  const problems: string[] = [];
  if (!files.includes('SOURCES.md')) problems.push(`no SOURCES.md in ${dir}`);
  if (payloads.length === 0) problems.push(`no captured or docs-shape payload in ${dir}`);
  const goldenOf = (name: string) => name.replace(/\.[a-z]+$/, '') + goldenSuffix;
  for (const name of payloads) {
    if (!goldens.includes(goldenOf(name))) problems.push(`${name} has no ${goldenOf(name)}`);
  }
  for (const golden of goldens) {
    if (!payloads.some((name) => goldenOf(name) === golden)) {
      problems.push(`${golden} has no payload beside it`);
    }
  }
  return problems;
}

function detectionProblems({ detection }: PlatformDescriptor): string[] {
  const probes = detection.jsonProbes ?? [];
  const hinted = (detection.hostingDomains?.length ?? 0) + (detection.htmlMarkers?.length ?? 0);
  const reachableProbe = probes.some((probe) => !probe.hintedOnly || hinted > 0);
  const problems: string[] = [];
  if (!detection.knownHost && !reachableProbe && !detection.htmlPageId && !detection.feed) {
    problems.push('detection has no rule that can name this platform');
  }
  const paths = [...probes.map((p) => p.path), ...(detection.feed?.paths ?? [])];
  for (const path of paths) if (!path.startsWith('/')) problems.push(`probe path ${path}`);
  if (new Set(probes.map((p) => p.path)).size !== probes.length) {
    problems.push('two JSON probes on one path');
  }
  for (const domain of detection.hostingDomains ?? []) {
    if (!/^\.[a-z0-9.-]+$/.test(domain)) problems.push(`hosting domain ${domain}`);
  }
  return problems;
}
