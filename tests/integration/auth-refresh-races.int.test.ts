import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { profileOf, readAccountFile } from '../../src/main/auth/account-file'
import { AccountService } from '../../src/main/auth/account-service'
import { loadTokenBundle } from '../../src/main/auth/token-bundle'
import {
  KeychainUnavailableError,
  KeyringSecretStore,
  type SecretStore,
} from '../../src/main/secrets/secret-store'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { startHoldingProxy, type HoldingProxy, type ProxiedRequest } from '../support/holding-proxy'
import { clearAccountSecrets, realKeyring, USER_KEY } from '../support/keychain'
import { freePort } from '../support/net'

const SKIP = 'skipped: no Secret Service session: run under scripts/with-keyring.sh'
if (!realKeyring) console.warn(`auth-refresh-races: ${SKIP}`)

const ROOT = resolve(import.meta.dirname, '../..')
const APP_ID = 'race-app'
const APP_SECRET = `race-secret-${randomBytes(6).toString('hex')}`
const SERVICE = `PinloadTest-race-${process.pid}-${randomBytes(4).toString('hex')}`

/** The real keychain, with token writes that can be slowed down (a busy D-Bus) or refused (locked for a moment). */
class TroubledKeychain implements SecretStore {
  readonly inner = new KeyringSecretStore({ service: SERVICE })
  setDelayMs = 0
  refuseTokenWrites = 0

  get(key: string): Promise<string | null> {
    return this.inner.get(key)
  }

  async set(key: string, value: string): Promise<void> {
    if (this.setDelayMs > 0) await new Promise((r) => setTimeout(r, this.setDelayMs))
    if (this.refuseTokenWrites > 0 && key.endsWith(':tokens')) {
      this.refuseTokenWrites -= 1
      throw new KeychainUnavailableError('locked for a moment')
    }
    return this.inner.set(key, value)
  }

  delete(key: string): Promise<void> {
    return this.inner.delete(key)
  }
}

let fake: FakePinterest
/** In front of the fake's API: holds the refresh a sign-out or new sign-in must win over until the test lets it go. */
let proxy: HoldingProxy
let port: number
let dataDir: string
let secrets: TroubledKeychain
let services: AccountService[]

const browser = async (url: string): Promise<void> => {
  await (await fetch(url, { redirect: 'follow' })).text()
}

function make(): AccountService {
  const s = new AccountService({
    dataDir,
    secrets,
    env: {},
    openExternal: browser,
    apiBaseFor: () => `${proxy.origin}/v5`,
    oauthBase: fake.oauthBase,
    fetchTimeoutMs: 5000,
    signInTimeoutMs: 10_000,
  })
  services.push(s)
  return s
}

async function signedIn(): Promise<AccountService> {
  const s = make()
  await s.saveApp({
    appId: APP_ID,
    appSecret: APP_SECRET,
    port,
    environment: 'production',
    secretBoards: false,
  })
  await s.connect()
  return s
}

/** The refresh's token call; the sign-in's code exchange goes to the same path with another grant. */
const isRefresh = (r: ProxiedRequest) =>
  r.path === '/v5/oauth/token' && new URLSearchParams(r.body).get('grant_type') === 'refresh_token'
const refreshCalls = () => fake.requests.filter((r) => r.path === '/v5/oauth/token').length
const profile = async () => profileOf(await readAccountFile(dataDir), 'production')
const stored = () => loadTokenBundle(secrets, USER_KEY)

