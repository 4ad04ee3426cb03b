import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// The layer rule (docs/architecture.md#layers): data flows one way, so each folder of src/ imports
// only what lies upstream of it. Imports resolve against the importing file's real path (a `.js`
// specifier to its `.ts` source), so no depth of `../` slips past. Tests may cross layers.
const folders = [
  'domain',
  'adapters',
  'fetch',
  'store',
  'notify',
  'web',
  'config',
  'simulate',
  'poll',
  'app',
  'cli',
];

/** What each layer may import besides itself; `folder/file.ts` allows that one file. */
const layers = {
  domain: [],
  adapters: ['domain'],
  fetch: ['domain'],
  store: ['domain'],
  notify: ['domain', 'fetch'],
  web: ['domain', 'store', 'config'],
  // The two registries describe platforms and channels for the config schema.
  config: ['domain', 'adapters/registry.ts', 'notify/registry.ts'],
  simulate: ['domain', 'adapters'],
  // poll/, app/ and cli/ wire the others together. src/main.ts, the program, imports anything;
  // only the executable (cli/bin.ts) imports it.
  poll: folders.filter((folder) => !['app', 'cli'].includes(folder)),
  app: folders.filter((folder) => folder !== 'cli'),
  cli: [...folders, 'main.ts'],
};

function zonesFor(layer) {
  const allowed = layers[layer];
  const zones = [];
  for (const other of [...folders, 'main.ts', 'logger.ts']) {
    if (other === layer || allowed.includes(other)) continue;
    if (other === 'logger.ts' && ['app', 'cli'].includes(layer)) continue;
    const files = allowed.filter((entry) => entry.startsWith(`${other}/`));
    const except = files.map((entry) => `./${entry.slice(other.length + 1)}`);
    zones.push({
      target: `./src/${layer}`,
      from: `./src/${other}`,
      ...(except.length > 0 ? { except } : {}),
      message: `src/${layer} may import only ${['itself', ...allowed].join(', ')} (data flows one way; see docs/architecture.md#layers).`,
    });
  }
  return zones;
}

const layerRules = {
  files: ['src/**/*.ts', 'src/**/*.tsx'],
  ignores: ['**/*.test.ts', '**/*.test.tsx'],
  plugins: { 'import-x': importX },
  settings: {
    'import-x/resolver-next': [
      createNodeResolver({
        extensions: ['.ts', '.tsx', '.js', '.json'],
        extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
      }),
    ],
  },
  rules: {
    'import-x/no-restricted-paths': [
      'error',
      {
        basePath: import.meta.dirname,
        zones: Object.keys(layers).flatMap(zonesFor),
      },
    ],
  },
};

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
  layerRules,
);
