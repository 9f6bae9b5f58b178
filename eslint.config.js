import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', '.featurestore-data', 'bench/results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The architecture's one rule a linter can hold: features never import each other.
    files: ['src/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            // ../other-feature/... or ../../features/other-feature/...
            { regex: '^\\.\\./[^.]', message: 'A feature imports domain/, aws/ and ui/, never another feature.' },
            { regex: '/features/', message: 'A feature imports domain/, aws/ and ui/, never another feature.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['react', '@aws-sdk/*', '../aws/*', '../features/*', '../ui/*'], message: 'domain/ is pure TypeScript: no React, no SDK.' }] },
      ],
    },
  },
);
