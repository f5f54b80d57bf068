// ESLint 9 flat config: typescript-eslint strict rules, type-aware where a bug hides (promises).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Focused tests and skipped tests never reach the main branch. */
const noFocusedTests = {
  selector:
    "CallExpression > MemberExpression.callee[object.name=/^(describe|it|test)$/][property.name='only']",
  message: 'Remove .only: every test runs in CI.',
};
const noSkippedTests = {
  selector:
    'CallExpression > MemberExpression.callee[object.name=/^(describe|it|test)$/][property.name=/^(skip|todo|skipIf|runIf)$/]',
  message: 'No skipped tests: fix the test or delete it.',
};

export default defineConfig([
  globalIgnores([
    '**/dist/',
    '**/node_modules/',
    '**/coverage/',
    '**/test-results/',
    '**/playwright-report/',
    '**/.tmp/',
    'data/',
    'sync-server/data/',
    '**/release/',
  ]),

  js.configs.recommended,
  tseslint.configs.strict,

  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      eqeqeq: ['error', 'smart'],
      'no-var': 'error',
      'prefer-const': 'error',
      'object-shorthand': 'error',
      'no-restricted-syntax': ['error', noFocusedTests],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // noUncheckedIndexedAccess makes `list[i]!` the honest idiom after a bounds check.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Field-by-field document merges delete keys by name on purpose.
      '@typescript-eslint/no-dynamic-delete': 'off',
    },
  },

  // Type-aware rules for TypeScript sources: each file is checked through its package's tsconfig.
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.ts', '*.mts'], defaultProject: 'tsconfig.base.json' },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
    },
  },

  // Browser code (the React renderer and its e2e page scripts) runs with DOM globals.
  {
    files: ['desktop/src/renderer/**', 'desktop/src/preload/**', 'desktop/e2e/**'],
    languageOptions: { globals: { ...globals.browser } },
  },

  // Vitest suites: no skipped tests; test helpers may use loose JSON types.
  {
    files: ['**/*.test.{ts,tsx}', '**/test/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': ['error', noFocusedTests, noSkippedTests],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
]);
