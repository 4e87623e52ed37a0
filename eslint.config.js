import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettierCompatible from 'eslint-config-prettier';

// Which folder may import which, in the style of VS Code's layer rules. Each rule below names a folder
// and what it must not import; ESLint takes the last matching block, so every block states its whole
// list. The layers, bottom up (README.md "Layout", main/README.md):
//   main/shared       plain data and pure functions every side uses; imports only its siblings
//   engine/store      the run database; depends only on the sample model (engine/model.ts, shared/vocabulary.ts)
//   main/engine       sampling, storage, analysis, export; plain Node, no UI wire types
//   app-service       the UI's backend over the engine; plain Node
//   cli, host         the command line and the browser host over the engine and the service
//   main/electron     the desktop shell; reaches the engine only through app-service
//   preload, renderer the UI; from main/ only main/shared
const electronPackage = {
  group: ['electron', 'electron/*'],
  message: 'Only main/electron, main/index.ts and preload run inside Electron.',
};
const reactPackages = { group: ['react', 'react-dom', 'react/*'], message: 'Only the renderer knows React.' };
const nodeBuiltins = { regex: '^node:', message: 'The renderer runs in a browser: no Node built-ins.' };

/** A pattern that refuses imports reaching into any of `folders` (as path segments of the import). */
function noFolders(folders, message) {
  return { regex: `(^|/)(${folders.join('|')})/`, message };
}

const layers = [
  {
    files: ['main/shared/**/*.ts'],
    patterns: [
      { regex: '^(?!\\./)', message: 'main/shared is imported by every side: it imports only its own siblings.' },
    ],
  },
  {
    files: ['main/engine/**/*.ts'],
    patterns: [
      electronPackage,
      reactPackages,
      noFolders(
        ['electron', 'renderer', 'app-service', 'host', 'cli', 'shared-node'],
        'The engine is the bottom layer: shells and services depend on it, never the other way round.',
      ),
      {
        regex: '(^|/)shared/api-contract',
        message: 'The engine does not know the UI contract; shared data shapes live in main/shared/*-types.ts.',
      },
    ],
  },
  {
    files: ['main/engine/store/**/*.ts'],
    patterns: [
      electronPackage,
      reactPackages,
      {
        regex: '^\\.\\./(?!model\\.ts$|\\.\\./shared/vocabulary\\.ts$)',
        message: 'The store depends only on the sample model (engine/model.ts, shared/vocabulary.ts).',
      },
    ],
  },
  {
    files: ['main/app-service/**/*.ts'],
    patterns: [
      electronPackage,
      reactPackages,
      noFolders(['electron', 'renderer', 'host', 'cli'], 'The app service is under the shells: it imports none.'),
    ],
  },
  {
    files: ['main/cli/**/*.ts', 'bin/**'],
    patterns: [electronPackage, reactPackages, noFolders(['electron', 'renderer'], 'The CLI runs under plain Node.')],
  },
  {
    files: ['main/host/**/*.ts'],
    patterns: [
      electronPackage,
      reactPackages,
      noFolders(['electron', 'renderer', 'cli'], 'The browser host serves the renderer; it imports no other shell.'),
    ],
  },
  {
    files: ['main/shared-node/**/*.ts'],
    patterns: [
      electronPackage,
      reactPackages,
      noFolders(
        ['electron', 'renderer', 'host', 'cli', 'app-service', 'engine'],
        'main/shared-node holds small Node pieces the shells share; it depends on none of them.',
      ),
    ],
  },
  {
    files: ['main/electron/**/*.ts', 'main/index.ts'],
    patterns: [
      reactPackages,
      noFolders(
        ['engine', 'renderer', 'host', 'cli'],
        'The Electron shell reaches the engine only through main/app-service.',
      ),
    ],
  },
  {
    files: ['preload/**/*.ts'],
    patterns: [
      reactPackages,
      { regex: '(^|/)main/(?!shared/)', message: 'The preload sees only main/shared (the contract).' },
      noFolders(['renderer'], 'The preload does not import the renderer.'),
    ],
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    patterns: [
      electronPackage,
      nodeBuiltins,
      { regex: '(^|/)main/(?!shared/)', message: 'The renderer imports nothing from main/ except main/shared.' },
    ],
  },
  {
    files: ['bench/**/*.ts', 'tests/**/*.ts'],
    patterns: [electronPackage, reactPackages],
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'e2e/artifacts/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Layout belongs to Prettier (`prettier --check` runs in `npm run lint`); eslint keeps to meaning.
  prettierCompatible,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  ...layers.map(({ files, patterns }) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } })),
);
