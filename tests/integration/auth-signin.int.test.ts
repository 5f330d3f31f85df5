import { randomBytes } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'undici'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { AccountService } from '../../src/main/auth/account-service'
import { loadTokenBundle } from '../../src/main/auth/token-bundle'
import { loadTokenProvider } from '../../src/main/auth/token-source'
import { ApiError } from '../../src/main/pinterest/api-error'
import { KeyringSecretStore, secretKeys } from '../../src/main/secrets/secret-store'
import type { AccountView } from '../../src/shared/domain'
import { AppError } from '../../src/shared/ipc/result'
import { DEFAULT_USERNAME, startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { clearAccountSecrets, realKeyring, USER_KEY } from '../support/keychain'
import { freePort } from '../support/net'

const SKIP_REASON = 'no Secret Service session: run under scripts/with-keyring.sh'
if (!realKeyring) console.warn(`auth-signin: skipped, ${SKIP_REASON}`)

const APP_ID = 'test-app-id'
const APP_SECRET = `test-app-secret-${randomBytes(6).toString('hex')}`
// One keychain service per run so parallel or aborted runs never see each other's entries.
const SERVICE = `PinloadTest-${process.pid}-${randomBytes(4).toString('hex')}`

let fake: FakePinterest
let port: number
let secrets: KeyringSecretStore
let dataDir: string
let service: AccountService | undefined

/** Plays the browser: opens the authorize URL and follows the fake's 302 to our listener. */
const callbacks: string[] = []
async function browser(url: string): Promise<void> {
  const res = await fetch(url, { redirect: 'follow' })
  await res.text()
  callbacks.push(res.url)
}

function makeService(
  opts: {
    openExternal?: (url: string) => Promise<void>
    signInTimeoutMs?: number
    env?: NodeJS.ProcessEnv
    refreshBeforeMs?: number
  } = {},
) {
  service = new AccountService({
    dataDir,
    secrets,
    env: opts.env ?? {},
    openExternal: opts.openExternal ?? browser,
    apiBaseFor: () => fake.apiBase,
    oauthBase: fake.oauthBase,
    fetchTimeoutMs: 5000,
    signInTimeoutMs: opts.signInTimeoutMs ?? 10_000,
    ...(opts.refreshBeforeMs === undefined ? {} : { refreshBeforeMs: opts.refreshBeforeMs }),
  })
  return service
}

async function signedIn(s = makeService()): Promise<AccountView> {
  await s.saveApp({
    appId: APP_ID,
    appSecret: APP_SECRET,
    port,
    environment: 'production',
    secretBoards: false,
  })
  return s.connect()
}

async function tokenCall(form: Record<string, string>) {
  const res = await request(`${fake.apiBase}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${APP_ID}:${APP_SECRET}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(form).toString(),
  })
  return { status: res.statusCode, body: (await res.body.json()) as { code?: number } }
}

const tokenExchanges = () => fake.requests.filter((r) => r.path === '/v5/oauth/token').length

describe.skipIf(!realKeyring)(
  realKeyring
    ? 'sign-in against the fake Pinterest with the real keychain'
    : 'sign-in against the fake Pinterest with the real keychain (skipped: no Secret Service session: run under scripts/with-keyring.sh)',
  () => {
    beforeAll(async () => {
      port = await freePort()
      fake = await startFakePinterest({
        clients: [
          { clientId: APP_ID, clientSecret: APP_SECRET, redirectUris: [`http://localhost:${port}/`] },
        ],
      })
      secrets = new KeyringSecretStore({ service: SERVICE })
    })
    afterAll(async () => {
      await fake?.close()
    })
    beforeEach(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'pinload-auth-'))
      callbacks.length = 0
    })
    afterEach(async () => {
      service?.dispose()
      service = undefined
      fake.reset()
      await clearAccountSecrets(secrets, [USER_KEY])
      await rm(dataDir, { recursive: true, force: true })
    })

    it('signs in through the browser and keeps the tokens in the keychain', async () => {
      const s = makeService()
      const saved = await s.saveApp({
        appId: APP_ID,
        appSecret: APP_SECRET,
        port,
        environment: 'production',
        secretBoards: false,
      })
      expect(saved).toMatchObject({
        status: 'signed_out',
        hasAppSecret: true,
        redirectUri: `http://localhost:${port}/`,
      })
      const view = await s.connect()
      expect(view).toMatchObject({
        status: 'connected',
        username: DEFAULT_USERNAME,
        tokenSource: 'oauth',
        warnings: [],
      })
      const bundle = await loadTokenBundle(secrets, USER_KEY)
      expect(bundle?.refreshToken).toBeTruthy()
      const me = await request(`${fake.apiBase}/user_account`, {
        headers: { authorization: `Bearer ${bundle!.accessToken}` },
      })
      expect(me.statusCode).toBe(200)
      await me.body.dump()
      // The exchange sent the documented form.
      const exchange = fake.requests.find((r) => r.path === '/v5/oauth/token')
      expect(exchange?.authorization).toBe('Basic <redacted>')
      await expect(s.tokenProvider().getAccessToken()).resolves.toBe(bundle!.accessToken)
    })

    it('a second callback after success is ignored', async () => {
      const s = makeService()
      await signedIn(s)
      const before = await loadTokenBundle(secrets, USER_KEY)
      expect(callbacks).toHaveLength(1)
      // Replaying the redirect (a reload, a second tab) reaches nothing: the listener is gone.
      await expect(fetch(callbacks[0]!.replace('localhost', '127.0.0.1'))).rejects.toThrow()
      expect(tokenExchanges()).toBe(1)
      expect(await loadTokenBundle(secrets, USER_KEY)).toEqual(before)
      expect((await s.get()).status).toBe('connected')
    })

    it('refuses a callback with the wrong state without ending the flow, then accepts the right one', async () => {
      const forged: number[] = []
      const s = makeService({
        openExternal: async (url) => {
          const redirect = new URL(new URL(url).searchParams.get('redirect_uri')!)
          const res = await fetch(`http://127.0.0.1:${redirect.port}/?code=stolen&state=${'A'.repeat(43)}`)
          forged.push(res.status)
          await res.text()
          await browser(url)
        },
      })
      const view = await signedIn(s)
      expect(forged).toEqual([400])
      expect(view.status).toBe('connected')
    })

    it('the user refusing access ends the flow with a clear message', async () => {
      fake.denyNextAuthorization()
      const error = await signedIn().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).message).toMatch(/did not allow Pinload/)
      expect((await service!.get()).status).toBe('signed_out')
    })

    it('times out when nobody answers, and the port is free again', async () => {
      const s = makeService({ openExternal: () => Promise.resolve(), signInTimeoutMs: 300 })
      const error = (await signedIn(s).catch((e: unknown) => e)) as AppError
      expect(error.code).toBe('timeout')
      expect(error.message).toMatch(/within/)
      const again = createServer()
      await new Promise<void>((resolve, reject) =>
        again.once('error', reject).listen(port, '127.0.0.1', resolve),
      )
      await new Promise((resolve) => again.close(resolve))
    })

    it('refresh rotates: the keychain holds the new refresh token and the old one is refused', async () => {
      const s = makeService()
      await signedIn(s)
      const old = (await loadTokenBundle(secrets, USER_KEY))!
      const fresh = await s.tokenProvider().refreshAccessToken()
      const stored = (await loadTokenBundle(secrets, USER_KEY))!
      expect(fresh).not.toBe(old.accessToken)
      expect(stored.accessToken).toBe(fresh)
      expect(stored.refreshToken).not.toBe(old.refreshToken)
      const replay = await tokenCall({ grant_type: 'refresh_token', refresh_token: old.refreshToken! })
      expect(replay).toMatchObject({ status: 400, body: { code: 283 } })
      // The stored one still works (and rotates again).
      expect(
        (await tokenCall({ grant_type: 'refresh_token', refresh_token: stored.refreshToken! })).status,
      ).toBe(200)
    })

    it('the background timer refreshes a token that is due, and listeners hear it', async () => {
      // Due at once: "refresh when less than 31 days are left" on a 30-day token.
      const s = makeService({ refreshBeforeMs: 31 * 24 * 3600 * 1000 })
      await s.saveApp({
        appId: APP_ID,
        appSecret: APP_SECRET,
        port,
        environment: 'production',
        secretBoards: false,
      })
      // connect() itself does not refresh; the timer must.
      const connected = await s.connect()
      expect(connected.status).toBe('connected')
      const first = (await loadTokenBundle(secrets, USER_KEY))!
      const refreshed = new Promise<void>((resolve) => s.onChange(() => resolve()))
      s.startRefreshTimer(20)
      await refreshed
      s.stopRefreshTimer()
      const next = (await loadTokenBundle(secrets, USER_KEY))!
      expect(next.refreshToken).not.toBe(first.refreshToken)
      expect(next.accessToken).not.toBe(first.accessToken)
    })

    it('a dead refresh token → needs_sign_in, ApiError auth, and listeners hear it', async () => {
      const s = makeService()
      await signedIn(s)
      const seen: string[] = []
      s.onChange((v) => seen.push(v.status))
      fake.expireRefreshToken((await loadTokenBundle(secrets, USER_KEY))!.refreshToken!)
      const error = await s
        .tokenProvider()
        .refreshAccessToken()
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ApiError)
      expect(error).toMatchObject({
        kind: 'auth',
        details: { fix: expect.stringMatching(/^Sign in again/) as string },
      })
      expect(seen).toContain('needs_sign_in')
      expect((await s.get()).status).toBe('needs_sign_in')
      // A new process reading account.json sees it too.
      expect((await makeService().get()).status).toBe('needs_sign_in')
      // Signing in again heals it.
      const other = makeService()
      const healed = await other.connect()
      expect(healed.status).toBe('connected')
      // The first service (think: the app, while the CLI signed in) notices on its next read.
      expect((await s.get()).status).toBe('connected')
      await expect(s.tokenProvider().getAccessToken()).resolves.toBe(
        (await loadTokenBundle(secrets, USER_KEY))!.accessToken,
      )
      other.dispose()
    })

    it('a network failure during refresh is transient and keeps the account connected', async () => {
      const s = makeService()
      await signedIn(s)
      fake.faults.add({ match: { category: 'oauth' }, times: 1, action: { type: 'reset' } })
      await expect(s.tokenProvider().refreshAccessToken()).rejects.toMatchObject({ kind: 'transient' })
      expect((await s.get()).status).toBe('connected')
      await expect(s.tokenProvider().refreshAccessToken()).resolves.toBeTruthy()
    })

    it('sign-out deletes the tokens from the keychain, keeps the app secret, and says Pinterest cannot revoke', async () => {
      const s = makeService()
      await signedIn(s)
      const view = await s.signOut()
      expect(view.status).toBe('signed_out')
      expect(view.message).toMatch(/cannot|no way/i)
      expect(view.message).toMatch(/Pinterest settings/)
      expect(
        await new KeyringSecretStore({ service: SERVICE }).get(secretKeys.userTokens(USER_KEY)),
      ).toBeNull()
      expect(await secrets.get(secretKeys.appSecret('production'))).toBe(APP_SECRET)
      await expect(s.tokenProvider().getAccessToken()).rejects.toMatchObject({ kind: 'auth' })
      await s.signOut({ forgetAppSecret: true })
      expect(await secrets.get(secretKeys.appSecret('production'))).toBeNull()
    })

    it('a pasted token is verified, stored, and goes needs_sign_in when refused', async () => {
      const s = makeService()
      const t = fake.issueToken({ clientId: APP_ID })
      const view = await s.useToken({ token: t.accessToken, environment: 'sandbox' })
      expect(view).toMatchObject({
        status: 'connected',
        tokenSource: 'pasted',
        environment: 'sandbox',
        username: DEFAULT_USERNAME,
      })
      expect(s.accountKey()).toBe(`sandbox:${DEFAULT_USERNAME}`)
      await expect(
        s.useToken({ token: 'pina-not-a-real-token', environment: 'sandbox' }),
      ).rejects.toMatchObject({ kind: 'auth' })
      fake.expireAccessToken(t.accessToken)
      await expect(s.tokenProvider().refreshAccessToken()).rejects.toMatchObject({ kind: 'auth' })
      expect((await s.get()).status).toBe('needs_sign_in')
    })

    it('loadTokenProvider: PINLOAD_ACCESS_TOKEN wins, else the keychain account', async () => {
      await signedIn()
      const stored = (await loadTokenBundle(secrets, USER_KEY))!
      const fromKeychain = await loadTokenProvider({
        dataDir,
        env: { PINLOAD_API_BASE: fake.apiBase },
        secrets,
      })
      expect(fromKeychain?.accountKey).toBe(USER_KEY)
      await expect(fromKeychain!.provider.getAccessToken()).resolves.toBe(stored.accessToken)
      const viaEnv = await loadTokenProvider({
        dataDir,
        env: { PINLOAD_ACCESS_TOKEN: 'pina-env', PINLOAD_ENVIRONMENT: 'sandbox' },
        secrets,
      })
      expect(viaEnv).toMatchObject({ environment: 'sandbox', accountKey: 'sandbox' })
      await expect(viaEnv!.provider.getAccessToken()).resolves.toBe('pina-env')
      await expect(viaEnv!.provider.refreshAccessToken()).rejects.toMatchObject({ kind: 'auth' })
      const view = await makeService({ env: { PINLOAD_ACCESS_TOKEN: 'pina-env' } }).get()
      expect(view.tokenSource).toBe('env')
      expect(await loadTokenProvider({ dataDir, env: {}, secrets, environment: 'sandbox' })).toBeNull()
    })

    it('no secret leaves: data dir, output, views and errors hold no token and no app secret', async () => {
      const written: string[] = []
      const out = process.stdout.write.bind(process.stdout)
      const errOut = process.stderr.write.bind(process.stderr)
      const capture = (chunk: unknown) => {
        written.push(String(chunk))
        return true
      }
      process.stdout.write = capture
      process.stderr.write = capture
      const views: AccountView[] = []
      const errors: unknown[] = []
      try {
        const s = makeService()
        s.onChange((v) => views.push(v))
        views.push(await signedIn(s))
        const first = (await loadTokenBundle(secrets, USER_KEY))!
        await s.tokenProvider().refreshAccessToken()
        const second = (await loadTokenBundle(secrets, USER_KEY))!
        fake.expireRefreshToken(second.refreshToken!)
        errors.push(
          await s
            .tokenProvider()
            .refreshAccessToken()
            .catch((e: unknown) => e),
        )
        errors.push(
          await s.useToken({ token: first.accessToken, environment: 'production' }).catch((e: unknown) => e),
        )
        views.push(await s.get())
        const needles = [
          APP_SECRET,
          first.accessToken,
          first.refreshToken!,
          second.accessToken,
          second.refreshToken!,
        ]
        const haystack = [
          ...(await filesUnder(dataDir)),
          written.join(''),
          JSON.stringify(views),
          ...errors.map((e) => (e instanceof Error ? `${e.message} ${JSON.stringify(e)}` : String(e))),
        ].join('\n')
        expect(views.length).toBeGreaterThan(2)
        expect(errors.filter(Boolean).length).toBeGreaterThan(0)
        for (const needle of needles) expect(haystack.includes(needle), 'a secret leaked').toBe(false)
        expect(haystack).toContain(DEFAULT_USERNAME)
      } finally {
        process.stdout.write = out
        process.stderr.write = errOut
      }
    })
  },
)

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(await readFile(join(entry.parentPath, entry.name), 'utf8'))
  }
  expect(out.length).toBeGreaterThan(0)
  return out
}
