import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { FaultBook, RATE_LIMIT_MESSAGE, RateLimiter, SPAM_MESSAGE } from './faults'
import {
  bodyChunks,
  HttpError,
  newRequestId,
  readBody,
  redactAuthorization,
  send,
  sendError,
  sendJson,
  sendS3Error,
  type Ctx,
} from './http-util'
import { handleAuthorize, handleToken } from './oauth'
import { matchRoute, STAND_IN_IMAGES_PATH, type ApiRoute } from './router'
import type { ApiEnv } from './routes-read'
import { handleS3Upload, POLICY_EXPIRED } from './s3-upload'
import { STAND_IN_PNG } from './stand-in-image'
import { DEFAULT_USERNAME, FakeState, type StateConfig } from './state'
import type { FakePinterest, FakePinterestOptions, FaultRule, RecordedRequest } from './types'

export type * from './types'
export { DEFAULT_USERNAME } from './state'

/** JSON bodies up to this size are read whole: a 20 MB image is ~27 MB of base64. */
const MAX_JSON_BYTES = 64 * 1024 * 1024

const DEFAULT_CLIENT = {
  clientId: 'test-app-id',
  clientSecret: 'test-app-secret',
  redirectUris: ['http://localhost:8085/'],
}

/** Starts a fake Pinterest API v5 + S3 upload endpoint on 127.0.0.1. Close it in afterAll/afterEach. */
export async function startFakePinterest(opts: FakePinterestOptions = {}): Promise<FakePinterest> {
  const now = opts.now ?? Date.now
  const cfg: StateConfig = {
    clients: opts.clients ?? [DEFAULT_CLIENT],
    accessTokenTtlSec: opts.accessTokenTtlSec ?? 2_592_000,
    refreshTokenTtlSec: opts.refreshTokenTtlSec ?? 5_184_000,
    mediaProcessingMs: opts.mediaProcessingMs ?? 300,
    uploadPolicyTtlMs: opts.uploadPolicyTtlMs ?? 60 * 60 * 1000,
    now,
    username: opts.username ?? DEFAULT_USERNAME,
    imageBase: '',
  }
  let state = new FakeState(cfg)
  const requestListeners = new Set<(r: RecordedRequest) => void>()
  const faults = new FaultBook(opts.seed ?? 1)
  const limiter = new RateLimiter(
    opts.rateLimits === false
      ? false
      : {
          org_read: { limit: 1000, windowMs: 60_000 },
          org_write: { limit: 100, windowMs: 60_000 },
          ...opts.rateLimits,
        },
    now,
  )
  const spec = opts.spec ?? null
  const environment = opts.environment ?? 'production'
  const closing = new AbortController()
  let baseUrl = ''

  const violation = (method: string, path: string, errors: string[]): never => {
    state.specViolations.push({ method, path, errors })
    throw new HttpError(400, 1, `Invalid parameters: ${errors.join('; ')}`)
  }

  async function runApi(ctx: Ctx, route: ApiRoute, params: Record<string, string>): Promise<void> {
    for (const [name, value] of Object.entries(params)) {
      if (!/^\d+$/.test(value)) throw new HttpError(400, 1, `Invalid parameters: ${name} must be digits.`)
    }
    const grant = state.authenticate(ctx.req.headers.authorization)
    // What Pinterest answers here is not documented (docs/pinterest-api.md §1.4): a 401 naming the reason.
    if (grant.clientToken && !route.clientToken)
      throw new HttpError(
        401,
        2,
        'Authentication failed: this operation does not take a client_credentials token; sign in as the user.',
      )
    state.requireScopes(grant, route.scopes)
    if (limiter.hit(route.category, `${grant.clientId}:${grant.username}`))
      throw new HttpError(429, 8, RATE_LIMIT_MESSAGE)
    const env: ApiEnv = {
      state,
      grant,
      params,
      environment,
      trialApp: opts.trialApp ?? false,
      uploadUrl: `${baseUrl}/s3-upload/`,
      imageBase: cfg.imageBase,
      jsonBody: async () => {
        const raw = await readBody(ctx, MAX_JSON_BYTES)
        let value: unknown
        try {
          value = JSON.parse(raw.toString('utf8'))
        } catch {
          throw new HttpError(400, 1, 'Invalid parameters: the body is not valid JSON.')
        }
        const errors = spec?.validateBody(route.method, route.template, value)
        if (errors && errors.length > 0) violation(route.method, ctx.url.pathname, errors)
        return value
      },
    }
    await route.run(ctx, env)
  }

  /** Applies a fault; true when it answered (or killed) the request itself. */
  async function applyFault(ctx: Ctx, action: FaultRule['action'], category: string): Promise<boolean> {
    switch (action.type) {
      case 'status':
        if (category === 's3')
          await sendS3Error(
            ctx,
            action.status,
            action.status >= 500 ? 'InternalError' : 'InvalidRequest',
            action.message ?? 'Injected fault.',
          )
        else
          await sendError(
            ctx,
            action.status,
            action.code ?? (action.status >= 500 ? 0 : 1),
            action.message ?? 'Injected fault.',
            action.headers,
          )
        return true
      case 'rate_limit': {
        const headers: Record<string, string> = {}
        if (action.retryAfterSec !== undefined) headers['retry-after'] = String(action.retryAfterSec)
        if (action.rateLimitHeaders) {
          headers['x-ratelimit-limit'] = '100'
          headers['x-ratelimit-remaining'] = '0'
          headers['x-ratelimit-reset'] = String(action.retryAfterSec ?? 60)
        }
        await sendError(ctx, 429, 8, RATE_LIMIT_MESSAGE, headers)
        return true
      }
      case 'spam':
        // The quickstart reads message_detail, then message, looking for "spam"
        // (docs/pinterest-api.md §6.2).
        await sendJson(ctx, 429, { code: 8, message: SPAM_MESSAGE, message_detail: SPAM_MESSAGE })
        return true
      case 'reset': {
        const limit = action.afterBytes ?? 0
        if (limit > 0) {
          for await (const _chunk of bodyChunks(ctx)) {
            if (ctx.record.bytesReceived >= limit) break
          }
        }
        ctx.socket.destroy()
        return true
      }
      case 'delay':
        try {
          await sleep(action.ms, undefined, { signal: closing.signal })
        } catch {
          ctx.socket.destroy()
          return true
        }
        return false
      case 'reset_after_commit':
        ctx.dropAnswer = true
        return false
      case 'policy_expired':
        await sendS3Error(ctx, POLICY_EXPIRED.status, POLICY_EXPIRED.code, POLICY_EXPIRED.message)
        return true
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl)
    const method = (req.method ?? 'GET').toUpperCase()
    const { route, params, wrongMethod } = matchRoute(method, url.pathname)
    const category = route?.category ?? 'other'
    const record: RecordedRequest = {
      seq: state.requests.length + 1,
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      category,
      status: 0,
      bytesReceived: 0,
      chunked: /chunked/i.test(req.headers['transfer-encoding'] ?? ''),
      time: now(),
      requestId: newRequestId(),
      authorization: redactAuthorization(req.headers.authorization),
      fault: null,
      answerDropped: false,
    }
    state.requests.push(record)
    for (const l of requestListeners) l(record)
    const ctx: Ctx = { req, res, socket: req.socket, url, record, dropAnswer: false, bodyDone: false }
    req.on('error', () => undefined)
    try {
      const action = faults.pick(method, url.pathname, category)
      if (action) {
        record.fault = action.type
        if (await applyFault(ctx, action, category)) return
      }
      if (!route) {
        if (wrongMethod) throw new HttpError(405, 1, `Method ${method} not allowed on ${url.pathname}.`)
        throw new HttpError(404, 1, `Not found: ${url.pathname}.`)
      }
      switch (route.kind) {
        case 'api':
          return await runApi(ctx, route, params)
        case 'oauth-authorize':
          return await handleAuthorize(ctx, state)
        case 'oauth-token': {
          const client = /^Basic /.test(req.headers.authorization ?? '')
            ? req.headers.authorization!
            : 'anonymous'
          if (limiter.hit('org_read', client)) throw new HttpError(429, 8, RATE_LIMIT_MESSAGE)
          const validateForm = spec
            ? (fields: Record<string, string>) => {
                const errors = spec.validateBody(
                  'post',
                  '/oauth/token',
                  fields,
                  'application/x-www-form-urlencoded',
                )
                if (errors && errors.length > 0) violation(method, url.pathname, errors)
              }
            : undefined
          return await handleToken(ctx, state, validateForm)
        }
        case 's3':
          return await handleS3Upload(ctx, state)
        case 'stand-in-image':
          return await send(ctx, 200, { 'content-type': 'image/png' }, STAND_IN_PNG)
        case 'not-implemented':
          // Explicit, so a client calling an operation the fake lacks is not told its data is missing.
          throw new HttpError(
            501,
            501,
            `${method} /v5${route.template} is in Pinterest API v5 but not implemented in Pinload's stand-in.`,
          )
      }
    } catch (err) {
      if (res.headersSent || ctx.socket.destroyed) return
      if (err instanceof HttpError) {
        if (category === 's3') return await sendS3Error(ctx, err.status, 'InvalidRequest', err.message)
        return await sendError(ctx, err.status, err.code, err.message, err.headers)
      }
      console.error('fake-pinterest: handler crashed', err)
      return await sendError(ctx, 500, 0, `Internal error in the fake: ${String(err)}`)
    }
  }

  const server = createServer({ requestTimeout: 0 }, (req, res) => {
    void handle(req, res)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  cfg.imageBase = `${baseUrl}${STAND_IN_IMAGES_PATH}`

  return {
    baseUrl,
    apiBase: `${baseUrl}/v5`,
    oauthBase: `${baseUrl}/oauth/`,
    uploadUrl: `${baseUrl}/s3-upload/`,
    async close() {
      closing.abort()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
    issueToken(o) {
      const t = state.issueToken(o)
      return { accessToken: t.accessToken, refreshToken: t.refreshToken }
    },
    addBoard: (input) => state.addBoard(input),
    addSection: (boardId, name) => state.addSection(boardId, name),
    get pins() {
      return state.pins
    },
    get boards() {
      return state.boards
    },
    get media() {
      return state.mediaRecords.map((m) => state.mediaView(m))
    },
    get requests() {
      return state.requests
    },
    onRequest(listener) {
      requestListeners.add(listener)
      return () => requestListeners.delete(listener)
    },
    get specViolations() {
      return state.specViolations
    },
    faults: {
      add: (rule) => faults.add(rule),
      clear: () => faults.clear(),
    },
    failMedia(which) {
      if (which === 'next') {
        state.failNextMedia = true
        return
      }
      const m = state.mediaRecords.find((r) => r.media_id === which)
      if (!m) throw new Error(`failMedia: no media ${which}`)
      m.willFail = true
    },
    denyNextAuthorization() {
      state.denyNextAuthorization = true
    },
    signInBrowserAs(username) {
      state.browserUser = username
    },
    expireAccessToken(token) {
      const g = state.accessTokens.get(token)
      if (g) g.expiresAtMs = now() - 1
    },
    removePin(pinId) {
      const i = state.pins.findIndex((p) => p.id === pinId)
      if (i < 0) return false
      state.pins.splice(i, 1)
      return true
    },
    setPinMetrics(pinId, metrics) {
      const pin = state.pins.find((p) => p.id === pinId)
      if (!pin) throw new Error(`setPinMetrics: no Pin ${pinId}`)
      pin.metrics = { impression: 0, save: 0, pin_click: 0, outbound_click: 0, ...pin.metrics, ...metrics }
    },
    refusePinUpdates(refuse) {
      state.pinUpdatesRefused = refuse
    },
    expireRefreshToken(token) {
      const g = state.refreshTokens.get(token)
      if (g) g.expiresAtMs = now() - 1
    },
    reset() {
      state = new FakeState(cfg)
      faults.clear()
      limiter.reset()
    },
  }
}
