import type { Environment } from '../../shared/domain'
import { ApiError, type TokenProvider } from '../pinterest/api-types'
import { isKeychainUnavailable, type SecretStore } from '../secrets/secret-store'
import { loadTokenBundle, saveTokenBundle, type TokenBundle } from './token-bundle'
import { refreshGrant, type ClientCredentials } from './token-endpoint'

/** Refresh the access token when it has less than this left of its 30 days: 3 days, in ms. */
export const DEFAULT_REFRESH_BEFORE_MS = 3 * 24 * 3600 * 1000
/** Warn the user when the refresh token has less than this left of its 60 days: 7 days, in ms. */
export const REFRESH_TOKEN_WARN_MS = 7 * 24 * 3600 * 1000
/** How often the shell's timer checks for a due refresh: 1 hour, in ms. */
export const DEFAULT_REFRESH_CHECK_MS = 3600 * 1000
/** After a failed proactive refresh (network), wait this long before trying again on the next call: 1 minute. */
const PROACTIVE_RETRY_MS = 60_000

export const SIGN_IN_AGAIN_FIX = 'Sign in again in Pinload (Account → Connect), or run `pinload login`.'

export interface TokenRefresherOptions {
  secrets: SecretStore
  environment: Environment
  apiBase: string
  /** The app's id and secret for the refresh call; null when they are not saved. */
  credentials(): Promise<ClientCredentials | null>
  /** Clock in Unix ms. */
  now?: () => number
  fetchTimeoutMs?: number
  /** ms before access-token expiry at which a refresh is due; default 3 days. */
  refreshBeforeMs?: number
  /** Called after the rotated bundle is safely in the keychain. */
  onRefreshed?(bundle: TokenBundle): void | Promise<void>
  /** Called once when the sign-in is dead for good (invalid grant, no refresh possible). */
  onSignInNeeded?(reason: string): void | Promise<void>
}

/**
 * Keeps one environment's access token alive. Every refresh is single-flight (concurrent callers share it), and the
 * rotated refresh token is written to the keychain before anyone receives the new access token, because Pinterest
 * kills the old refresh token the moment it answers.
 */
export class TokenRefresher implements TokenProvider {
  private bundle: TokenBundle | null | undefined
  private inflight: Promise<string> | null = null
  private deadReason: string | null = null
  private lastProactiveFailure = -Infinity
  private timer: NodeJS.Timeout | undefined
  private readonly now: () => number
  private readonly refreshBeforeMs: number

  constructor(private readonly opts: TokenRefresherOptions) {
    this.now = opts.now ?? Date.now
    this.refreshBeforeMs = opts.refreshBeforeMs ?? DEFAULT_REFRESH_BEFORE_MS
  }

  getAccessToken(): Promise<string> {
    return this.keychainAsAuth(() => this.accessToken())
  }

  /** Forces a refresh (after a 401). Throws ApiError('auth') when the sign-in is dead, 'transient' on network trouble. */
  refreshAccessToken(): Promise<string> {
    if (this.deadReason !== null) return Promise.reject(this.authError(this.deadReason))
    this.inflight ??= this.keychainAsAuth(() => this.refresh()).finally(() => {
      this.inflight = null
    })
    return this.inflight
  }

  private async accessToken(): Promise<string> {
    if (this.deadReason !== null) throw this.authError(this.deadReason)
    const bundle = await this.current()
    if (bundle === null) throw notSignedIn()
    if (this.due(bundle) && this.now() - this.lastProactiveFailure >= PROACTIVE_RETRY_MS) {
      try {
        return await this.refreshAccessToken()
      } catch (error) {
        const stillValid = bundle.accessExpiresAt === null || bundle.accessExpiresAt > this.now()
        if (error instanceof ApiError && error.kind !== 'auth' && stillValid) {
          // A network failure must not stop uploads while the current token still works.
          this.lastProactiveFailure = this.now()
          return bundle.accessToken
        }
        throw error
      }
    }
    if (bundle.refreshToken === null && bundle.accessExpiresAt !== null && bundle.accessExpiresAt <= this.now()) {
      await this.markDead('The saved Pinterest token has expired and cannot be renewed.')
      throw this.authError(this.deadReason ?? '')
    }
    return bundle.accessToken
  }

  /** After a new sign-in or sign-out: forget the cached bundle and the dead state. */
  reset(bundle?: TokenBundle | null): void {
    this.bundle = bundle
    this.deadReason = null
    this.lastProactiveFailure = -Infinity
  }

