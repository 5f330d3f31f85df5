import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/**
 * Builds only the renderer into out/renderer, the same way electron.vite.config.ts's `renderer` section does.
 * For e2e runs while the main bundle cannot build (`npx vite build -c tests/e2e/support/renderer.vite.config.ts`);
 * `npx electron-vite build` produces the same folder.
 */
const root = resolve(import.meta.dirname, '../../..')

// eslint-disable-next-line no-restricted-syntax -- vite loads its config from the default export.
export default defineConfig({
  root: resolve(root, 'src/renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(root, 'out/renderer'),
    emptyOutDir: true,
    rollupOptions: { input: { index: resolve(root, 'src/renderer/index.html') } },
  },
})
