// The real executable (`node dist/cli/bin.js`, so `npm run build` first) with its reader gone,
// as in `vendorwatch vendors | head -1`: it ends quietly with exit 0, no EPIPE stack.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const bin = new URL('../../dist/cli/bin.js', import.meta.url).pathname;

function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // Closed before the program writes, so its first write meets a pipe with no reader (EPIPE)
  // every time; a reader that leaves after a chunk can race the program's single write.
  child.stdout.destroy();
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    }),
  );
}

describe('vendorwatch piped into a reader that leaves', () => {
  it.each([[['vendors']], [['vendors', '--json']], [['help']]])(
    '%j ends quietly with exit 0',
    async (args) => {
      expect(existsSync(bin), 'run `npm run build` first').toBe(true);
      const result = await runWithClosedStdout(args);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    },
  );
});
