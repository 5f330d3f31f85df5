import { afterEach, describe, expect, it } from 'vitest'
import { AccountFile } from '../../src/main/auth/account-file'
import { migrateLegacyTokens, upgradeAccountFile } from '../../src/main/auth/account-model'
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

const signedIn = AccountFile.parse({
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
  await clearAccountSecrets(store)
  await store.delete(secretKeys.userTokens('production:studio_a'))
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
})
