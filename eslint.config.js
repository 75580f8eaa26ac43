// @ts-check
/**
 * Lint, with the architecture's boundaries as rules (like GitHub Desktop's ban on raw ipcRenderer and VS Code's
 * layer rules): the renderer never imports main-process code, Node or Electron; only the keychain adapter imports
 * keytar; the main-process services and the shared contract never import `electron`, so they run under plain
 * Node and in the start:web preview.
 */
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'stream', 'util'];
const KEYTAR = ['@github/keytar', 'keytar'];

/** @param {string[]} names @param {string} message */
const banned = (names, message) => names.map((name) => ({ group: [name], message }));

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
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...banned(['**/src-main/**', '**/src-preload/**', '**/emulator/**', '**/web/**'], 'The renderer talks to the main process only through window.deepcurrent.'),
            ...banned(['electron', ...KEYTAR], 'The renderer never imports Electron or keytar.'),
            ...banned(NODE_BUILTINS, 'The renderer runs in a sandboxed page: no Node built-ins.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/index.ts', 'src-main/shell/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...banned(['electron'], 'Only src-main/shell/ and src-main/index.ts import electron: everything else runs under plain Node and in start:web.'),
            ...banned(KEYTAR, 'Only src-main/platform/keytar-secret-store.ts may import keytar.'),
            ...banned(['**/src-renderer/**', 'react', 'react-dom'], 'Main-process code never imports the renderer.'),
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
            ...banned(['**/src-main/**', '**/src-renderer/**', '**/src-preload/**'], 'src-shared depends on nothing else in the app.'),
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
          patterns: [
            ...banned(['**/src-main/**', '**/src-renderer/**', ...KEYTAR, ...NODE_BUILTINS], 'The sandboxed preload may require only electron and the channel table.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/platform/keytar-secret-store.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
