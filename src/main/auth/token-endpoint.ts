import { request } from 'undici'
import { redact as redactTokenShapes } from '../logging/logger'
import { type UserAccount } from '../pinterest/api-types'
import { ApiError } from '../pinterest/api-error'

/**
 * The three HTTP calls sign-in needs (code exchange, refresh, who-am-I), on undici directly so auth does not depend
 * on the API client's pool, governor or retries. Error messages carry Pinterest's words and code but never a token, code or secret: every
 * message goes through `redact` with the values of the call.
 */

/** What the token endpoint granted. Times are Unix ms computed from `now` at the moment the answer arrived. */
export interface TokenGrant {
  accessToken: string
  /** Absent when Pinterest did not send one (then the old refresh token stays valid). */
  refreshToken: string | null
  accessExpiresAt: number | null
  refreshExpiresAt: number | null
  scope: string | null
}

export interface HttpOptions {
  /** Base of the API including `/v5`, e.g. `https://api.pinterest.com/v5`. */
  apiBase: string
  /** Headers and body timeout in ms. Default 30 000. */
  timeoutMs?: number
  signal?: AbortSignal
  /** Clock in Unix ms. */
  now?: () => number
}

export interface ClientCredentials {
  clientId: string
  clientSecret: string
}

const DEFAULT_TIMEOUT_MS = 30_000

/** Exchanges an authorization code (with `continuous_refresh=true`, see docs/pinterest-api.md §1.6). */
export async function exchangeCode(
  opts: HttpOptions & ClientCredentials & { code: string; redirectUri: string },
): Promise<TokenGrant> {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: opts.code,
    redirect_uri: opts.redirectUri,
    continuous_refresh: 'true',
  })
  return tokenCall(opts, form, [opts.code])
}

/** Trades a refresh token for a new access token; the answer's refresh token replaces the old one (rotation). */
export async function refreshGrant(
  opts: HttpOptions & ClientCredentials & { refreshToken: string },
): Promise<TokenGrant> {
  const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: opts.refreshToken })
  return tokenCall(opts, form, [opts.refreshToken])
}

/** `GET /v5/user_account`: who the token belongs to. */
export async function fetchUserAccount(opts: HttpOptions & { accessToken: string }): Promise<UserAccount> {
  const secrets = [opts.accessToken]
  const res = await send(opts, `${opts.apiBase}/user_account`, {
    method: 'GET',
    headers: { authorization: `Bearer ${opts.accessToken}`, accept: 'application/json' },
  })
  const body = await readJson(res.body, secrets)
  if (res.statusCode >= 200 && res.statusCode < 300) {
    const obj = body as Record<string, unknown> | null
    const username = typeof obj?.username === 'string' ? obj.username : undefined
    if (username === undefined)
      throw new ApiError('transient', 'Pinterest answered user_account without a username.')
    return {
      username,
      ...(typeof obj?.id === 'string' ? { id: obj.id } : {}),
      ...(typeof obj?.account_type === 'string' ? { accountType: obj.account_type } : {}),
    }
  }
  throw errorFor(res.statusCode, body, res.headers, secrets, 'user')
}

