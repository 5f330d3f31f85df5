import { createHash, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AppError, type IpcErrorKind } from '../../shared/ipc/result'
import { OAUTH_SCOPES, OAUTH_SECRET_SCOPES } from '../../shared/limits'
import { OAUTH_AUTHORIZE_URL } from '../../shared/pinterest-urls'
import { page } from './oauth-page'

/**
 * The browser half of sign-in: a one-shot HTTP listener on the loopback (127.0.0.1 and ::1) that waits for Pinterest's redirect with
 * `code` and `state`. Pinterest offers no PKCE (docs/pinterest-api.md §1.2), so `state` is the only CSRF defence here and
 * the code is useless without the app secret, which never reaches the browser.
 */

/** Default time the user has to approve in the browser: 5 minutes, in ms. */
const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60 * 1000

/** The exact string to register on the Pinterest app and to send as `redirect_uri` (character for character). */
export function redirectUriFor(port: number): string {
  return `http://localhost:${port}/`
}

/** A fresh CSRF state: 256 random bits, base64url. */
export function newState(): string {
  return randomBytes(32).toString('base64url')
}

/** Comma-separated scopes (Pinterest joins with `,`), with the secret-board scopes only when the user opted in. */
export function scopesFor(secretBoards: boolean): string {
  return [...OAUTH_SCOPES, ...(secretBoards ? OAUTH_SECRET_SCOPES : [])].join(',')
}

/** `PINLOAD_OAUTH_BASE` (a test or a proxy) or Pinterest's authorize page. */
export function resolveOAuthBase(env: NodeJS.ProcessEnv): string {
  const fromEnv = env.PINLOAD_OAUTH_BASE?.trim()
  return fromEnv ? fromEnv : OAUTH_AUTHORIZE_URL
}

export function buildAuthorizeUrl(opts: {
  oauthBase: string
  clientId: string
  redirectUri: string
  scope: string
  state: string
}): string {
  const url = new URL(opts.oauthBase)
  url.searchParams.set('client_id', opts.clientId)
  url.searchParams.set('redirect_uri', opts.redirectUri)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('scope', opts.scope)
  url.searchParams.set('state', opts.state)
  return url.toString()
}

export type OAuthFlowFailure = 'port_in_use' | 'timeout' | 'cancelled' | 'denied' | 'provider_error'

const FAILURE_KIND: Record<OAuthFlowFailure, IpcErrorKind> = {
  port_in_use: 'conflict',
  timeout: 'cancelled',
  cancelled: 'cancelled',
  denied: 'auth',
  provider_error: 'auth',
}

/** Why the browser half of sign-in ended without a code. Crosses IPC as an AppError with `code` = the reason. */
export class OAuthFlowError extends AppError {
  constructor(
    readonly reason: OAuthFlowFailure,
    message: string,
  ) {
    super(FAILURE_KIND[reason], message, reason)
    this.name = 'OAuthFlowError'
  }
}

export interface LoopbackOptions {
  /** Registered port; 0 picks a free one (tests). */
  port: number
  /** The state sent in the authorize URL; anything else is refused. */
  state: string
  /** ms before giving up; default 5 minutes. */
  timeoutMs?: number
  /** ms the browser's page waits for `reply` once the code came; default 2 minutes. */
  replyTimeoutMs?: number
  signal?: AbortSignal
}

export interface LoopbackListener {
  /** The bound port (the real one when 0 was asked). */
  readonly port: number
  /** The 127.0.0.1 server, for tests that check the bound address. */
  readonly server: Server
  /** Every server of the flow: 127.0.0.1, and ::1 where the machine has IPv6 loopback. */
  readonly servers: readonly Server[]
  /**
   * Resolves with the authorization code; rejects with OAuthFlowError. Settles once. The browser's request
   * that brought the code waits for `reply`: the page may say "connected" only once the code was exchanged.
   */
  readonly code: Promise<string>
  /** Answers the browser that brought the code with how sign-in ended, then stops listening. */
  reply(outcome: SignInOutcome): void
  /** Stops listening and drops every connection; the pending `code` rejects as cancelled. */
  close(): void
}

/** How sign-in ended after the code arrived, for the page the browser shows. */
type SignInOutcome = { ok: true } | { ok: false; message: string }

/** How long the browser's page waits for `reply` before it says to look in Pinload: 2 minutes, in ms. */
const DEFAULT_REPLY_TIMEOUT_MS = 2 * 60 * 1000

/**
 * Binds the listener on the loopback only (never 0.0.0.0 or ::, so nothing on the network can post a code). The
 * redirect says `localhost`, which a browser may resolve to ::1 first: so ::1 is bound too, or another program
 * listening there on the same port would receive the code.
 */
