// Lint: typescript-eslint's recommended rules plus the layer boundaries of docs/architecture.md ("Layers"):
// shared/ imports nothing of ours and no Node; only main.ts, preload.ts and platform/ import
// 'electron'; the renderer imports no Node, no Electron and nothing from electron/, and makes no
// network request of its own.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'release/**', 'artefacts/**', 'test-results/**', '.shell-data/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...nodeBuiltins, 'electron', '../electron/*', '../../electron/*', '../renderer/*', '../../renderer/*', 'react', 'react-dom'] }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/platform/**'],
    // The translation catalogues are data both sides read (the start-failure dialog); renderer code is not.
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['electron'], patterns: [{ regex: '(^|/)renderer/(?!i18n/locales/[a-z]+/[a-z]+\\.json$)', message: 'electron/ imports no renderer code.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron'], patterns: [...nodeBuiltins, '**/electron/*'] }],
      'no-restricted-globals': ['error', 'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'fetch', message: 'The renderer makes no network request of its own.' },
        { object: 'window', property: 'open', message: 'window.open is denied.' },
      ],
    },
  },
);