  /** True once the sign-in is known dead (until `reset`). */
  get needsSignIn(): boolean {
    return this.deadReason !== null
  }

  /** One timer tick: refreshes when due; failures are recorded, never thrown (the next call reports them). */
  async checkNow(): Promise<void> {
    if (this.deadReason !== null) return
    try {
      const bundle = await this.current()
      if (bundle !== null && this.due(bundle)) await this.refreshAccessToken()
    } catch {
      this.lastProactiveFailure = this.now()
    }
  }

  /** Starts the background check (the shell calls this); unref'd so it never keeps a process alive. */
  start(intervalMs = DEFAULT_REFRESH_CHECK_MS): void {
    this.stop()
    this.timer = setInterval(() => void this.checkNow(), intervalMs)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
  }

  private async current(): Promise<TokenBundle | null> {
    if (this.bundle === undefined) this.bundle = await loadTokenBundle(this.opts.secrets, this.opts.environment)
    return this.bundle
  }

  private due(bundle: TokenBundle): boolean {
    return (
      bundle.refreshToken !== null &&
      bundle.accessExpiresAt !== null &&
      bundle.accessExpiresAt - this.now() <= this.refreshBeforeMs
    )
  }

  private async refresh(): Promise<string> {
    const { secrets, environment } = this.opts
    const known = this.bundle
    // Re-read: another Pinload process (app or CLI) sharing this keychain may have rotated the tokens already.
    const stored = await loadTokenBundle(secrets, environment)
    if (stored === null) {
      this.bundle = null
      throw notSignedIn()
    }
    if (known && stored.accessToken !== known.accessToken && !this.due(stored)) {
      this.bundle = stored
      return stored.accessToken
    }
    if (stored.refreshToken === null) {
      await this.markDead('Pinterest refused the saved token, and a pasted or environment token cannot be renewed.')
      throw this.authError(this.deadReason ?? '')
    }
    const credentials = await this.opts.credentials()
    if (credentials === null) {
      await this.markDead('The app secret is not saved, so Pinload cannot renew the sign-in.')
      throw this.authError(this.deadReason ?? '')
    }
    let grant
    try {
      grant = await refreshGrant({
        apiBase: this.opts.apiBase,
        ...credentials,
        refreshToken: stored.refreshToken,
        now: this.now,
        ...(this.opts.fetchTimeoutMs === undefined ? {} : { timeoutMs: this.opts.fetchTimeoutMs }),
      })
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'auth') {
        const again = await loadTokenBundle(secrets, environment)
        if (again !== null && again.refreshToken !== stored.refreshToken) {
          this.bundle = again
          return again.accessToken
        }
        await this.markDead(`Pinterest no longer accepts the saved sign-in (${error.message}).`)
        throw this.authError(this.deadReason ?? '', error.details)
      }
      throw error
    }
    const next: TokenBundle = {
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken ?? stored.refreshToken,
      accessExpiresAt: grant.accessExpiresAt,
      refreshExpiresAt: grant.refreshToken !== null ? grant.refreshExpiresAt : (grant.refreshExpiresAt ?? stored.refreshExpiresAt),
      scope: grant.scope ?? stored.scope,
    }
    // Memory first: if the keychain write fails, this session still holds the only live refresh token.
    this.bundle = next
    await saveTokenBundle(secrets, environment, next)
    await this.opts.onRefreshed?.(next)
    return next.accessToken
  }

  /**
   * The API client understands ApiError only: a locked or missing keychain becomes 'auth' (the queue pauses the
   * account) with the keychain's own plain message. It is not a dead sign-in: unlocking the keychain heals it.
   */
  private async keychainAsAuth(op: () => Promise<string>): Promise<string> {
    try {
      return await op()
    } catch (error) {
      if (!isKeychainUnavailable(error)) throw error
      throw new ApiError('auth', error.message, { fix: 'Unlock the system keychain, or set PINLOAD_ACCESS_TOKEN.' })
    }
  }

  private async markDead(reason: string): Promise<void> {
    if (this.deadReason !== null) return
    this.deadReason = reason
    await this.opts.onSignInNeeded?.(reason)
  }

  private authError(reason: string, details: ApiError['details'] = {}): ApiError {
    return new ApiError('auth', `${reason} ${SIGN_IN_AGAIN_FIX}`.trim(), { ...details, fix: SIGN_IN_AGAIN_FIX })
  }
}

function notSignedIn(): ApiError {
  return new ApiError('auth', `Pinload is not signed in to Pinterest. ${SIGN_IN_AGAIN_FIX}`, { fix: SIGN_IN_AGAIN_FIX })
}
