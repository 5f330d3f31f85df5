import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { DEV_RENDERER_CSP } from './src/main/security/web-preferences'

/** The dev server only: swap the strict CSP meta tag for one that lets Vite's HMR and React Refresh run. */
function devCsp(): Plugin {
  return {
    name: 'pinload-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace(/(http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/, `$1${DEV_RENDERER_CSP}$2`),
  }
}

export default defineConfig({
  main: {
    build: {
      // Every dependency (the native better-sqlite3 and @napi-rs/keyring above all) stays a run-time
      // require, loaded from node_modules; none is ESM-only, so the CommonJS bundle loads them all.
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          cli: resolve(import.meta.dirname, 'src/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload must be one self-contained CommonJS file: nothing may be required at run time
    // but `electron` itself (electron-vite.org, "Limitations of sandboxing").
    build: {
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } },
    },
    plugins: [react(), devCsp()],
  },
})
