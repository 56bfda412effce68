// @ts-check
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The four extension contexts talk only through typed messages and src/shared: each may
 * import src/shared and its own folder, and src/shared imports none of them. Tests, tools
 * and bench may import anything.
 */
const CONTEXTS = ['background', 'offscreen', 'content', 'popup'];
const boundaryZones = [
  ...CONTEXTS.map((context) => ({
    target: `./src/${context}`,
    from: './src',
    except: [`./${context}`, './shared'],
    message: `src/${context} may import only src/shared and its own folder; talk to other contexts through messages.`,
  })),
  {
    target: './src/shared',
    from: CONTEXTS.map((context) => `./src/${context}`),
    message: 'src/shared is imported by every context and so imports none of them.',
  },
];

/**
 * Inside src/offscreen, its stages in the order a check's data goes through them
 * (src/offscreen/README.md): each may import the stages before it and never one after, so
 * the data's way through them stays one direction (faces/ never reaches into model/, model/
 * never into explain/). The document's own files on top (main.ts, debug-handle.ts) import any.
 */
const OFFSCREEN_STAGES = ['assets', 'capture', 'faces', 'model', 'explain', 'check'];
const stageZones = OFFSCREEN_STAGES.map((stage, i) => ({
  target: `./src/offscreen/${stage}`,
  from: './src/offscreen',
  except: OFFSCREEN_STAGES.slice(0, i + 1).map((earlier) => `./${earlier}`),
  message: `src/offscreen/${stage} may import only ${OFFSCREEN_STAGES.slice(0, i + 1)
    .map((s) => `${s}/`)
    .join(', ')} (stages before it, and itself): a later stage or the document's top files would send data backwards.`,
}));

export default tseslint.config(
  {
    ignores: [
      'dist/',
      '.generated/',
      '.out/',
      'node_modules/',
      'models/',
      // Stand-ins for the music sites' own scripts, written to mimic them; not MoodDJ code.
      'tests/fixtures/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      // import-x's TypeScript settings (which file types it follows), with our two projects.
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver': undefined,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['tsconfig.json', 'bench/tsconfig.json'], noWarnOnMultipleProjects: true })],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: [...boundaryZones, ...stageZones] }],
      'import-x/no-cycle': 'error',
      'import-x/no-self-import': 'error',
      // `_name` marks a value left out on purpose (e.g. pixels dropped before storing a record).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Off: an async function without `await` is how code (site adapters, test fakes) meets an
      // interface that returns promises; forcing `Promise.resolve` there adds noise, not safety.
      '@typescript-eslint/require-await': 'off',
      // Passing on a caught `unknown` unchanged (`(err) => reject(err)`) keeps the original error.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    files: ['tests/**', 'bench/**'],
    rules: {
      // Off in tests and bench only: they read untyped JSON (manifests, page.evaluate results),
      // page globals and third-party bundles on purpose, and the assertions are the check.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Off in tests only: `expect(api.method).toHaveBeenCalled()` on vi.fn() mocks is the
      // standard vitest idiom and never calls the method unbound.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['tests/unit/**/site-fixture-dom.ts'],
    rules: {
      // Off for this helper only: it runs a fixture page's own script text, as the page would.
      '@typescript-eslint/no-implied-eval': 'off',
    },
  },
  {
    // This file is plain JavaScript outside the TypeScript project.
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
