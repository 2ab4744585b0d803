// Lint rules, including the import boundaries of docs/architecture.md:
// renderer/ never imports electron, node:* or electron/; shared/ imports neither side;
// only electron/desktop/, electron/main.ts and electron/preload.ts may import "electron".
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'stream',
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'scratch/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*'],
              message: 'The renderer talks to the core only through the API client.',
            },
            { group: nodeBuiltins, message: 'The renderer runs in a browser sandbox: no Node built-ins.' },
            {
              group: ['**/electron/**', '../electron/*', '../../electron/*'],
              message: 'renderer/ may not import electron/ code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*', '**/electron/**'],
              message: 'shared/ holds only types and schemas.',
            },
            { group: ['**/renderer/**'], message: 'shared/ may not import renderer/.' },
            { group: nodeBuiltins, message: 'shared/ must run in both Node and the browser.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/desktop/**', 'electron/main.ts', 'electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only electron/desktop/, main.ts and preload.ts may import electron.',
            },
          ],
          patterns: [{ group: ['**/renderer/**'], message: 'The core never imports the renderer.' }],
        },
      ],
    },
  },
  {
    // The store is asynchronous (electron/store/store.ts): a query whose promise is dropped would run after its
    // transaction ended, or not be waited for at all. These rules need type information, so only where it pays.
    files: ['electron/**/*.ts', 'test/**/*.ts'],
    ignores: ['test/e2e/**'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.{js,mjs,ts}', 'bench/**/*.ts', 'bin/**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
);
