// @ts-check
/**
 * Lint, with the architecture's boundaries as rules (like GitHub Desktop's ban on raw ipcRenderer and VS Code's
 * layer rules, which it checks by folder).
 *
 * Two tools, one job each:
 * - `eslint-plugin-boundaries` (`boundaries/dependencies`) knows the folders: every layer and feature is an element
 *   declared below, and a table of policies says which element may import which. It also owns the one package that
 *   defines a layer, `electron` (only `src-main/shell/` and `src-main/index.ts` import it at run time), and
 *   `boundaries/no-unknown-files` makes a new folder under `src-main` declare its layer before it lints.
 * - `no-restricted-imports` bans packages from a whole process: keytar (only the keychain adapter), Node built-ins
 *   and Electron in the renderer and `src-shared`, React in main-process code.
 */
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'stream', 'util'];
const KEYTAR = ['@github/keytar', 'keytar'];
const FEATURES = ['accounts', 'api-key', 'tester', 'deepcurrent-api', 'collections'];

/** @param {string[]} names @param {string} message */
const banned = (names, message) => names.map((name) => ({ group: [name], message }));

// ---- Selectors for the boundaries policies -------------------------------------------------------------------
/** Files of the elements of these types. @param {...string} types */
const el = (...types) => ({ element: { type: types } });
/** `src-main/index.ts`: the Electron lifecycle. */
const LIFECYCLE = { file: { categories: 'main-lifecycle' } };
/** `src-main/app.ts`: the wiring, the one file that knows every part. */
const WIRING = { file: { categories: 'main-wiring' } };
/** A feature's public entry, `src-main/<feature>/index.ts`. */
const FEATURE_ENTRY = { element: { type: 'main-feature', fileInternalPath: 'index.ts' } };
/** Any file of a feature but its public entry. */
const FEATURE_INSIDE = { element: { type: 'main-feature', fileInternalPath: '!index.ts' } };
const MAIN_FOLDERS = ['main-shell', 'main-ipc', 'main-platform', 'main-feature'];
/** Every file of the main process. */
const ALL_MAIN = [el(...MAIN_FOLDERS), WIRING, LIFECYCLE];

/**
 * Who may import whom. Default: refused. Policies are read top to bottom and the last one that matches decides
 * (the plugin's rule), so the table of what is allowed comes first and the named refusals, each with the message a
 * reader needs, come after it. Imports between files of the same element (inside one feature, inside the renderer)
 * are not checked.
 * @type {import('eslint-plugin-boundaries').DependenciesPolicy[]}
 */
