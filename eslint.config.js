import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'reports/**',
      'test/fixtures/**',
      'test-artifacts/**',
      '.bench/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver': { typescript: { project: './tsconfig.json' }, node: true },
    },
    rules: {
      'import-x/no-cycle': ['error', { maxDepth: 10 }],
      // The layers (docs/architecture.md): entry points (cli, server) → domains (config, definitions, history,
      // executions, access, reports, …) → infrastructure (git, state) → base (errors, package). An import may only point
      // down or sideways within the domains; an upward import is an error.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: ['./src/errors', './src/package'],
              from: './src',
              except: ['./errors', './package'],
              message: 'errors/ and package/ are the base layer: they import nothing else of opsledger.',
            },
            {
              target: ['./src/git', './src/state'],
              from: './src',
              except: ['./errors', './package', './git', './state'],
              message: 'git/ and state/ are infrastructure: they import only the base layer and each other.',
            },
            {
              target: './src/!(cli|server)/**/*',
              from: ['./src/cli', './src/server'],
              message:
                'A domain module never imports the entry points (cli/, server/): pass what it needs in.',
            },
            {
              target: './src/server',
              from: './src/cli',
              message: 'The server does not import the CLI; share code through a domain module.',
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['bin/**/*.js', 'hooks/**/*.js', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // bin/ is CommonJS (bin/package.json): the launcher loads the history entry without the ES module loader.
    files: ['bin/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', __dirname: 'readonly', Buffer: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
