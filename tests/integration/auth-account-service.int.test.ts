import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { updateProfile } from '../../src/main/auth/account-file'
import { AccountService } from '../../src/main/auth/account-service'
import { saveTokenBundle } from '../../src/main/auth/token-bundle'
import { MemorySecretStore, NO_KEYCHAIN_MESSAGE } from '../../src/main/secrets/secret-store'
import { AppError } from '../../src/shared/ipc/result'
import { freePort } from '../support/net'

let dataDir: string
let secrets: MemorySecretStore
let services: AccountService[]

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pinload-account-'))
  secrets = new MemorySecretStore()
  services = []
})
afterEach(async () => {
  for (const s of services) s.dispose()
  await rm(dataDir, { recursive: true, force: true })
})

function make(opts: { env?: NodeJS.ProcessEnv; openExternal?: (url: string) => void } = {}) {
  const s = new AccountService({
    dataDir,
    secrets,
    env: opts.env ?? {},
    openExternal: opts.openExternal ?? (() => undefined),
    // Nothing listens on port 1: any HTTP call fails fast, and these tests must not need one.
    apiBaseFor: () => 'http://127.0.0.1:1/v5',
    oauthBase: 'http://127.0.0.1:1/oauth/',
    signInTimeoutMs: 10_000,
  })
  services.push(s)
  return s
}

describe('AccountService without network', () => {
  it('starts signed out on production with the default redirect URI', async () => {
    expect(await make().get()).toEqual({
      status: 'signed_out',
      environment: 'production',
      hasAppSecret: false,
      redirectUri: 'http://localhost:8085/',
      warnings: [],
    })
  })

  it('saveApp keeps the secret in the keychain only and the rest in account.json', async () => {
    const s = make()
    const view = await s.saveApp({
      appId: ' app-1 ',
      appSecret: 'shh-very-secret',
      port: 9090,
      environment: 'sandbox',
      secretBoards: true,
    })
    expect(view).toMatchObject({
      appId: 'app-1',
      hasAppSecret: true,
      environment: 'sandbox',
      redirectUri: 'http://localhost:9090/',
    })
    expect(s.accountKey()).toBe('sandbox')
    expect(secrets.values.get('sandbox:app-secret')).toBe('shh-very-secret')
    const file = await readFile(join(dataDir, 'account.json'), 'utf8')
    expect(file).not.toContain('shh-very-secret')
    expect(JSON.parse(file)).toMatchObject({
      environment: 'sandbox',
      apps: { sandbox: { appId: 'app-1', port: 9090, secretBoards: true } },
    })
    // A second service (another process) reads the same facts.
    expect(make().accountKey()).toBe('sandbox')
    await expect(
      s.saveApp({ appId: '  ', port: 9090, environment: 'sandbox', secretBoards: false }),
    ).rejects.toMatchObject({ kind: 'validation' })
  })

  it('changing the App ID of a signed-in account asks for a new sign-in', async () => {
    const s = make()
    await s.saveApp({
      appId: 'one',
      appSecret: 'x-secret',
      port: 8085,
      environment: 'production',
      secretBoards: false,
    })
    await saveTokenBundle(secrets, 'production:ann', {
      accessToken: 'pina-1',
      refreshToken: 'pinr-1',
      accessExpiresAt: null,
      refreshExpiresAt: null,
      scope: null,
    })
    await updateProfile(dataDir, 'production', (p) => ({
      ...p,
      status: 'connected',
      tokenSource: 'oauth',
      username: 'ann',
    }))
    expect((await s.get()).status).toBe('connected')
    expect(
      (await s.saveApp({ appId: 'two', port: 8085, environment: 'production', secretBoards: false })).status,
    ).toBe('needs_sign_in')
  })

  it('connect needs the app first', async () => {
    await expect(make().connect()).rejects.toMatchObject({ kind: 'validation' })
  })

  it('cancelConnect ends a waiting sign-in; a second connect meanwhile is refused', async () => {
    let opened = ''
    const s = make({ openExternal: (url) => void (opened = url) })
    await s.saveApp({
      appId: 'app',
      appSecret: 'x-secret',
      port: await freePort(),
      environment: 'production',
      secretBoards: false,
    })
    const views: string[] = []
    s.onChange((v) => views.push(v.status))
    const pending = s.connect()
    await expect.poll(() => opened).not.toBe('')
    expect(new URL(opened).searchParams.get('client_id')).toBe('app')
    await expect(s.connect()).rejects.toMatchObject({ kind: 'conflict' })
    s.cancelConnect()
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled', code: 'cancelled' })
    expect((await s.get()).status).toBe('signed_out')
  })

  it('an AbortSignal passed to connect cancels it too', async () => {
    const s = make()
    await s.saveApp({
      appId: 'app',
      appSecret: 'x-secret',
      port: await freePort(),
      environment: 'production',
      secretBoards: false,
    })
    const controller = new AbortController()
    const pending = s.connect(controller.signal)
    controller.abort()
    await expect(pending).rejects.toBeInstanceOf(AppError)
  })

  it('a missing keychain shows as no_keychain, and tokens fail as ApiError auth with the same message', async () => {
    const s = make()
    secrets.unavailable = true
    expect(await s.get()).toMatchObject({ status: 'no_keychain', message: NO_KEYCHAIN_MESSAGE })
    await expect(s.tokenProvider().getAccessToken()).rejects.toMatchObject({
      kind: 'auth',
      message: NO_KEYCHAIN_MESSAGE,
    })
    await expect(
      s.saveApp({
        appId: 'a',
        appSecret: 'b-secret',
        port: 8085,
        environment: 'production',
        secretBoards: false,
      }),
    ).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'no_keychain',
    })
  })

  it('PINLOAD_ACCESS_TOKEN wins over the keychain, even without one', async () => {
    secrets.unavailable = true
    const s = make({ env: { PINLOAD_ACCESS_TOKEN: 'pina-from-env', PINLOAD_ENVIRONMENT: 'sandbox' } })
    expect(s.accountKey()).toBe('sandbox')
    expect(await s.get()).toMatchObject({ status: 'connected', tokenSource: 'env', environment: 'sandbox' })
    await expect(s.tokenProvider().getAccessToken()).resolves.toBe('pina-from-env')
    await expect(s.tokenProvider().refreshAccessToken()).rejects.toMatchObject({ kind: 'auth' })
  })
})
