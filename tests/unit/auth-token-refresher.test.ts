import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadTokenBundle, saveTokenBundle, type TokenBundle } from '../../src/main/auth/token-bundle'
import { TokenRefresher } from '../../src/main/auth/token-refresher'
import { ApiError } from '../../src/main/pinterest/api-types'
import { MemorySecretStore } from '../../src/main/secrets/secret-store'

const DAY = 24 * 3600 * 1000
const NOW = 1_800_000_000_000

/** A minimal token endpoint: rotates refresh tokens like Pinterest (old one → 400 code 283). */
class TokenStub {
  server!: Server
  base = ''
  live = new Set(['pinr-0'])
  calls = 0
  serial = 0
  /** Delay before answering, ms (to make concurrent callers overlap). */
  delayMs = 30
  fail: null | { status: number; body: unknown } = null

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v5`
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = ''
    for await (const chunk of req) body += String(chunk)
    this.calls += 1
    await new Promise((r) => setTimeout(r, this.delayMs))
    const reply = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json))
    }
    if (this.fail) return reply(this.fail.status, this.fail.body)
    if (req.headers.authorization !== `Basic ${Buffer.from('app:secret').toString('base64')}`) return reply(401, { code: 2, message: 'Authentication failed.' })
    const form = new URLSearchParams(body)
    const old = form.get('refresh_token') ?? ''
    if (form.get('grant_type') !== 'refresh_token' || !this.live.delete(old)) {
      return reply(400, { code: 283, message: 'The authorization grant is invalid' })
    }
    this.serial += 1
    const refresh = `pinr-${this.serial}`
    this.live.add(refresh)
    reply(200, {
      access_token: `pina-${this.serial}`,
      refresh_token: refresh,
      expires_in: 30 * 86400,
      refresh_token_expires_in: 60 * 86400,
      scope: 'boards:read,pins:write',
    })
  }

  close(): Promise<void> {
    this.server.closeAllConnections()
    return new Promise((resolve) => this.server.close(() => resolve()))
  }
}

let stub: TokenStub
let secrets: MemorySecretStore
let clock: number
let deadReasons: string[]
let refreshed: TokenBundle[]

beforeEach(async () => {
  stub = new TokenStub()
  await stub.start()
  secrets = new MemorySecretStore()
  clock = NOW
  deadReasons = []
  refreshed = []
})
afterEach(async () => {
  await stub.close()
})

function bundle(over: Partial<TokenBundle> = {}): TokenBundle {
  return { accessToken: 'pina-0', refreshToken: 'pinr-0', accessExpiresAt: NOW + 20 * DAY, refreshExpiresAt: NOW + 50 * DAY, scope: 'boards:read', ...over }
}

function refresher(opts: { apiBase?: string; credentials?: boolean } = {}) {
  return new TokenRefresher({
    secrets,
    environment: 'production',
    apiBase: opts.apiBase ?? stub.base,
    now: () => clock,
    fetchTimeoutMs: 2000,
    credentials: async () => (opts.credentials === false ? null : { clientId: 'app', clientSecret: 'secret' }),
    onRefreshed: (b) => void refreshed.push(b),
    onSignInNeeded: (reason) => void deadReasons.push(reason),
  })
}

describe('TokenRefresher', () => {
  it('returns the stored token while it has more than 3 days left', async () => {
    await saveTokenBundle(secrets, 'production', bundle())
    await expect(refresher().getAccessToken()).resolves.toBe('pina-0')
    expect(stub.calls).toBe(0)
  })

  it('refreshes proactively within 3 days of expiry and stores the rotated token before answering', async () => {
    await saveTokenBundle(secrets, 'production', bundle({ accessExpiresAt: NOW + 2 * DAY }))
    const r = refresher()
    await expect(r.getAccessToken()).resolves.toBe('pina-1')
    const stored = await loadTokenBundle(secrets, 'production')
    expect(stored).toMatchObject({ accessToken: 'pina-1', refreshToken: 'pinr-1', accessExpiresAt: NOW + 30 * DAY, refreshExpiresAt: NOW + 60 * DAY })
    expect(refreshed).toHaveLength(1)
    expect(stub.live.has('pinr-0')).toBe(false)
  })

  it('shares one refresh among concurrent callers and writes the rotation in one keychain write', async () => {
    await saveTokenBundle(secrets, 'production', bundle())
    const r = refresher()
    await r.getAccessToken()
    const writesBefore = secrets.writes
    const tokens = await Promise.all(Array.from({ length: 6 }, () => r.refreshAccessToken()))
    expect(new Set(tokens)).toEqual(new Set(['pina-1']))
    expect(stub.calls).toBe(1)
    expect(secrets.writes - writesBefore).toBe(1)
    // The next forced refresh is a new flight with the rotated token.
    await expect(r.refreshAccessToken()).resolves.toBe('pina-2')
    expect((await loadTokenBundle(secrets, 'production'))?.refreshToken).toBe('pinr-2')
  })

  it('turns an invalid grant (283) into needs-sign-in and ApiError auth, once', async () => {
    await saveTokenBundle(secrets, 'production', bundle({ refreshToken: 'pinr-dead' }))
    const r = refresher()
    const error = await r.refreshAccessToken().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ kind: 'auth', details: { code: 283, fix: expect.stringMatching(/^Sign in again/) as string } })
    expect(r.needsSignIn).toBe(true)
    expect(deadReasons).toHaveLength(1)
    await expect(r.getAccessToken()).rejects.toMatchObject({ kind: 'auth' })
    expect(stub.calls).toBe(1)
    expect(String((error as Error).message)).not.toContain('pinr-dead')
  })

  it('a network failure during refresh is transient, not a sign-out', async () => {
    await saveTokenBundle(secrets, 'production', bundle())
    const r = refresher({ apiBase: 'http://127.0.0.1:1/v5' })
    await expect(r.refreshAccessToken()).rejects.toMatchObject({ kind: 'transient' })
    expect(r.needsSignIn).toBe(false)
    expect(deadReasons).toEqual([])
  })

  it('a server error during a proactive refresh keeps the still-valid token', async () => {
    await saveTokenBundle(secrets, 'production', bundle({ accessExpiresAt: NOW + DAY }))
    stub.fail = { status: 503, body: { code: 1, message: 'down' } }
    const r = refresher()
    await expect(r.getAccessToken()).resolves.toBe('pina-0')
    expect(r.needsSignIn).toBe(false)
    // No retry storm: the next call within a minute does not call Pinterest again.
    await r.getAccessToken()
    expect(stub.calls).toBe(1)
  })

  it('a pasted token (no refresh token) cannot be renewed: 401 → needs sign-in', async () => {
    await saveTokenBundle(secrets, 'production', bundle({ refreshToken: null, accessExpiresAt: null, refreshExpiresAt: null }))
    const r = refresher()
    await expect(r.getAccessToken()).resolves.toBe('pina-0')
    await expect(r.refreshAccessToken()).rejects.toMatchObject({ kind: 'auth' })
    expect(deadReasons).toHaveLength(1)
    expect(stub.calls).toBe(0)
  })

  it('adopts a rotation another process already stored instead of spending the dead refresh token', async () => {
    await saveTokenBundle(secrets, 'production', bundle())
    const r = refresher()
    await r.getAccessToken()
    // Another Pinload process refreshed meanwhile.
    await saveTokenBundle(secrets, 'production', bundle({ accessToken: 'pina-other', refreshToken: 'pinr-other' }))
    await expect(r.refreshAccessToken()).resolves.toBe('pina-other')
    expect(stub.calls).toBe(0)
  })

  it('without the app secret the sign-in cannot be renewed', async () => {
    await saveTokenBundle(secrets, 'production', bundle())
    await expect(refresher({ credentials: false }).refreshAccessToken()).rejects.toMatchObject({ kind: 'auth' })
  })

  it('not signed in → ApiError auth', async () => {
    await expect(refresher().getAccessToken()).rejects.toMatchObject({ kind: 'auth' })
  })

  it('checkNow refreshes when due and never throws', async () => {
    await saveTokenBundle(secrets, 'production', bundle({ accessExpiresAt: NOW + DAY }))
    const r = refresher()
    await r.checkNow()
    expect((await loadTokenBundle(secrets, 'production'))?.accessToken).toBe('pina-1')
    stub.fail = { status: 400, body: { code: 283, message: 'The authorization grant is invalid' } }
    clock += 28 * DAY
    await expect(r.checkNow()).resolves.toBeUndefined()
    expect(r.needsSignIn).toBe(true)
  })
})