export async function startLoopbackListener(opts: LoopbackOptions): Promise<LoopbackListener> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS
  if (opts.signal?.aborted) throw new OAuthFlowError('cancelled', 'Sign-in was cancelled.')

  let settle: { resolve(code: string): void; reject(error: OAuthFlowError): void } | undefined
  const code = new Promise<string>((resolve, reject) => {
    settle = { resolve, reject }
  })
  // The caller may never await `code` if opening the browser fails; the rejection must not become unhandled.
  code.catch(() => undefined)
  let done = false
  const clock: { timer?: NodeJS.Timeout; reply?: NodeJS.Timeout } = {}

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    if (done) {
      // A second callback (a reload, a replayed link) cannot change the outcome.
      page(res, 200, 'Pinload', 'This sign-in is already finished. You can close this tab.')
      return
    }
    const outcome = handleCallback(req, res, opts.state)
    if (outcome === null) return
    if (outcome.ok) {
      held = res
      finish(null, outcome.code)
      // Whoever took the code may never reply (a crash in the exchange): the page must not wait for ever.
      clock.reply = setTimeout(() => answer(STILL_WORKING), opts.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS)
      clock.reply.unref()
    } else finish(outcome.error, undefined, res)
  }
  let servers: Server[] = []
  /** The browser's request that brought the code, waiting for `reply`. */
  let held: ServerResponse | undefined

  const shutdown = (): void => {
    for (const server of servers) {
      server.close()
      server.closeAllConnections()
    }
  }
  const afterPage = (res: ServerResponse): void => {
    // Close only once the page has been handed to the socket, so the browser still gets it.
    if (!res.writableFinished) res.once('finish', shutdown).once('close', shutdown)
    else shutdown()
  }
  /** Writes the page for the held request (once) and stops listening. */
  const answer = (p: { status: number; title: string; text: string }): void => {
    clearTimeout(clock.reply)
    const res = held
    held = undefined
    if (!res) return
    page(res, p.status, p.title, p.text)
    afterPage(res)
  }

  const finish = (error: OAuthFlowError | null, value: string | undefined, res?: ServerResponse): void => {
    if (done) {
      // A cancel after the code came: the waiting page must not be left spinning.
      if (error?.reason === 'cancelled') answer(CANCELLED_PAGE)
      return
    }
    done = true
    clearTimeout(clock.timer)
    opts.signal?.removeEventListener('abort', onAbort)
    if (res) afterPage(res)
    else if (!held) shutdown()
    if (error) settle?.reject(error)
    else settle?.resolve(value ?? '')
  }
  const onAbort = (): void => finish(new OAuthFlowError('cancelled', 'Sign-in was cancelled.'), undefined)

  servers = await listenOnLoopback(opts.port, onRequest)
  const [server] = servers as [Server, ...Server[]]
  // An abort while binding came before the abort listener below: it would be missed.
  if (opts.signal?.aborted) {
    const cancelled = new OAuthFlowError('cancelled', 'Sign-in was cancelled.')
    finish(cancelled, undefined)
    throw cancelled
  }

  clock.timer = setTimeout(() => {
    const minutes = Math.round(timeoutMs / 60_000)
    const span =
      minutes >= 1 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${Math.round(timeoutMs / 1000)} s`
    finish(
      new OAuthFlowError(
        'timeout',
        `Pinterest did not send the sign-in back within ${span}. Start the sign-in again and approve Pinload in the browser.`,
      ),
      undefined,
    )
  }, timeoutMs)
  // The open listeners keep the process alive while the flow runs; the timer alone must not.
  clock.timer.unref()
  opts.signal?.addEventListener('abort', onAbort, { once: true })

  return {
    port: (server.address() as AddressInfo).port,
    server,
    servers,
    code,
    reply: (outcome) =>
      answer(
        outcome.ok
          ? {
              status: 200,
              title: 'Pinload is connected',
              text: 'Pinload is connected — you can close this tab.',
            }
          : {
              status: 200,
              title: 'Sign-in did not finish',
              text: `${outcome.message} Go back to Pinload and try again.`,
            },
      ),
    close: () => finish(new OAuthFlowError('cancelled', 'Sign-in was cancelled.'), undefined),
  }
}

const STILL_WORKING = {
  status: 200,
  title: 'Pinload is finishing the sign-in',
  text: 'Go back to Pinload to see whether it is connected.',
}
const CANCELLED_PAGE = {
  status: 200,
  title: 'Sign-in cancelled',
  text: 'The sign-in was cancelled in Pinload. You can close this tab.',
}

/** Errors that mean "this machine has no IPv6 loopback": then 127.0.0.1 alone is all a browser can reach. */
const NO_IPV6 = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT', 'EPROTONOSUPPORT'])
/** With port 0 the ::1 side may find the port 127.0.0.1 got taken there: try a few other free ports. */
const RANDOM_PORT_ATTEMPTS = 5

/** Binds 127.0.0.1 then ::1 on the same port; a port taken on either is the port-in-use error. */
async function listenOnLoopback(
  port: number,
  onRequest: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<Server[]> {
  for (let attempt = 1; ; attempt++) {
    const v4 = await bind(createServer(onRequest), '127.0.0.1', port)
    if (v4.error) throw listenError(port, v4.error)
    const bound = (v4.server.address() as AddressInfo).port
    const v6 = await bind(createServer(onRequest), '::1', bound)
    if (!v6.error) return [v4.server, v6.server]
    if (NO_IPV6.has(v6.error.code ?? '')) return [v4.server]
    v4.server.close()
    if (port === 0 && v6.error.code === 'EADDRINUSE' && attempt < RANDOM_PORT_ATTEMPTS) continue
    throw listenError(port === 0 ? bound : port, v6.error)
  }
}

async function bind(
  server: Server,
  host: string,
  port: number,
): Promise<{ server: Server; error?: NodeJS.ErrnoException }> {
  server.keepAliveTimeout = 1000
  const error = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
    server.once('error', resolve)
    server.listen({ host, port, exclusive: true }, () => resolve(undefined))
  })
  server.removeAllListeners('error')
  // A socket error after listening (a client resetting) must not crash the process.
  server.on('error', () => undefined)
  return error ? { server, error } : { server }
}

function listenError(port: number, error: NodeJS.ErrnoException): OAuthFlowError {
  if (error.code === 'EADDRINUSE' || error.code === 'EACCES') {
    return new OAuthFlowError(
      'port_in_use',
      `Port ${port} is already in use on this computer (or not allowed), so Pinload cannot receive ` +
        `Pinterest's answer. Close the program using port ${port}, or choose another port in Pinload and ` +
        `register http://localhost:PORT/ with that port on your Pinterest app.`,
    )
  }
  return new OAuthFlowError(
    'provider_error',
    `Could not start the sign-in listener (${error.code ?? 'error'}).`,
  )
}

