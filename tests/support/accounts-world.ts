import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import type { SecretStore } from '../../src/main/secrets/secret-store'
import { clearAccountSecrets } from './keychain'
import type { TestApp } from './test-app'

/** What one file of account tests shares: the fake Pinterest, a folder of its own, and the app it started last. */
export interface AccountsWorld {
  fake: FakePinterest
  root: string
  /** Shut down after the file; a test that starts the app sets it. */
  app: TestApp | undefined
}

/**
 * Inside a `describe`: a fake Pinterest without rate limits and a temporary folder before the file's tests; after
 * them the app shut down, the named accounts' keychain entries (and both environments') cleared, all removed.
 */
export function useAccountsWorld(
  label: string,
  secrets: SecretStore,
  accountKeys: readonly string[],
): AccountsWorld {
  const world = { app: undefined } as AccountsWorld
  beforeAll(async () => {
    world.root = mkdtempSync(join(tmpdir(), `pinload-${label}-`))
    world.fake = await startFakePinterest({ rateLimits: false })
  })
  afterAll(async () => {
    await world.app?.shutdown()
    await clearAccountSecrets(secrets, accountKeys)
    await world.fake.close()
    rmSync(world.root, { recursive: true, force: true })
  })
  return world
}
