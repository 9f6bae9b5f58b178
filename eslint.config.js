import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** One layer's forbidden imports, as regexes over the import source. */
function layer(files, message, regexes) {
  return {
    files: [files],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: regexes.map((regex) => ({ regex, message })) }] },
  };
}

/**
 * A workspace package stands alone (it is published): no import leaves its own folder,
 * whether into the console's src/ or a sibling package's files; other packages are
 * imported by name. One entry per folder depth below packages/<name>/, as a relative path
 * leaves the package exactly when it climbs one level more than the file's depth.
 */
function packagesStandAlone() {
  const message = "A package imports only its own files and packages by name (never ../../src or a sibling package's files).";
  return Array.from({ length: 8 }, (_, depth) => ({
    files: [`packages/*/${'*/'.repeat(depth)}*.{ts,tsx,js,mjs}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: `^(\\.\\./){${depth + 1},}`, message },
            { regex: '^(/|[a-zA-Z]:)', message },
          ],
        },
      ],
    },
  }));
}

export default tseslint.config(
  { ignores: ['dist', '**/dist', 'dist-*', 'test-results-*', 'node_modules', 'test-results', 'playwright-report', '.featurestore-data', 'bench/results'] },
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
  // Layering (README "Architecture"): each layer names the layers it must not import.
  // Written as no-restricted-imports patterns so no plugin is needed; import cycles are
  // checked by scripts/importCycles.test.ts.
  layer('src/features/**/*.{ts,tsx}', 'A feature imports domain/, aws/, storage/, shared/ and ui/, never another feature or app/.', [
    // ../other-feature/... (a sibling feature) or .../features/... or app/
    '^\\.\\./[^.]',
    '(^|/)features/',
    '^(\\.\\./)+app(/|$)',
  ]),
  layer('src/shared/**/*.{ts,tsx}', 'shared/ holds pieces several features use: it never imports a feature or app/.', [
    '(^|/)features(/|$)',
    '^(\\.\\./)+app(/|$)',
  ]),
  layer('src/domain/**/*.ts', 'domain/ is pure TypeScript: no React, no SDK, no storage, no UI.', [
    '^react(-dom)?(/|$)',
    '^@aws-sdk/',
    '^@tanstack/',
    '^(wouter|idb|react-hook-form)$',
    '^(\\.\\./)+(aws|features|ui|shared|storage|app)(/|$)',
  ]),
  layer('src/ui/**/*.{ts,tsx}', 'ui/ is presentational: it never imports features, shared/, storage/ or app/.', [
    '^(\\.\\./)+(features|shared|storage|app)(/|$)',
  ]),
  layer('src/storage/**/*.ts', 'storage/ never imports features, shared/, ui/ or app/.', ['^(\\.\\./)+(features|shared|ui|app)(/|$)']),
  ...packagesStandAlone(),
  layer('src/aws/**/*.{ts,tsx}', 'aws/ never imports features, shared/, ui/ or app/.', ['^(\\.\\./)+(features|shared|ui|app)(/|$)']),
);
