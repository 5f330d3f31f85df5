import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { profileOf, readAccountFile, updateProfile, writeAccountFile } from '../../src/main/auth/account-file'
import { loadTokenBundle, saveTokenBundle } from '../../src/main/auth/token-bundle'
import {
  KeychainUnavailableError,
  MemorySecretStore,
  NO_KEYCHAIN_MESSAGE,
  secretKeys,
} from '../../src/main/secrets/secret-store'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pinload-secrets-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('MemorySecretStore', () => {
  it('stores, reads and deletes values', async () => {
    const s = new MemorySecretStore()
    expect(await s.get('k')).toBeNull()
    await s.set('k', 'v')
    expect(await s.get('k')).toBe('v')
    await s.delete('k')
    await s.delete('k')
    expect(await s.get('k')).toBeNull()
  })

  it('simulates a missing keychain with the plain message that names PINLOAD_ACCESS_TOKEN', async () => {
    const s = new MemorySecretStore()
    s.unavailable = true
    const error = await s.get('k').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(KeychainUnavailableError)
    expect((error as KeychainUnavailableError).message).toBe(NO_KEYCHAIN_MESSAGE)
    expect(NO_KEYCHAIN_MESSAGE).toContain('PINLOAD_ACCESS_TOKEN')
    expect((error as KeychainUnavailableError).kind).toBe('unavailable')
  })

  it('keys are per environment', () => {
    expect(secretKeys.appSecret('production')).toBe('production:app-secret')
    expect(secretKeys.tokens('sandbox')).toBe('sandbox:tokens')
  })
})

describe('token bundle', () => {
  it('round-trips as one JSON entry; a damaged entry reads as signed out', async () => {
    const s = new MemorySecretStore()
    const b = {
      accessToken: 'pina-1',
      refreshToken: 'pinr-1',
      accessExpiresAt: 1,
      refreshExpiresAt: 2,
      scope: 'a',
    }
    await saveTokenBundle(s, 'production', b)
    expect(s.writes).toBe(1)
    expect(JSON.parse(s.values.get('production:tokens')!)).toEqual(b)
    expect(await loadTokenBundle(s, 'production')).toEqual(b)
    await s.set('production:tokens', '{not json')
    expect(await loadTokenBundle(s, 'production')).toBeNull()
  })
})

describe('account.json', () => {
  it('missing or damaged file reads as an empty account', async () => {
    const empty = { version: 2, environment: 'production', apps: {}, users: {}, current: {} }
    expect(await readAccountFile(dir)).toEqual(empty)
    await writeFile(join(dir, 'account.json'), '{oops')
    expect(await readAccountFile(dir)).toEqual(empty)
  })

  it('writes atomically (no temp file left) and serialises concurrent updates', async () => {
    const nested = join(dir, 'a', 'b')
    await writeAccountFile(nested, { version: 1, environment: 'sandbox', profiles: {} })
    await Promise.all([
      updateProfile(nested, 'production', (p) => ({ ...p, appId: 'one' })),
      updateProfile(nested, 'sandbox', (p) => ({ ...p, username: 'two' })),
      updateProfile(nested, 'production', (p) => ({ ...p, port: 9000 })),
    ])
    const file = await readAccountFile(nested)
    expect(file.environment).toBe('sandbox')
    expect(profileOf(file, 'production')).toMatchObject({ appId: 'one', port: 9000 })
    expect(profileOf(file, 'sandbox')).toMatchObject({ username: 'two' })
    expect(await readdir(nested)).toEqual(['account.json'])
    expect(JSON.parse(await readFile(join(nested, 'account.json'), 'utf8'))).toEqual(file)
  })
})
