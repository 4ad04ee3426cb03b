#!/usr/bin/env node
// npm run golden -- DIR [--name NAME]: turns a `vendorwatch capture` folder into a golden test.
// The bodies and capture.json go to test/fixtures/captures/<platform>.<name>/ with the snapshot
// vendorwatch made as normalized.json; src/cli/captures.test.ts then parses every such folder
// on each run and compares. A capture that shows a bug: fix the adapter, then
// `UPDATE_GOLDEN=1 npx vitest run src/cli/captures.test.ts` and review the diff by eye.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { name: { type: 'string' }, root: { type: 'string' } },
});
const source = positionals[0];
if (!source) {
  console.error('usage: npm run golden -- CAPTURE_DIR [--name NAME]');
  process.exit(2);
}
const dir = resolve(source);
const capture = JSON.parse(readFileSync(join(dir, 'capture.json'), 'utf8'));
if (capture.format !== 'vendorwatch-capture/1') {
  console.error(`${dir}: not a vendorwatch capture folder (no vendorwatch-capture/1 capture.json)`);
  process.exit(1);
}
const name = (values.name ?? basename(dir)).toLowerCase().replace(/[^a-z0-9-]+/g, '-');
const root = resolve(values.root ?? join(import.meta.dirname, '..'));
const target = join(root, 'test', 'fixtures', 'captures', `${capture.platform}.${name}`);
if (existsSync(target)) {
  console.error(`${target} exists already; pick another --name`);
  process.exit(1);
}
mkdirSync(target, { recursive: true });
copyFileSync(join(dir, 'capture.json'), join(target, 'capture.json'));
for (const endpoint of capture.endpoints) {
  if (endpoint.ok) copyFileSync(join(dir, endpoint.file), join(target, endpoint.file));
}
writeFileSync(join(target, 'normalized.json'), readFileSync(join(dir, 'snapshot.json'), 'utf8'));
console.log(`golden test written: ${target}`);
console.log('run: npx vitest run src/cli/captures.test.ts');
