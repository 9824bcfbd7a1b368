// Lint for the whole workspace. Two things here are architecture, not style:
// - Nx module boundaries (tags in each project.json): who may depend on whom;
// - workflow code must stay deterministic: no Node built-ins, no I/O libraries, activities by type only.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const ioLibraries = [
  '@nestjs/*',
  'typeorm',
  'typeorm/*',
  'pg',
  'pg-*',
  'kafkajs',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
];

const serviceScopes = ['hotline', 'people', 'employers', 'jobs', 'worker', 'console'];

/** Apps depend on their own code and shared libs; specs may also use the test harness. */
const platformConstraints = [
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:workflows'] },
  {
    sourceTag: 'platform:pure',
    onlyDependOnLibsWithTags: ['platform:pure'],
    bannedExternalImports: [...ioLibraries, '@temporalio/*'],
  },
  {
    sourceTag: 'platform:workflow',
    onlyDependOnLibsWithTags: ['platform:pure'],
    bannedExternalImports: ioLibraries,
  },
];

// Specs run in Node next to the code they test (a workflow spec starts a worker), so only the
// scope rules apply to them.
const depConstraints = (withTesting) => [
  ...(withTesting ? [] : platformConstraints),
  {
    sourceTag: 'scope:shared',
    onlyDependOnLibsWithTags: withTesting ? ['scope:shared', 'scope:testing'] : ['scope:shared'],
  },
  { sourceTag: 'scope:testing', onlyDependOnLibsWithTags: ['scope:shared', 'scope:testing'] },
  ...serviceScopes.map((scope) => ({
    sourceTag: `scope:${scope}`,
    onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared', ...(withTesting ? ['scope:testing'] : [])],
  })),
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['*'] },
];

const boundaries = (withTesting) => ({
  '@nx/enforce-module-boundaries': [
    'error',
    { enforceBuildableLibDependency: false, allow: [], depConstraints: depConstraints(withTesting) },
  ],
});

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.stack/**', '.nx/**', 'tmp/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { plugins: { '@nx': nx } },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      ...boundaries(false),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Specs and their support files (a service's src/**/testing/ folder) may use the test harness.
  { files: ['**/*.spec.ts', 'test/**/*.ts', 'apps/*/src/**/testing/**/*.ts'], rules: boundaries(true) },
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        console: 'readonly',
        process: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['workflows/src/**/*.ts'],
    ignores: ['workflows/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...builtinModules, ...builtinModules.map((name) => `node:${name}`)].map((name) => ({
            name,
            message: 'Workflow code must be deterministic: no Node built-ins (do I/O in an activity).',
          })),
          patterns: [
            {
              group: ioLibraries,
              message: 'Workflow code may not import I/O libraries; call an activity instead.',
            },
            {
              group: ['**/*.activities', '**/*.activities.ts'],
              allowTypeImports: true,
              message: 'Import activities with `import type` and call them through proxyActivities.',
            },
          ],
        },
      ],
    },
  },
  // The console runs in the browser: React hook rules, and no Node built-ins (its specs run in Node).
  {
    files: ['apps/console/src/**/*.{ts,tsx}'],
    ignores: ['apps/console/src/**/*.spec.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['node:*', ...builtinModules], message: 'The console runs in the browser.' }],
        },
      ],
    },
  },
  prettier,
);
