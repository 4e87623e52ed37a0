import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettierCompatible from 'eslint-config-prettier';

const noElectronInEngine = {
  patterns: [
    {
      group: ['electron', 'electron/*'],
      message: 'Engine, CLI, service and browser-host code runs under plain Node: never import electron here.',
    },
    {
      group: ['**/electron/**'],
      message:
        'The Electron shell depends on these layers, not the other way round: shared Node pieces go in main/shared-node/.',
    },
    { group: ['react', 'react-dom', 'react/*'], message: 'Engine and CLI code knows nothing of React.' },
  ],
};

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
  {
    files: [
      'main/engine/**/*.ts',
      'main/cli/**/*.ts',
      'main/shared-node/**/*.ts',
      'main/host/**/*.ts',
      'main/app-service/**/*.ts',
      'bin/**',
      'bench/**/*.ts',
      'tests/**/*.ts',
    ],
    rules: { 'no-restricted-imports': ['error', noElectronInEngine] },
  },
);
