import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layer rule (STYLE.md): data flows one way, so each folder may import only what lies upstream of it.
const layers = {
  domain: ['adapters', 'fetch', 'poll', 'store', 'notify', 'web', 'cli', 'simulate', 'config'],
  adapters: ['fetch', 'poll', 'store', 'notify', 'web', 'cli', 'simulate', 'config'],
  fetch: ['adapters', 'poll', 'store', 'notify', 'web', 'cli', 'simulate'],
  store: ['adapters', 'fetch', 'poll', 'notify', 'web', 'cli', 'simulate'],
  notify: ['adapters', 'poll', 'store', 'web', 'cli', 'simulate'],
  web: ['adapters', 'fetch', 'poll', 'notify', 'cli', 'simulate'],
  simulate: ['fetch', 'poll', 'store', 'notify', 'web', 'cli'],
  config: ['adapters', 'fetch', 'poll', 'store', 'notify', 'web', 'cli', 'simulate'],
};

const layerRules = Object.entries(layers).map(([layer, forbidden]) => ({
  files: [`src/${layer}/**/*.ts`, `src/${layer}/**/*.tsx`],
  ignores: ['**/*.test.ts', '**/*.test.tsx'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((other) => ({
          group: [`../${other}/*`, `../../${other}/*`, `../${other}`, `../../${other}`],
          message: `src/${layer} must not import src/${other} (see STYLE.md: data flows one way).`,
        })),
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  ...layerRules,
);
