import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AccountService } from '../../src/main/auth/account-service'
import { AccountFileV1, migrateLegacyTokens, upgradeAccountFile } from '../../src/main/auth/account-model'
import { loadTokenBundle, saveTokenBundle, type TokenBundle } from '../../src/main/auth/token-bundle'
import { secretKeys, type KeyringSecretStore } from '../../src/main/secrets/secret-store'
import { clearAccountSecrets, privateKeyring, realKeyring } from '../support/keychain'

const bundle: TokenBundle = {
  accessToken: 'pina_legacy-access',
  refreshToken: 'pinr_legacy-refresh',
  accessExpiresAt: 1_000,
  refreshExpiresAt: 2_000,
  scope: 'pins:write',
}

const signedIn = AccountFileV1.parse({
  version: 1,
  environment: 'production',
  profiles: {
    production: { appId: 'app', username: 'studio_a', status: 'connected', tokenSource: 'oauth' },
    sandbox: { appId: 'app-sb' },
  },
})

let store: KeyringSecretStore | undefined
afterEach(async () => {
  if (!store) return
  await clearAccountSecrets(store, ['production:studio_a'])
  store = undefined
})

describe.skipIf(!realKeyring)('legacy keychain sign-in becomes the first account (issue 15)', () => {
  it("moves `production:tokens` to the user's own entry, once, and a second start changes nothing", async () => {
    store = privateKeyring('tokens-migration')
    await saveTokenBundle(store, 'production', bundle)
    const file = upgradeAccountFile(signedIn)

    expect(await migrateLegacyTokens(store, file)).toEqual(['production:studio_a'])
    expect(await store.get(secretKeys.tokens('production'))).toBeNull()
    expect(await loadTokenBundle(store, 'production:studio_a')).toEqual(bundle)

    expect(await migrateLegacyTokens(store, file)).toEqual([])
    expect(await loadTokenBundle(store, 'production:studio_a')).toEqual(bundle)
  })

  it('a crash after the copy (both entries there) keeps the user entry and drops the legacy one', async () => {
    store = privateKeyring('tokens-migration-crash')
    const renewed = { ...bundle, accessToken: 'pina_renewed' }
    await saveTokenBundle(store, 'production', bundle)
    await saveTokenBundle(store, 'production:studio_a', renewed)

    expect(await migrateLegacyTokens(store, upgradeAccountFile(signedIn))).toEqual([])
    expect(await store.get(secretKeys.tokens('production'))).toBeNull()
    expect(await loadTokenBundle(store, 'production:studio_a')).toEqual(renewed)
  })

  it('a legacy sign-in with no known username stays where it is', async () => {
    store = privateKeyring('tokens-migration-anon')
    await saveTokenBundle(store, 'sandbox', bundle)
    expect(await migrateLegacyTokens(store, upgradeAccountFile(signedIn))).toEqual([])
    expect(await loadTokenBundle(store, 'sandbox')).toEqual(bundle)
  })

  it('the app started on a version-1 data folder is signed in as that user, and account.json is version 2', async () => {
    store = privateKeyring('tokens-migration-app')
    const dataDir = await mkdtemp(join(tmpdir(), 'pinload-accounts-v1-'))
    try {
      await writeFile(join(dataDir, 'account.json'), JSON.stringify(signedIn))
      await saveTokenBundle(store, 'production', { ...bundle, accessExpiresAt: null })
      const service = new AccountService({
        dataDir,
        secrets: store,
        env: {},
        openExternal: () => undefined,
        apiBaseFor: () => 'http://127.0.0.1:1/v5',
        oauthBase: 'http://127.0.0.1:1/oauth/',
      })
      expect(await service.get()).toMatchObject({ status: 'connected', username: 'studio_a' })
      expect(await service.tokenProvider().getAccessToken()).toBe(bundle.accessToken)
      expect(await store.get(secretKeys.tokens('production'))).toBeNull()
      const written: unknown = JSON.parse(await readFile(join(dataDir, 'account.json'), 'utf8'))
      expect(written).toMatchObject({ version: 2, current: { production: 'production:studio_a' } })
      expect(JSON.stringify(written)).not.toContain(bundle.accessToken)
      service.dispose()
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
