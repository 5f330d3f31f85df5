import { AppError } from '../../shared/ipc/result'
import {
  buildAuthorizeUrl,
  newState,
  OAuthFlowError,
  redirectUriFor,
  startLoopbackListener,
  type OpenExternal,
} from './oauth-loopback'

export interface BrowserSignInOptions {
  clientId: string
  port: number
  scope: string
  oauthBase: string
  openExternal: OpenExternal
  timeoutMs?: number
  signal?: AbortSignal
}

/**
 * Starts the listener, opens the authorize page, waits for the code and hands it to `exchange` (the token
 * exchange and whatever must succeed with it). The browser's page says "connected" only once `exchange`
 * resolved, and says it did not finish when it threw. The listener is up before the browser opens, so a fast
 * approval cannot arrive at a closed port; the opener is not awaited before the code, since a browser (or a test
 * playing one) may wait for the page, which waits for the exchange.
 */
export async function authorizeInBrowser<T>(
  opts: BrowserSignInOptions,
  exchange: (code: string, redirectUri: string) => Promise<T>,
): Promise<T> {
  const state = newState()
  const listener = await startLoopbackListener({
    port: opts.port,
    state,
    ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
    ...(opts.signal ? { signal: opts.signal } : {}),
  })
  const redirectUri = redirectUriFor(listener.port)
  const url = buildAuthorizeUrl({
    oauthBase: opts.oauthBase,
    clientId: opts.clientId,
    redirectUri,
    scope: opts.scope,
    state,
  })
  let openFailed = false
  void Promise.resolve()
    .then(() => opts.openExternal(url))
    .catch(() => {
      openFailed = true
      listener.close()
    })
  const code = await listener.code.catch((e: unknown) => {
    throw openFailed
      ? new OAuthFlowError('provider_error', 'Could not open the browser for the Pinterest sign-in.')
      : e
  })
  try {
    const result = await exchange(code, redirectUri)
    listener.reply({ ok: true })
    return result
  } catch (e) {
    listener.reply({ ok: false, message: failureText(e) })
    throw e
  }
}

/** What the page says went wrong: an AppError's message is written for people; anything else is not shown. */
function failureText(e: unknown): string {
  return e instanceof AppError ? e.message : 'Pinload could not finish the sign-in.'
}
