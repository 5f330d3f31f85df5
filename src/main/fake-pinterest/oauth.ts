import { randomBytes } from 'node:crypto'
import { HttpError, readBody, send, sendHtml, sendJson, type Ctx } from './http-util'
import { ALL_SCOPES, type FakeState } from './state'

const CODE_TTL_MS = 10 * 60 * 1000
const INVALID_GRANT = 'The authorization grant is invalid'

/**
 * GET /oauth/ — the browser authorize page. Auto-approves. Refusals are 400 HTML pages naming the problem:
 * Pinterest shows an error page (not a redirect) for an unknown client or unregistered redirect_uri
 * (docs/pinterest-api.md §1.3); for the other parameters it is silent, and an error page is the safe
 * reading.
 */
export async function handleAuthorize(ctx: Ctx, state: FakeState): Promise<void> {
  const q = ctx.url.searchParams
  // The official quickstart still sends the legacy name consumer_id (docs/pinterest-api.md §1.2, notes).
  const clientId = q.get('client_id') || q.get('consumer_id')
  const client = state.cfg.clients.find((c) => c.clientId === clientId)
  if (!clientId || !client)
    return sendHtml(ctx, 400, 'Invalid client_id', `Unknown client_id "${clientId ?? ''}".`)
  const redirectUri = q.get('redirect_uri')
  if (!redirectUri || !client.redirectUris.includes(redirectUri)) {
    return sendHtml(
      ctx,
      400,
      'Invalid redirect_uri',
      `The provided redirect_uri "${redirectUri ?? ''}" does not match any of the registered redirect URIs.`,
    )
  }
  if (q.get('response_type') !== 'code') {
    return sendHtml(
      ctx,
      400,
      'Invalid response_type',
      `response_type must be "code", got "${q.get('response_type') ?? ''}".`,
    )
  }
  const stateParam = q.get('state')
  if (!stateParam) return sendHtml(ctx, 400, 'Missing state', 'The state parameter is required.')
  const scopes = (q.get('scope') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  if (scopes.length === 0)
    return sendHtml(ctx, 400, 'Missing scope', 'The scope parameter is required (comma-separated).')
  const unknown = scopes.filter((s) => !ALL_SCOPES.includes(s))
  if (unknown.length > 0)
    return sendHtml(ctx, 400, 'Invalid scope', `Unknown scope(s): ${unknown.join(', ')}.`)

  const target = new URL(redirectUri)
  if (state.denyNextAuthorization) {
    state.denyNextAuthorization = false
    target.searchParams.set('error', 'access_denied')
  } else {
    const code = randomBytes(20).toString('hex')
    state.codes.set(code, {
      clientId,
      redirectUri,
      scopes,
      username: state.browserUser ?? state.cfg.username,
      used: false,
      expiresAtMs: state.cfg.now() + CODE_TTL_MS,
    })
    target.searchParams.set('code', code)
  }
  target.searchParams.set('state', stateParam)
  return send(ctx, 302, { location: target.toString() }, '')
}

function clientFromBasic(header: string | undefined, state: FakeState) {
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? '')
  if (!m) return undefined
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8')
  const i = decoded.indexOf(':')
  if (i < 0) return undefined
  const id = decoded.slice(0, i)
  const secret = decoded.slice(i + 1)
  return state.cfg.clients.find((c) => c.clientId === id && c.clientSecret === secret)
}

