import { existsSync } from 'node:fs'
import { defineConfig } from '@playwright/test'

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
    launchOptions: {
      // Debian's Chromium where it is installed (.ci/run); elsewhere the browser `npx playwright install` fetched.
      ...(existsSync('/usr/bin/chromium') && { executablePath: '/usr/bin/chromium' }),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `npx tsx tests/e2e/support/static-server.ts ${port}`,
    url: `http://127.0.0.1:${port}/index.html`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
})
