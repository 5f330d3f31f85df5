import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { MemorySecretStore } from '../../../src/main/secrets/secret-store'
import type { Result } from '../../../src/shared/ipc/result'
import type { FakePinterestOptions } from '../../../src/main/fake-pinterest/index'
import { freePort } from '../../support/net'
import { installBridge, type InstalledBridge } from './bridge-page'
import type { DesktopDouble } from './desktop-double'
import { startRealBackend, type RealBackend } from './real-backend'
import { repoRoot } from './repo-root'

const APP_ID = 'test-app-id'
const APP_SECRET = 'test-app-secret'

/** What a spec gets: the page wired to the real services, and the levers a test needs on them. */
export interface World {
  /** The real services, the fake Pinterest, the keychain and the desktop's OS side. */
  backend: RealBackend
  /** The native dialogs and the system browser, played by the test. */
  desktop: DesktopDouble
  bridge: InstalledBridge
  /** Temp folder for this test's files (removed afterwards). */
  dir: string
  /** Credentials of the Pinterest app the fake knows and the loopback port registered for it. */
  app: { appId: string; appSecret: string; port: number }
  /** A board that exists on the fake. */
  boardName: string
  boardId: string
  /** One request through the real router, as the served page sends it. */
  invoke(channel: string, input: unknown): Promise<Result<unknown>>
  /** Signs in without the UI, with a pasted token (for specs about something else). */
  signInDirect(): Promise<void>
  /** The next Pin creation is refused by the fake with a validation error carrying `message`. */
  failNextPin(message: string): void
}

/** Per-spec choices (`test.use`): options for the fake, and an in-memory keychain the test can switch off. */
export interface WorldOptions {
  fakeOptions: Partial<FakePinterestOptions>
  memoryKeychain: boolean
}

export const test = base.extend<WorldOptions & { world: World }>({
  fakeOptions: [{}, { option: true }],
  memoryKeychain: [false, { option: true }],
  world: async ({ page, baseURL, fakeOptions, memoryKeychain }, use) => {
    const pageUrl = new URL('/index.html', baseURL ?? 'http://127.0.0.1/').href
    const dir = mkdtempSync(join(tmpdir(), 'pinload-e2e-'))
    mkdirSync(join(dir, 'data'))
    const port = await freePort()
    const backend = await startRealBackend(
      join(dir, 'data'),
      pageUrl,
      {
        clients: [
          { clientId: APP_ID, clientSecret: APP_SECRET, redirectUris: [`http://localhost:${port}/`] },
        ],
        mediaProcessingMs: 300,
        rateLimits: false,
        ...fakeOptions,
      },
      memoryKeychain ? { secrets: new MemorySecretStore() } : {},
    )
    const board = backend.fake.addBoard({ name: 'Recipes' })
    const bridge = await installBridge(page, backend)
    const invoke = (channel: string, input: unknown) => backend.invoke(channel, input, pageUrl)
    const world: World = {
      backend,
      desktop: backend.desktop,
      bridge,
      dir,
      app: { appId: APP_ID, appSecret: APP_SECRET, port },
      boardName: board.name,
      boardId: board.id,
      invoke,
      signInDirect: async () => {
        const token = backend.fake.issueToken().accessToken
        const r = await invoke('account:use-token', { token, environment: 'production' })
        expect(r.ok, JSON.stringify(r)).toBe(true)
      },
      failNextPin: (message) => {
        backend.fake.faults.add({
          match: { method: 'POST', path: '/v5/pins' },
          times: 1,
          action: { type: 'status', status: 400, code: 1, message },
        })
      },
    }
    try {
      await use(world)
    } finally {
      bridge.dispose()
      await backend.close()
      rmSync(dir, { recursive: true, force: true })
    }
  },
})

export { expect }

/** Saves a screenshot of the page to test-results/screenshots/<name>.png and returns its path. */
export async function snap(page: Page, name: string): Promise<string> {
  const path = join(repoRoot(), 'test-results', 'screenshots', `${name}.png`)
  await page.screenshot({ path, fullPage: false })
  return path
}

/** Runs axe on the page; returns the serious and critical violations (id, impact, first target). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    )
}