describe.skipIf(!realKeyring)(
  realKeyring ? 'refresh races with the real keychain' : `refresh races with the real keychain (${SKIP})`,
  () => {
    beforeAll(async () => {
      port = await freePort()
      fake = await startFakePinterest({
        clients: [
          { clientId: APP_ID, clientSecret: APP_SECRET, redirectUris: [`http://localhost:${port}/`] },
        ],
      })
      proxy = await startHoldingProxy(fake.baseUrl)
    })
    afterAll(async () => {
      await proxy?.close()
      await fake?.close()
    })
    beforeEach(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'pinload-races-'))
      secrets = new TroubledKeychain()
      services = []
    })
    afterEach(async () => {
      for (const s of services) s.dispose()
      fake.reset()
      await clearAccountSecrets(secrets.inner, [USER_KEY])
      await rm(dataDir, { recursive: true, force: true })
    })

    it('a sign-out while a refresh waits for Pinterest leaves no token anywhere, and no token is handed out', async () => {
      const s = await signedIn()
      const held = proxy.hold(isRefresh)
      const inflight = s
        .tokenProvider()
        .refreshAccessToken()
        .then(
          () => 'resolved with a token',
          (e: unknown) => e,
        )
      // The refresh's token call has reached Pinterest, which has not answered: the sign-out comes now.
      await held.arrived
      const view = await s.signOut()
      expect(view.status).toBe('signed_out')
      expect(await inflight).toMatchObject({ kind: 'auth' })
      // The refresh let go of the call; Pinterest still rotates the old grant, and that answer reaches no one.
      await held.abandoned
      held.release()
      expect(await held.answered).toBe(200)
      expect(await stored()).toBeNull()
      const after = await profile()
      expect(after.status).toBe('signed_out')
      expect(after.accessExpiresAt).toBeUndefined()
      await expect(s.tokenProvider().getAccessToken()).rejects.toMatchObject({ kind: 'auth' })
      expect((await s.get()).status).toBe('signed_out')
    })

    it("a new sign-in while the old sign-in's refresh waits for Pinterest is kept", async () => {
      const s = await signedIn()
      const old = (await stored())!
      const held = proxy.hold(isRefresh)
      const inflight = s.tokenProvider().refreshAccessToken()
      // Only once the old sign-in's refresh is at Pinterest does the new sign-in start (a fixed wait here let a
      // busy machine send the sign-in's own calls first, so the refresh finished before the sign-in began).
      await held.arrived
      await s.connect()
      const fresh = (await stored())!
      expect(fresh.refreshToken).not.toBe(old.refreshToken)
      await expect(inflight).resolves.toBe(fresh.accessToken)
      // Pinterest answers the old sign-in's refresh only now: the answer is dropped, the new sign-in stays.
      await held.abandoned
      held.release()
      expect(await held.answered).toBe(200)
      expect(await stored()).toEqual(fresh)
      await expect(s.tokenProvider().getAccessToken()).resolves.toBe(fresh.accessToken)
    })

    it('a keychain that refuses the rotated tokens: the session keeps working through reloads and stores them later', async () => {
      const s = await signedIn()
      const before = (await stored())!
      secrets.refuseTokenWrites = 2
      const first = await s.tokenProvider().refreshAccessToken()
      expect(first).not.toBe(before.accessToken)
      // account.json changed (another process): the app reloads; the retry on reload is refused too.
      await s.reload()
      await expect(s.tokenProvider().getAccessToken()).resolves.toBe(first)
      expect((await stored())!.refreshToken).toBe(before.refreshToken)
      // The next refresh stores the held rotation, then spends its live refresh token (the stored one is dead).
      const second = await s.tokenProvider().refreshAccessToken()
      expect(second).not.toBe(first)
      expect((await stored())!.accessToken).toBe(second)
      expect((await s.get()).status).toBe('connected')
      const log = await readFile(join(dataDir, 'logs', 'pinload.log'), 'utf8')
      expect(log).toMatch(/could not save the renewed Pinterest sign-in/)
      for (const secret of [APP_SECRET, before.accessToken, before.refreshToken!, first, second])
        expect(log).not.toContain(secret)
    })

    it('the app and a command refreshing at once, with slow keychain writes: both go on, the account stays connected', async () => {
      const app = await signedIn()
      const cli = make()
      secrets.setDelayMs = 20
      const calls = refreshCalls()
      const [a, b] = await Promise.allSettled([
        app.tokenProvider().refreshAccessToken(),
        cli.tokenProvider().refreshAccessToken(),
      ])
      expect([a.status, b.status]).toEqual(['fulfilled', 'fulfilled'])
      // One rotation: the second waited for the lock and took the first one's tokens.
      expect(refreshCalls() - calls).toBe(1)
      const now = (await stored())!
      expect(a.status === 'fulfilled' && a.value).toBe(now.accessToken)
      expect(b.status === 'fulfilled' && b.value).toBe(now.accessToken)
      expect((await profile()).status).toBe('connected')
      expect((await app.get()).status).toBe('connected')
      expect((await cli.get()).status).toBe('connected')
    })

    it('a refresh in another process at the same moment: one rotation, both get the live token', async () => {
      const app = await signedIn()
      const script = join(dataDir, 'other-process.mts')
      await writeFile(
        script,
        `
import { createInterface } from 'node:readline'
import { KeyringSecretStore } from ${JSON.stringify(join(ROOT, 'src/main/secrets/secret-store.ts'))}
import { loadTokenProvider } from ${JSON.stringify(join(ROOT, 'src/main/auth/token-source.ts'))}
const loaded = await loadTokenProvider({ dataDir: process.env.RACE_DATA_DIR!, env: { PINLOAD_API_BASE: process.env.RACE_API_BASE }, secrets: new KeyringSecretStore({ service: process.env.RACE_SERVICE }) })
// Holds the current token first, as a command in the middle of its uploads does.
const before = await loaded!.provider.getAccessToken()
const lines = createInterface({ input: process.stdin })
console.log('ready')
for await (const line of lines) if (line === 'go') break
const after = await loaded!.provider.refreshAccessToken().catch((e: Error) => 'error: ' + e.message)
console.log(JSON.stringify({ changed: after !== before, failed: after.startsWith('error: ') ? after : null }))
process.exit(0)
`,
      )
      await app.tokenProvider().getAccessToken()
      const calls = refreshCalls()
      const env = {
        ...process.env,
        RACE_DATA_DIR: dataDir,
        RACE_API_BASE: fake.apiBase,
        RACE_SERVICE: SERVICE,
      }
      const child = spawn(process.execPath, ['--import', 'tsx', script], {
        env,
        cwd: ROOT,
        stdio: ['pipe', 'pipe', 'inherit'],
      })
      const out: string[] = []
      const ready = new Promise<void>((resolve) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out.push(String(chunk))
          if (out.join('').includes('ready\n')) resolve()
        })
      })
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
      await ready
      // The first token call waits, so the other one surely arrives while it is open.
      fake.faults.add({ match: { category: 'oauth' }, times: 1, action: { type: 'delay', ms: 300 } })
      child.stdin.write('go\n')
      const mine = await app.tokenProvider().refreshAccessToken()
      expect(await exited).toBe(0)
      const stdout = out.join('')
      const theirs = JSON.parse(stdout.trim().split('\n').pop()!) as {
        changed: boolean
        failed: string | null
      }
      expect(theirs.failed).toBeNull()
      expect(theirs.changed).toBe(true)
      expect(refreshCalls() - calls).toBe(1)
      expect((await stored())!.accessToken).toBe(mine)
      expect((await profile()).status).toBe('connected')
      expect(stdout).not.toContain(mine)
    })
  },
)
