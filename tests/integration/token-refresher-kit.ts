/** The token endpoint stand-in, keychain and clock the TokenRefresher tests share. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach } from 'vitest'
import { type CrossProcessLock } from '../../src/main/auth/refresh-lock'
import { type TokenBundle } from '../../src/main/auth/token-bundle'
import { TokenRefresher } from '../../src/main/auth/token-refresher'
import { type Logger } from '../../src/main/logging/logger'
import { KeychainUnavailableError, MemorySecretStore } from '../../src/main/secrets/secret-store'

export const DAY = 24 * 3600 * 1000
export const NOW = 1_800_000_000_000

/** A minimal token endpoint: rotates refresh tokens like Pinterest (old one → 400 code 283). */
export class TokenStub {
  server!: Server
  base = ''
  live = new Set(['pinr-0'])
  calls = 0
  serial = 0
  /** Delay before answering, ms (to make concurrent callers overlap). */
  delayMs = 30
  fail: null | { status: number; body: unknown } = null
  /** When set, every answer waits for it too: a test holds a call open until it releases it. */
  gate: Promise<void> | null = null
  /** Answers sent so far (the stub answers after `calls` counts the request). */
  replies = 0
  private replyWaiters: { n: number; resolve: () => void }[] = []

  /** Resolves once `n` answers have been sent. */
  replied(n: number): Promise<void> {
    if (this.replies >= n) return Promise.resolve()
    return new Promise((resolve) => this.replyWaiters.push({ n, resolve }))
  }

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
    if (this.gate) await this.gate
    const reply = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json))
      this.replies += 1
      for (const w of this.replyWaiters.filter((x) => x.n <= this.replies)) w.resolve()
      this.replyWaiters = this.replyWaiters.filter((x) => x.n > this.replies)
    }
    if (this.fail) return reply(this.fail.status, this.fail.body)
    if (req.headers.authorization !== `Basic ${Buffer.from('app:secret').toString('base64')}`)
      return reply(401, { code: 2, message: 'Authentication failed.' })
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

/** A keychain whose token writes can be slow (a D-Bus round trip) or refused (locked for a moment). */
export class FlakyStore extends MemorySecretStore {
  setDelayMs = 0
  refuseWrites = 0

  override async set(key: string, value: string): Promise<void> {
    if (this.setDelayMs > 0) await sleep(this.setDelayMs)
    if (this.refuseWrites > 0 && key.endsWith(':tokens')) {
      this.refuseWrites -= 1
      throw new KeychainUnavailableError('locked for a moment')
    }
    return super.set(key, value)
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** What every refresher test starts from; fresh before each test (see `useRefresherWorld`). */
export interface RefresherWorld {
  stub: TokenStub
  secrets: FlakyStore
  /** The refresher's clock, Unix ms: a test moves it forward. */
  clock: number
  deadReasons: string[]
  refreshed: TokenBundle[]
}

export const world = {} as RefresherWorld

/** Registers the hooks that give each test a fresh token endpoint, keychain and clock. */
export function useRefresherWorld(): void {
  beforeEach(async () => {
    world.stub = new TokenStub()
    await world.stub.start()
    world.secrets = new FlakyStore()
    world.clock = NOW
    world.deadReasons = []
    world.refreshed = []
  })
  afterEach(async () => {
    await world.stub.close()
  })
}

export function bundle(over: Partial<TokenBundle> = {}): TokenBundle {
  return {
    accessToken: 'pina-0',
    refreshToken: 'pinr-0',
    accessExpiresAt: NOW + 20 * DAY,
    refreshExpiresAt: NOW + 50 * DAY,
    scope: 'boards:read',
    ...over,
  }
}

export function refresher(
  opts: {
    apiBase?: string
    credentials?: boolean
    lock?: CrossProcessLock
    adoptWaitMs?: number
    logger?: Logger
  } = {},
) {
  const { secrets, stub, refreshed, deadReasons } = world
  return new TokenRefresher({
    secrets,
    accountKey: 'production',
    apiBase: opts.apiBase ?? stub.base,
    now: () => world.clock,
    fetchTimeoutMs: 2000,
    adoptWaitMs: opts.adoptWaitMs ?? 200,
    ...(opts.lock ? { lock: opts.lock } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
    credentials: async () =>
      opts.credentials === false ? null : { clientId: 'app', clientSecret: 'secret' },
    onRefreshed: (b) => void refreshed.push(b),
    onSignInNeeded: (reason) => void deadReasons.push(reason),
  })
}
