import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.flatMap((name) => [name, `node:${name}`]);

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'prisma/generated/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs'] } },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, and activities
    // are imported as types only. The pure domain modules are bundled into workflows too.
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message:
              'Workflow and domain code must not use Node built-ins (deterministic sandbox).',
          })),
          patterns: [
            {
              group: ['**/activities/**', '!**/activities/**/*.types*'],
              allowTypeImports: true,
              message: 'Import activities as types only (import type).',
            },
          ],
        },
      ],
    },
  },
  {
    // Layers point one way: routes, services and dashboard → contracts → domain.
    files: ['api/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/routes/**'],
              message: 'Services take their input types from api/contracts/.',
            },
            { group: ['**/dashboard/**'], message: 'Services must not depend on the dashboard.' },
          ],
        },
      ],
    },
  },
  {
    files: ['api/routes/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/dashboard/**'], message: 'Routes must not depend on the dashboard.' },
          ],
        },
      ],
    },
  },
  {
    // Contracts are request/response schemas: zod, domain rules and each other only.
    files: ['api/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/services/**',
                '**/routes/**',
                '**/dashboard/**',
                '**/lib/**',
                '**/db/**',
                '**/temporal/**',
              ],
              message: 'Contracts import only from domain/, zod and other contracts.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read JSON responses whose shape they then assert; strict any-tracking adds noise there.
    files: ['test/**/*.ts', 'test/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
);
