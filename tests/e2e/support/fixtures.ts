import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect, type Page, type TestInfo } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import type { BridgeBackend } from './backend-types'
import { installBridge, type InstalledBridge } from './bridge-page'
import { startRealBackend, type RealBackend } from './real-backend'
import { repoRoot } from './repo-root'
import { ScriptedBackend } from './scripted-backend'
import { ShellStub } from './shell-stub'

/** Which backend a spec wants: the real services with the fake Pinterest, or the scripted stand-in for UI-only checks. */
export type BackendMode = 'real' | 'scripted'

const APP_ID = 'test-app-id'
const APP_SECRET = 'test-app-secret'

/** What a spec gets: the page wired to a backend, plus the levers a test needs whichever backend it is. */
export interface World {
  kind: 'real' | 'scripted'
  shell: ShellStub
  bridge: InstalledBridge
  /** Temp folder for this test's files (removed afterwards). */
  dir: string
  /** Credentials of the Pinterest app the backend knows and the loopback port registered for it. */
  app: { appId: string; appSecret: string; port: number }
  /** A board that exists on the backend. */
  boardName: string
  scripted?: ScriptedBackend
  real?: RealBackend
  /** Signs in without the UI (for specs about something else). */
  signInDirect(): Promise<void>
  /** The next Pin creation fails with a validation error carrying `message` (scripted: only for a name containing `nameIncludes`). */
  failNextPin(nameIncludes: string, message: string): Promise<void>
}

/** A loopback port free right now, for the OAuth redirect listener (registered on the fake's client). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

async function makeWorld(
  mode: BackendMode,
  info: TestInfo,
  page: Page,
  baseURL: string,
): Promise<{ world: World; backend: BridgeBackend }> {
  const dir = mkdtempSync(join(tmpdir(), 'pinload-e2e-'))
  const shell = new ShellStub()
  const port = await freePort()
  info.annotations.push({
    type: 'backend',
    description: mode === 'real' ? 'real services + fake Pinterest' : 'scripted (UI-only check)',
  })

  if (mode === 'real') {
    mkdirSync(join(dir, 'data'))
    const real = await startRealBackend(join(dir, 'data'), baseURL, {
      clients: [{ clientId: APP_ID, clientSecret: APP_SECRET, redirectUris: [`http://localhost:${port}/`] }],
      mediaProcessingMs: 300,
      rateLimits: false,
    })
    real.fake.addBoard({ name: 'Recipes' })
    const backend = shell.wrap(real)
    const bridge = await installBridge(page, backend)
    const world: World = {
      kind: 'real',
      shell,
      bridge,
      dir,
      app: { appId: APP_ID, appSecret: APP_SECRET, port },
      boardName: 'Recipes',
      real,
      signInDirect: async () => {
        const r = await real.invoke(
          'account:use-token',
          { token: real.fake.issueToken().accessToken, environment: 'production' },
          baseURL,
        )
        expect(r.ok, JSON.stringify(r)).toBe(true)
      },
      failNextPin: async (_name, message) => {
        real.fake.faults.add({
          match: { method: 'POST', path: '/v5/pins' },
          times: 1,
          action: { type: 'status', status: 400, code: 1, message },
        })
      },
    }
    return { world, backend }
  }

  const scripted = new ScriptedBackend()
  const backend = shell.wrap(scripted)
  const bridge = await installBridge(page, backend)
  const world: World = {
    kind: 'scripted',
    shell,
    bridge,
    dir,
    app: { appId: APP_ID, appSecret: APP_SECRET, port },
    boardName: 'Recipes',
    scripted,
    signInDirect: async () => {
      const r = await scripted.invoke('account:use-token', {
        token: 'scripted-token-123',
        environment: 'production',
      })
      expect(r.ok).toBe(true)
    },
    failNextPin: async (nameIncludes, message) => {
      scripted.pipeline.failures.push({
        nameIncludes,
        error: {
          kind: 'validation',
          message,
          fix: 'Fix the Pin details, then retry.',
          requestId: 'req-scripted-1',
        },
      })
    },
  }
  return { world, backend }
}

export const test = base.extend<{ backendMode: BackendMode; world: World }>({
  backendMode: ['real', { option: true }],
  world: async ({ backendMode, page, baseURL }, use, info) => {
    const { world, backend } = await makeWorld(backendMode, info, page, baseURL ?? 'http://127.0.0.1/')
    try {
      await use(world)
    } finally {
      world.bridge.dispose()
      await backend.close()
      rmSync(world.dir, { recursive: true, force: true })
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
