import { defineConfig } from '@playwright/test'
import { CHROMIUM_LAUNCH } from './tests/support/chromium'

const port = Number(process.env.PINLOAD_E2E_PORT ?? 4179)

/**
 * e2e: the built renderer (out/renderer, from `npx electron-vite build`) in Debian's Chromium, talking to
 * main-process services through the test bridge (tests/e2e/support/bridge-page.ts).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.e2e.ts',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  // Two cores shared with other work: one worker is the calm choice, two when CI has the machine to itself.
  workers: process.env.CI ? 2 : 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    viewport: { width: 1100, height: 720 },
    trace: 'retain-on-failure',
    launchOptions: CHROMIUM_LAUNCH,
  },
  webServer: {
    command: `npx tsx tests/e2e/support/static-server.ts ${port}`,
    url: `http://127.0.0.1:${port}/index.html`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
})
