// The repository's own ESLint config, run through ESLint's Node API on the fixtures' imports:
// the layer rule fails a forbidden import at any depth and passes a permitted one.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { layerCases } from './layer-cases.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

// The fixtures' files do not exist, so type-aware rules (which need the TypeScript project)
// are turned off; the layer rule resolves imports on its own.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }],
});

describe('the layer rule', () => {
  it.each(layerCases)('$name', async ({ path, code, refused }) => {
    const [result] = await eslint.lintText(code, { filePath: join(root, path) });
    const layerErrors = result!.messages.filter(
      (message) => message.ruleId === 'import-x/no-restricted-paths',
    );
    if (refused === null) {
      expect(layerErrors).toEqual([]);
    } else {
      expect(layerErrors).toHaveLength(1);
      expect(layerErrors[0]!.message).toContain(`"${refused}"`);
      expect(layerErrors[0]!.message).toContain('data flows one way');
      expect(layerErrors[0]!.severity).toBe(2);
    }
    // Nothing else in the fixtures is wrong.
    expect(result!.messages.filter((m) => m.ruleId !== 'import-x/no-restricted-paths')).toEqual([]);
  });
});
