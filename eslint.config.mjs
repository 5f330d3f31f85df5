import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import { importX } from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import { layerZones } from './eslint-layers.mjs'

const ELECTRON = {
  name: 'electron',
  message:
    'Only src/main/shell/, src/main/index.ts and src/preload/ may import electron; services must run under plain Node.',
}
/** Each native module has one owner file behind an interface (CONTRIBUTING.md, "House rules"). */
export const NATIVE_OWNERS = {
  'better-sqlite3': 'src/main/db/connection.ts',
  '@napi-rs/keyring': 'src/main/secrets/secret-store.ts',
  sharp: 'src/main/media/image-codec.ts',
}
const nativePaths = (except) =>
  Object.entries(NATIVE_OWNERS)
    .filter(([name]) => name !== except)
    .map(([name, owner]) => ({
      name,
      message: `Only ${owner} imports ${name}: use the interface it exports.`,
    }))

/** The import bans of a file: electron unless it is the shell, native modules unless it owns that one. */
const restrictedImports = ({ electron = true, natives = true, except, extra = [] } = {}) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: [...(electron ? [ELECTRON] : []), ...(natives ? nativePaths(except) : []), ...extra],
      patterns: electron ? [{ group: ['electron/*'], message: 'Only the shell may import electron.' }] : [],
    },
  ],
})
/** Only the Electron shell, the bootstrap and the preload may import electron: services run under plain Node. */
export const electronImportRule = restrictedImports({ natives: false })

export default tseslint.config(
  {
    ignores: [
      'bench/.scratch/**',
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bin/**',
      'tests/fixtures/**',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.node.json' })],
    },
    rules: {
      ...electronImportRule,
      // The layers of docs/architecture.md: data and calls flow one way.
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: layerZones() }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
        {
          selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name='only']",
          message: 'No focused tests.',
        },
      ],
    },
  },
  {
    files: ['src/**'],
    rules: restrictedImports(),
  },
  ...Object.entries(NATIVE_OWNERS).map(([name, owner]) => ({
    files: [owner],
    rules: restrictedImports({ except: name }),
  })),
  {
    // Shared code runs in the window as well as in Node: no Node built-ins, no electron.
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...['electron', 'fs', 'path', 'os', 'crypto', 'child_process'].map((name) => ({
              name,
              message: 'src/shared runs in the window too: no Node built-ins, no electron.',
            })),
            ...nativePaths(),
          ],
          patterns: [
            {
              group: ['node:*', 'electron/*'],
              message: 'src/shared runs in the window too: no Node built-ins.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/shell/**', 'src/main/index.ts', 'src/preload/**'],
    rules: restrictedImports({ electron: false }),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to main only through window.api.' },
            ...nativePaths(),
            {
              name: 'zod',
              message:
                "zod's eval probe trips the renderer's CSP (no 'unsafe-eval'): validation happens in main.",
              allowTypeImports: true,
            },
          ],
          patterns: [
            {
              group: ['**/main/**', 'node:*'],
              message: 'The renderer talks to main only through window.api.',
            },
            {
              group: [
                '**/shared/domain',
                '**/shared/progress-events',
                '**/shared/ipc/contract',
                '**/shared/ipc/result',
              ],
              message:
                "These modules carry zod schemas, whose eval probe trips the renderer's CSP: import their types only.",
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // Config files and benchmarks need default exports or loose typing of third-party tooling.
    files: ['*.config.ts', '*.config.mts', 'electron.vite.config.ts', 'playwright.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['tests/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
)