async function tokenCall(
  opts: HttpOptions & ClientCredentials,
  form: URLSearchParams,
  extraSecrets: string[],
): Promise<TokenGrant> {
  const secrets = [opts.clientSecret, ...extraSecrets]
  const basic = Buffer.from(`${opts.clientId}:${opts.clientSecret}`).toString('base64')
  const res = await send(opts, `${opts.apiBase}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${basic}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: form.toString(),
  })
  const body = await readJson(res.body, secrets)
  if (res.statusCode < 200 || res.statusCode >= 300)
    throw errorFor(res.statusCode, body, res.headers, secrets, 'token')
  return parseGrant(body, (opts.now ?? Date.now)())
}

/** Parses a token answer; exported for tests. Times become absolute Unix ms relative to `nowMs`. */
export function parseGrant(body: unknown, nowMs: number): TokenGrant {
  const obj = (body ?? {}) as Record<string, unknown>
  if (typeof obj.access_token !== 'string' || obj.access_token.length === 0) {
    throw new ApiError('transient', 'Pinterest answered the token request without an access token.')
  }
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
  const expiresIn = num(obj.expires_in)
  const refreshIn = num(obj.refresh_token_expires_in)
  const refreshAt = num(obj.refresh_token_expires_at)
  return {
    accessToken: obj.access_token,
    refreshToken:
      typeof obj.refresh_token === 'string' && obj.refresh_token.length > 0 ? obj.refresh_token : null,
    accessExpiresAt: expiresIn === null ? null : nowMs + expiresIn * 1000,
    // `refresh_token_expires_at` is documented without a unit; Unix seconds is the reading that makes sense
    // (docs/pinterest-api.md §1.4). `_in` wins when both are present because it needs no such guess.
    refreshExpiresAt:
      refreshIn !== null ? nowMs + refreshIn * 1000 : refreshAt !== null ? refreshAt * 1000 : null,
    scope: typeof obj.scope === 'string' ? obj.scope : null,
  }
}

type RequestInit = NonNullable<Parameters<typeof request>[1]>

async function send(opts: HttpOptions, url: string, init: RequestInit) {
  const timeout = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS
  try {
    return await request(url, { ...init, signal: opts.signal, headersTimeout: timeout, bodyTimeout: timeout })
  } catch (error) {
    if (opts.signal?.aborted) throw new ApiError('cancelled', 'The request to Pinterest was cancelled.')
    const code = (error as { code?: unknown }).code
    const why = typeof code === 'string' ? code : error instanceof Error ? error.name : 'network error'
    throw new ApiError('transient', `Could not reach Pinterest (${why}). Check the connection and try again.`)
  }
}

async function readJson(body: { text(): Promise<string> }, secrets: string[]): Promise<unknown> {
  let text: string
  try {
    text = await body.text()
  } catch {
    throw new ApiError('transient', 'The connection to Pinterest broke while reading its answer.')
  }
  try {
    return JSON.parse(text) as unknown
  } catch {
    return { message: redact(text.slice(0, 200), secrets) }
  }
}

function errorFor(
  status: number,
  body: unknown,
  headers: Record<string, string | string[] | undefined>,
  secrets: string[],
  call: 'token' | 'user',
): ApiError {
  const obj = (body ?? {}) as Record<string, unknown>
  const code = typeof obj.code === 'number' ? obj.code : undefined
  const said = typeof obj.message === 'string' ? redact(obj.message.slice(0, 300), secrets) : ''
  const requestId = typeof headers['x-pinterest-rid'] === 'string' ? headers['x-pinterest-rid'] : undefined
  const details = { status, ...(code === undefined ? {} : { code }), ...(requestId ? { requestId } : {}) }
  const suffix = said ? `: ${said}` : ''
  if (status === 429) {
    const retry = Number(headers['retry-after'])
    return new ApiError('rate_limited', `Pinterest asked to slow down (429)${suffix}`, {
      ...details,
      ...(Number.isFinite(retry) && retry >= 0 ? { retryAfterMs: retry * 1000 } : {}),
    })
  }
  if (status >= 500) return new ApiError('transient', `Pinterest had a problem (${status})${suffix}`, details)
  if (call === 'user' && status === 403) {
    return new ApiError('permission', `Pinterest refused access to the account (403)${suffix}`, details)
  }
  if (status === 400 || status === 401 || status === 403) {
    return new ApiError(
      'auth',
      `Pinterest refused the sign-in (${status}${code ? `, code ${code}` : ''})${suffix}`,
      {
        ...details,
        fix: 'Sign in again with Pinterest.',
      },
    )
  }
  return new ApiError('transient', `Unexpected answer from Pinterest (${status})${suffix}`, details)
}

/**
 * Removes the given values (the call's code, secret, tokens: whatever their shape) and then, with the logger's
 * `redact`, anything shaped like a token or credential, so one marker and one set of shapes serve logs and errors.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text
  // Very short values would blank out ordinary words; a real code or secret is never this short.
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[REDACTED]')
  return redactTokenShapes(out)
}