const POLICIES = [
  // Allowed.
  { allow: { to: { module: { origin: ['external', 'core'] } } } }, // packages: banned below and by no-restricted-imports
  { from: LIFECYCLE, allow: { to: [WIRING, el('main-shell', 'main-platform')] } },
  { from: WIRING, allow: { to: el(...MAIN_FOLDERS) } },
  { from: el('main-shell'), allow: { to: [el('main-platform', 'main-ipc'), FEATURE_ENTRY] } },
  { from: el('main-ipc'), allow: { to: el('main-platform') } },
  { from: el('main-feature'), allow: { to: [el('main-platform'), FEATURE_ENTRY] } },
  // start:web is the other host of the app (like index.ts, with the emulator); not constrained further here.
  { from: el('web'), allow: { to: [WIRING, el('main-shell', 'main-platform', 'emulator')] } },

  // Refused, by name.
  {
    from: [el('main-ipc', 'main-platform', 'main-feature'), WIRING],
    disallow: { to: { module: { source: 'electron' } }, dependency: { kind: 'value' } },
    message:
      'Only src-main/shell/ and src-main/index.ts import electron (type-only imports are fine): everything else runs under plain Node and in start:web.',
  },
  {
    from: ALL_MAIN,
    disallow: { to: el('emulator', 'web') },
    message: 'src-main never imports emulator/ or web/: the emulator reaches the app through a port, set up by its host.',
  },
  {
    from: el(...MAIN_FOLDERS),
    disallow: { to: FEATURE_INSIDE },
    message: 'Outside a feature, import it through its public entry (src-main/<feature>/index.ts), not {{dependency.source}}.',
  },
  {
    from: el('main-feature'),
    disallow: { to: [el('main-shell', 'main-ipc'), WIRING] },
    message: 'A feature never imports shell/ (Electron), ipc/ or app.ts: the wiring hands it what it needs through platform/ ports.',
  },
  {
    from: el('main-platform'),
    disallow: { to: [el('main-feature', 'main-shell', 'main-ipc'), WIRING] },
    message: 'platform/ (ports and their Node adapters) imports no feature, no shell/, no ipc/ and no app.ts.',
  },
  { disallow: { to: LIFECYCLE }, message: 'Nothing imports src-main/index.ts: it is the Electron lifecycle, the top of the app.' },
  {
    from: el('renderer'),
    disallow: { to: [...ALL_MAIN, el('preload', 'emulator', 'web')] },
    message: 'The renderer talks to the main process only through window.deepcurrent.',
  },
  {
    from: el('preload'),
    disallow: { to: { module: { origin: 'local' } } },
    message: 'The sandboxed preload may require only electron and src-shared.',
  },
  {
    from: el('shared'),
    disallow: { to: { module: { origin: 'local' } } },
    message: 'src-shared is the contract between processes: it depends on nothing else in the app.',
  },
  // Last, so that it wins: everything may import the contract.
  { allow: { to: el('shared') } },
];

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'test-results/**', 'playwright-report/**', 'coverage/**', 'bench/results*'],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      'no-restricted-imports': ['error', { patterns: banned(KEYTAR, 'Only src-main/platform/keytar-secret-store.ts may import keytar.') }],
    },
  },

  // ---- Boundaries by folder ----------------------------------------------------------------------------------
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { boundaries },
    settings: {
      'boundaries/root-path': import.meta.dirname,
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'] } },
      'boundaries/dependency-nodes': ['import', 'dynamic-import', 'export', 'require'],
      // Folders, matched from the project root. Anything else under src-main is unknown and reported.
      'boundaries/elements': [
        { type: 'main-shell', pattern: 'src-main/shell', partialMatch: false },
        { type: 'main-ipc', pattern: 'src-main/ipc', partialMatch: false },
        { type: 'main-platform', pattern: 'src-main/platform', partialMatch: false },
        { type: 'main-feature', pattern: `src-main/(${FEATURES.join('|')})`, capture: ['feature'], partialMatch: false },
        { type: 'shared', pattern: 'src-shared', partialMatch: false },
        { type: 'preload', pattern: 'src-preload', partialMatch: false },
        { type: 'renderer', pattern: 'src-renderer', partialMatch: false },
        { type: 'emulator', pattern: 'emulator', partialMatch: false },
        { type: 'web', pattern: 'web', partialMatch: false },
      ],
      // The two files at the top of src-main.
      'boundaries/files': [
        { category: 'main-lifecycle', pattern: 'src-main/index.ts' },
        { category: 'main-wiring', pattern: 'src-main/app.ts' },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          checkAllOrigins: true, // packages too, for electron
          checkUnknownLocals: true, // an import of an undeclared folder is refused, not skipped
          message: '{{dependency.source}} is not an import the architecture allows here (see the policies in eslint.config.js).',
          policies: POLICIES,
        },
      ],
    },
  },
  {
    files: ['src-main/**'],
    rules: { 'boundaries/no-unknown-files': 'error' },
  },

  // ---- Packages banned from a whole process ------------------------------------------------------------------
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...banned(['electron', ...KEYTAR], 'The renderer never imports Electron or keytar.'),
            ...banned(NODE_BUILTINS, 'The renderer runs in a sandboxed page: no Node built-ins.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...banned(KEYTAR, 'Only src-main/platform/keytar-secret-store.ts may import keytar.'),
            ...banned(['react', 'react-dom'], 'Main-process code never imports React.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...banned(['electron', 'react', 'react-dom', ...KEYTAR, ...NODE_BUILTINS], 'src-shared is the contract between processes: it imports no Electron, Node or React.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src-preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [...banned([...KEYTAR, ...NODE_BUILTINS], 'The sandboxed preload may require only electron and the channel table.')],
        },
      ],
    },
  },
  {
    files: ['src-main/platform/keytar-secret-store.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