type CallbackOutcome = { ok: true; code: string } | { ok: false; error: OAuthFlowError } | null

/** Answers one request; returns null when the flow goes on (wrong path, wrong state). */
function handleCallback(req: IncomingMessage, res: ServerResponse, state: string): CallbackOutcome {
  const url = new URL(req.url ?? '/', 'http://localhost')
  if (req.method !== 'GET' || url.pathname !== '/') {
    page(res, 404, 'Not found', 'Nothing here.')
    return null
  }
  const q = url.searchParams
  if (!sameState(q.get('state'), state)) {
    // A forged or stale link must not end the sign-in the user is really doing in another tab.
    page(
      res,
      400,
      'Sign-in link not recognised',
      'This link does not belong to the sign-in Pinload started. Go back to Pinload and start the sign-in again.',
    )
    return null
  }
  const error = q.get('error')
  if (error !== null) {
    const denied = error === 'access_denied'
    page(
      res,
      200,
      denied ? 'Access not granted' : 'Sign-in failed',
      'You can close this tab and return to Pinload.',
    )
    const message = denied
      ? 'You did not allow Pinload to access your Pinterest account. Sign in again and choose Allow to connect.'
      : `Pinterest ended the sign-in with an error (${error.slice(0, 60)}). Try again.`
    return { ok: false, error: new OAuthFlowError(denied ? 'denied' : 'provider_error', message) }
  }
  const code = q.get('code')
  if (!code) {
    page(
      res,
      400,
      'Sign-in failed',
      'Pinterest did not send a sign-in code. Go back to Pinload and try again.',
    )
    return {
      ok: false,
      error: new OAuthFlowError('provider_error', 'Pinterest returned without a sign-in code. Try again.'),
    }
  }
  // No page yet: it waits for the code's exchange (LoopbackListener.reply).
  return { ok: true, code }
}

function sameState(got: string | null, expected: string): boolean {
  if (got === null) return false
  // Compare digests so the comparison takes the same time whatever the prefix match.
  const a = createHash('sha256').update(got).digest()
  const b = createHash('sha256').update(expected).digest()
  return a.equals(b)
}

/** Opens a URL in the user's browser: Electron's `shell.openExternal`, the CLI's printer/opener, or a test fetcher. */
export type OpenExternal = (url: string) => Promise<void> | void
