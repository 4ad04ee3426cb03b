// What `npm pack` ships: the built service, the catalog and the page assets — never test code, so
// installing vendorwatch never needs vitest and no test helper runs in production.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

interface PackEntry {
  path: string;
}

function packedFiles(): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const [pack] = JSON.parse(out) as [{ files: PackEntry[] }];
  return pack.files.map((file) => file.path);
}

describe('the published package', () => {
  it('ships the built CLI, the catalog and the page assets', () => {
    expect(existsSync(`${root}dist/cli/bin.js`), 'run npm run build first').toBe(true);
    const files = packedFiles();
    expect(files).toContain('dist/cli/bin.js');
    expect(files).toContain('catalog/vendors.json');
    expect(files).toContain('src/web/assets/app.css');
    expect(files).toContain('src/web/assets/api-docs.js');
  });

  it('installs the renderer /api/docs serves as a runtime dependency, at an exact version', () => {
    const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(manifest.dependencies['swagger-ui-dist']).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('ships no test file, test helper or contract suite', () => {
    const testOnly = packedFiles().filter((path) =>
      /(^|\/)(test|tests|test-support|__tests__)\/|\.test\.|\.contract\.|\/contract\//.test(path),
    );
    expect(testOnly).toEqual([]);
  });

  it('ships no JavaScript that imports a test framework', () => {
    const importsTestTool = packedFiles()
      .filter((path) => path.endsWith('.js'))
      .filter((path) =>
        /from ['"](vitest|playwright-core|smtp-server|mailparser)['"]/.test(
          readFileSync(`${root}${path}`, 'utf8'),
        ),
      );
    expect(importsTestTool).toEqual([]);
  });
});
