// One linter for the whole tree. Messages of restricted imports say what to do instead.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [
  'fs',
  'net',
  'http',
  'https',
  'child_process',
  'dgram',
  'os',
  'process',
].flatMap((m) => [m, `node:${m}`, `${m}/promises`, `node:${m}/promises`]);

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'data/**',
      'e2e/screenshots/**',
      'bench/.data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['*.ts', '*.js', '*.mjs', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Fastify plugins are async functions that often only register routes.
      '@typescript-eslint/require-await': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['scripts/**', 'packages/cli/bin/**', '.ci/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['packages/core/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'core must not do I/O: pass the data (or time) in from server or cli.',
          })),
          patterns: [
            {
              group: [
                '@concord/server',
                '@concord/server/*',
                '@concord/cli',
                '@concord/cli/*',
                '@concord/web',
                '@concord/web/*',
              ],
              message: 'core imports nothing of ours: move the shared piece into core instead.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'core never reads the clock: take the time as a parameter.' },
      ],
    },
  },
  {
    files: ['packages/server/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@concord/cli', '@concord/cli/*', '@concord/web', '@concord/web/*'],
              message: 'server depends on core only: move shared code into @concord/core.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/web/src/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@concord/server',
                '@concord/server/*',
                '@concord/cli',
                '@concord/cli/*',
                'node:*',
              ],
              message:
                'web talks to the server over HTTP only; shared pure helpers belong in @concord/core.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'packages/*/src/test/**'],
    rules: { 'no-restricted-globals': 'off' },
  },
);
