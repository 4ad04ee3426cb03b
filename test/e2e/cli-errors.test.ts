// Every way a command fails reads the same through the real executable (`node dist/cli/bin.js`, so
// `npm run build` first): one line on stderr, `vendorwatch <command>: <what>`, lowercase after the
// colon, nothing on stdout, exit 2 for a bad argument or config and 1 for a failure; a mistyped
// vendor slug or command offers the nearest names.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const bin = new URL('../../dist/cli/bin.js', import.meta.url).pathname;
let dir: string;

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

beforeAll(async () => {
  expect(existsSync(bin), 'run `npm run build` first').toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'vw-cli-errors-'));
  // The database lives in the config, so every command below reads the same store.
  writeFileSync(join(dir, 'vendorwatch.yaml'), `database: ${join(dir, 'vw.db')}\nvendors: []\n`);
  writeFileSync(join(dir, 'typo.yaml'), 'vendors:\n  - githbu\n');
  writeFileSync(
    join(dir, 'targets.yaml'),
    `database: ${join(dir, 'vw.db')}\nvendors: []\nnotifications:\n  - name: ops-hook\n    type: webhook\n    url: https://hooks.example.com/vw\n`,
  );
  // A catalog slug is stored without a request, so the store knows balena afterwards.
  const added = await run(['add', 'balena']);
  expect(added.stderr).toBe('');
  expect(added.code).toBe(0);
}, 60_000);

const failures: Array<[args: string[], code: number, says: RegExp]> = [
  [['statsu'], 2, /^vendorwatch: unknown command "statsu" \(did you mean "status"\?\)/],
  [
    ['add', 'githbu'],
    1,
    /^vendorwatch add: "githbu" is not in the catalog \(did you mean "github"/,
  ],
  [['poll', 'cloudflar'], 2, /^vendorwatch poll: .*\(did you mean "cloudflare"/],
  [
    ['incidents', '--vendor', 'balna'],
    2,
    /^vendorwatch incidents: no vendor "balna" in the store \(did you mean "balena"\?\)/,
  ],
  [
    ['status', '--config', 'typo.yaml'],
    2,
    /^vendorwatch status: config error at vendors\[0\]: "githbu" is not in the catalog \(did you mean "github"/,
  ],
  [
    ['status', '--verbose'],
    2,
    /^vendorwatch status: unknown option '--verbose'.*\(see vendorwatch help status\)$/,
  ],
  [['incidents', '--limit', '0'], 2, /^vendorwatch incidents: --limit must be/],
  [['detect', 'github'], 2, /^vendorwatch detect: detect needs an http\(s\) status page URL/],
  [
    ['detect', 'http://127.0.0.1:4999/'],
    1,
    /^vendorwatch detect: could not detect a platform: .*not a public address.*network\.allowedPrivateRanges/,
  ],
  [['notify', 'test', 'nobody'], 2, /^vendorwatch notify: no notification target named "nobody"/],
  [
    ['notify', 'test', 'ops-hoook', '--config', 'targets.yaml'],
    2,
    /^vendorwatch notify: no notification target named "ops-hoook" \(did you mean "ops-hook"\?\)$/,
  ],
  [
    // A file where a folder should be: the store cannot be opened.
    ['status', '--db', 'vendorwatch.yaml/vw.db'],
    1,
    /^vendorwatch status: unexpected error: .*\(LOG_LEVEL=debug shows where\)$/,
  ],
];

describe('vendorwatch errors, through the built executable', () => {
  it.each(failures)('%j fails in the one shape', async (args, code, says) => {
    const result = await run(args);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(code);
    const lines = result.stderr.split('\n').filter((line) => line !== '');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^vendorwatch( [a-z]+)?: [^A-Z\s]/);
    expect(lines[0]).toMatch(says);
  });
});