/** POST /v5/oauth/token — HTTP Basic client auth, form body; code exchange and rotating refresh. */
export async function handleToken(
  ctx: Ctx,
  state: FakeState,
  validateForm?: (fields: Record<string, string>) => void,
): Promise<void> {
  const client = clientFromBasic(ctx.req.headers.authorization, state)
  if (!client)
    throw new HttpError(401, 2, 'Authentication failed.', { 'www-authenticate': 'Basic realm="Pinterest"' })
  const type = (ctx.req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  const raw = await readBody(ctx, 64 * 1024)
  if (type !== 'application/x-www-form-urlencoded') {
    throw new HttpError(400, 1, 'Invalid parameters: the body must be application/x-www-form-urlencoded.')
  }
  const fields = Object.fromEntries(new URLSearchParams(raw.toString('utf8')))
  validateForm?.(fields)
  const now = state.cfg.now()
  const need = (name: string): string => {
    const v = fields[name]
    if (!v) throw new HttpError(400, 1, `Invalid parameters: ${name} is required.`)
    return v
  }

  switch (fields.grant_type) {
    case 'authorization_code': {
      const code = state.codes.get(need('code'))
      const redirectUri = need('redirect_uri')
      if (
        !code ||
        code.used ||
        code.clientId !== client.clientId ||
        code.expiresAtMs <= now ||
        code.redirectUri !== redirectUri
      ) {
        throw new HttpError(400, 283, INVALID_GRANT)
      }
      code.used = true
      // continuous_refresh=true is accepted and changes nothing: every refresh token here is continuous
      // (docs/pinterest-api.md §1.6).
      const t = state.issueToken({ clientId: client.clientId, scopes: code.scopes, username: code.username })
      return sendJson(ctx, 200, tokenBody(t, now, 'authorization_code'))
    }
    case 'refresh_token': {
      const old = state.refreshTokens.get(need('refresh_token'))
      if (!old || !old.valid || old.clientId !== client.clientId || old.expiresAtMs <= now) {
        throw new HttpError(400, 283, INVALID_GRANT)
      }
      let scopes = old.scopes
      if (fields.scope) {
        const asked = fields.scope.split(/[ ,]+/).filter(Boolean)
        const extra = asked.filter((s) => !old.scopes.includes(s))
        if (extra.length > 0)
          throw new HttpError(400, 1, `Invalid parameters: scope(s) not granted: ${extra.join(', ')}.`)
        scopes = asked
      }
      // Continuous refresh rotates: the old refresh token stops working the moment a new one is handed out.
      old.valid = false
      const t = state.issueToken({ clientId: client.clientId, scopes, username: old.username })
      return sendJson(ctx, 200, tokenBody(t, now, 'refresh_token'))
    }
    case 'client_credentials': {
      // A token for the app owner's own account, for the scopes asked; no refresh token
      // (docs/pinterest-api.md §1.4; spec OauthAccessTokenResponseClientCredentials).
      const scopes = need('scope').split(/[ ,]+/).filter(Boolean)
      const unknown = scopes.filter((s) => !ALL_SCOPES.includes(s))
      if (scopes.length === 0 || unknown.length > 0)
        throw new HttpError(
          400,
          1,
          `Invalid parameters: scope must list known scopes (unknown: ${unknown.join(', ') || 'none given'}).`,
        )
      const t = state.issueClientToken(client.clientId, client.owner ?? state.cfg.username, scopes)
      return sendJson(ctx, 200, {
        access_token: t.accessToken,
        token_type: 'bearer',
        expires_in: t.accessTtlSec,
        scope: t.scopes.join(','),
        response_type: 'client_credentials',
      })
    }
    default:
      throw new HttpError(400, 1, `Invalid parameters: unsupported grant_type "${fields.grant_type ?? ''}".`)
  }
}

function tokenBody(
  t: {
    accessToken: string
    refreshToken: string
    accessTtlSec: number
    refreshTtlSec: number
    scopes: string[]
  },
  nowMs: number,
  responseType: 'authorization_code' | 'refresh_token',
) {
  return {
    access_token: t.accessToken,
    token_type: 'bearer',
    expires_in: t.accessTtlSec,
    scope: t.scopes.join(','),
    refresh_token: t.refreshToken,
    refresh_token_expires_in: t.refreshTtlSec,
    // Unix seconds: the spec only says "integer"; seconds match expires_in's unit.
    refresh_token_expires_at: Math.floor(nowMs / 1000) + t.refreshTtlSec,
    response_type: responseType,
  }
}
