import { silentLogger, type Logger } from '../logging/logger'
import { type TokenProvider } from '../pinterest/api-types'
import { ApiError } from '../pinterest/api-error'
import { isKeychainUnavailable } from '../secrets/secret-store'
import type { LockRelease } from './refresh-lock'
import {
  DEFAULT_ADOPT_WAIT_MS,
  DEFAULT_REFRESH_BEFORE_MS,
  notSignedIn,
  SIGN_IN_AGAIN_FIX,
  type TokenRefresherOptions,
} from './refresh-settings'
import { RotationKeeper, type SignInState } from './rotation-keeper'
import { loadTokenBundle, type TokenBundle } from './token-bundle'
import { refreshGrant } from './token-endpoint'

/** After a failed proactive refresh (network), wait this long before trying again on the next call: 1 minute. */
const PROACTIVE_RETRY_MS = 60_000

/** What one locked refresh attempt came to; the rest is decided after the lock is released. */
type Attempt = { token: string } | { superseded: true } | { refused: ApiError; refreshToken: string }

/**
 * Keeps one account's access token alive. Every refresh is single-flight (concurrent callers share it) and runs
 * under a cross-process lock. Pinterest kills the old refresh token the moment it answers, so the rotated bundle is
 * kept in memory until the keychain has taken it, and a sign-out or new sign-in during a refresh wins over it.
 */
export class TokenRefresher implements TokenProvider {
  private readonly state: SignInState = { bundle: undefined, unsaved: null, generation: 0 }
  private readonly keeper: RotationKeeper
  /** The tokens a dead sign-in died with (see markDead). */
  private deadTokens: readonly string[] = []
  private readonly closing = new AbortController()
  private abortRefresh: AbortController | null = null
  private inflight: Promise<string> | null = null
  private deadReason: string | null = null
  private lastProactiveFailure = -Infinity
  private readonly now: () => number
  private readonly refreshBeforeMs: number
  private readonly logger: Logger

  constructor(private readonly opts: TokenRefresherOptions) {
    this.now = opts.now ?? Date.now
    this.refreshBeforeMs = opts.refreshBeforeMs ?? DEFAULT_REFRESH_BEFORE_MS
    this.logger = opts.logger ?? silentLogger
    this.keeper = new RotationKeeper(this.state, {
      secrets: opts.secrets,
      accountKey: opts.accountKey,
      logger: this.logger,
      now: this.now,
      adoptWaitMs: opts.adoptWaitMs ?? DEFAULT_ADOPT_WAIT_MS,
      acquireLock: (waitMs) => this.acquireLock(waitMs),
      closing: this.closing.signal,
      onRefreshed: async (bundle) => {
        await opts.onRefreshed?.(bundle)
      },
    })
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
    await this.keeper.retrySave(false)
    const bundle = await this.current()
    if (bundle === null) throw notSignedIn()
    if (this.due(bundle) && this.now() - this.lastProactiveFailure >= PROACTIVE_RETRY_MS) {
      try {
        return await this.refreshAccessToken()
      } catch (error) {
        const stillValid = bundle.accessExpiresAt === null || bundle.accessExpiresAt > this.now()
        if (
          error instanceof ApiError &&
          error.kind !== 'auth' &&
          stillValid &&
          this.state.bundle === bundle
        ) {
          // A network failure must not stop uploads while the current token still works.
          this.lastProactiveFailure = this.now()
          return bundle.accessToken
        }
        throw error
      }
    }
    if (
      bundle.refreshToken === null &&
      bundle.accessExpiresAt !== null &&
      bundle.accessExpiresAt <= this.now()
    ) {
      await this.markDead('The saved Pinterest token has expired and cannot be renewed.')
      throw this.authError(this.deadReason ?? '')
    }
    return bundle.accessToken
  }

  /**
   * A new sign-in or a sign-out in this process: it supersedes everything held, including a refresh in flight (its
   * answer is dropped, never stored) and a rotation the keychain has not taken yet.
   */
  reset(bundle?: TokenBundle | null): void {
    this.state.generation += 1
    this.deadTokens = []
    this.abortRefresh?.abort()
    this.abortRefresh = null
    this.state.bundle = bundle
    this.state.unsaved = null
    this.deadReason = null
    this.lastProactiveFailure = -Infinity
  }

  /**
   * Another process changed the account: read the keychain again on the next call. A rotation the keychain has not
   * taken yet is kept (it holds the only live refresh token); it is checked against the keychain right away.
   */
  async reload(): Promise<void> {
    if (this.deadReason !== null) {
      // This process's own "needs sign-in" write to account.json comes back here too: only a sign-in stored since
      // (another refresh token, or none at all) lifts it.
      const stored = await loadTokenBundle(this.opts.secrets, this.opts.accountKey).catch(() => undefined)
      if (
        stored === undefined ||
        (stored !== null && this.deadTokens.includes(stored.refreshToken ?? stored.accessToken))
      )
        return
    }
    if (this.state.unsaved === null) this.state.bundle = undefined
    this.deadReason = null
    this.lastProactiveFailure = -Infinity
    await this.keeper.retrySave(true).catch(() => undefined)
  }

  /** True once the sign-in is known dead (until `reset` or `reload`). */
  get needsSignIn(): boolean {
    return this.deadReason !== null
  }

  /** True while a rotated token is held only in memory because the keychain refused it. */
  get hasUnsavedTokens(): boolean {
    return this.state.unsaved !== null
  }

  /** One timer tick: refreshes when due; failures are recorded, never thrown (the next call reports them). */
  async checkNow(): Promise<void> {
    if (this.deadReason !== null) return
    try {
      await this.keeper.retrySave(false)
      const bundle = await this.current()
      if (bundle !== null && this.due(bundle)) await this.refreshAccessToken()
    } catch {
      this.lastProactiveFailure = this.now()
    }
  }

  /**
   * The process is quitting: stop waiting for the lock and for another process's rotation (nothing was sent then).
   * A token call already out is left to finish, so a rotation Pinterest made is still stored.
   */
  dispose(): void {
    this.closing.abort()
  }

  private async current(): Promise<TokenBundle | null> {
    if (this.state.bundle === undefined) {
      const generation = this.state.generation
      const loaded = await loadTokenBundle(this.opts.secrets, this.opts.accountKey)
      // A sign-in or sign-out during the read has set the bundle already.
      if (generation === this.state.generation && this.state.bundle === undefined) this.state.bundle = loaded
    }
    return this.state.bundle ?? null
  }

  private async currentToken(): Promise<string> {
    const bundle = await this.current()
    if (bundle === null) throw notSignedIn()
    return bundle.accessToken
  }

  private due(bundle: TokenBundle): boolean {
    return (
      bundle.refreshToken !== null &&
      bundle.accessExpiresAt !== null &&
      bundle.accessExpiresAt - this.now() <= this.refreshBeforeMs
    )
  }

  private async refresh(): Promise<string> {
    const generation = this.state.generation
    // What this process works with now: a different bundle in the keychain later means someone else renewed it.
    const known = await this.current()
    const release = await this.acquireLock()
    if (release === null) {
      if (generation !== this.state.generation) return this.currentToken()
      throw new ApiError(
        'transient',
        'Another Pinload process is renewing the Pinterest sign-in and has not finished. Try again in a minute.',
      )
    }
    let attempt: Attempt
    try {
      attempt = await this.refreshLocked(generation, known)
    } finally {
      await release()
    }
    // A sign-out or new sign-in while the lock was being released wins too: until this refresh resolves, it must
    // not hand out the sign-in it was started for.
    if ('token' in attempt && generation === this.state.generation) return attempt.token
    if ('token' in attempt || 'superseded' in attempt) return this.currentToken()
    // Pinterest refused the refresh token. Another process may have rotated it without the lock (an older
    // Pinload, a lock taken over as stale): its bundle reaches the keychain within moments.
    // Not the refused token, nor the one a held rotation replaced (dead too).
    const dead = [attempt.refreshToken, this.state.unsaved?.base].filter(
      (t): t is string => typeof t === 'string',
    )
    const adopted = await this.keeper.adoptRotation(dead, generation)
    if (adopted !== null) return adopted
    if (generation !== this.state.generation) return this.currentToken()
    // A held rotation was the token refused: it is dead too, and must never be written to the keychain now.
    this.state.unsaved = null
    await this.markDead(`Pinterest no longer accepts the saved sign-in (${attempt.refused.message}).`, dead)
    throw this.authError(this.deadReason ?? '', attempt.refused.details)
  }

  /** Read → refresh → store, with the cross-process lock held. */
  private async refreshLocked(generation: number, known: TokenBundle | null): Promise<Attempt> {
    const { secrets, accountKey } = this.opts
    if (generation !== this.state.generation) return { superseded: true }
    // A rotation the keychain refused earlier goes in first; until then memory holds the live refresh token.
    await this.keeper.storeUnsaved()
    const stored =
      this.state.unsaved !== null ? (this.state.bundle ?? null) : await loadTokenBundle(secrets, accountKey)
    if (generation !== this.state.generation) return { superseded: true }
    if (stored === null) {
      this.state.bundle = null
      throw notSignedIn()
    }
    if (stored.accessToken !== known?.accessToken && !this.due(stored)) {
      this.state.bundle = stored
      return { token: stored.accessToken }
    }
    if (stored.refreshToken === null) {
      await this.markDead(
        'Pinterest refused the saved token, and a pasted or environment token cannot be renewed.',
      )
      throw this.authError(this.deadReason ?? '')
    }
    const credentials = await this.opts.credentials()
    if (generation !== this.state.generation) return { superseded: true }
    if (credentials === null) {
      await this.markDead('The app secret is not saved, so Pinload cannot renew the sign-in.')
      throw this.authError(this.deadReason ?? '')
    }
    const abort = new AbortController()
    this.abortRefresh = abort
    let grant
    try {
      grant = await refreshGrant({
        apiBase: this.opts.apiBase,
        ...credentials,
        refreshToken: stored.refreshToken,
        now: this.now,
        signal: abort.signal,
        ...(this.opts.fetchTimeoutMs === undefined ? {} : { timeoutMs: this.opts.fetchTimeoutMs }),
      })
    } catch (error) {
      // A sign-out or new sign-in meanwhile decides, whatever Pinterest said about the old grant.
      if (generation !== this.state.generation) return { superseded: true }
      if (error instanceof ApiError && error.kind === 'auth')
        return { refused: error, refreshToken: stored.refreshToken }
      throw error
    } finally {
      if (this.abortRefresh === abort) this.abortRefresh = null
    }
    // Pinterest rotated the old sign-in's token after a sign-out or new sign-in here: drop it, store nothing.
    if (generation !== this.state.generation) return { superseded: true }
    const next: TokenBundle = {
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken ?? stored.refreshToken,
      accessExpiresAt: grant.accessExpiresAt,
      refreshExpiresAt:
        grant.refreshToken !== null
          ? grant.refreshExpiresAt
          : (grant.refreshExpiresAt ?? stored.refreshExpiresAt),
      scope: grant.scope ?? stored.scope,
    }
    // Memory first: the old refresh token is dead now, so if the keychain write fails this session holds the only
    // live one, and hands out the new access token all the same.
    this.state.unsaved = { base: this.state.unsaved?.base ?? stored.refreshToken }
    this.state.bundle = next
    await this.keeper.storeUnsaved()
    return { token: await this.currentToken() }
  }

  private async acquireLock(waitMs?: number): Promise<LockRelease | null> {
    if (!this.opts.lock) return () => Promise.resolve()
    return this.opts.lock.acquire({ signal: this.closing.signal, ...(waitMs !== undefined && { waitMs }) })
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
      throw new ApiError('auth', error.message, {
        fix: 'Unlock the system keychain, or set PINLOAD_ACCESS_TOKEN.',
      })
    }
  }

  /** `died`: the refresh (or access) tokens known dead; a reload keeps the state while the keychain holds one of them. */
  private async markDead(
    reason: string,
    died: readonly string[] = this.state.bundle
      ? [this.state.bundle.refreshToken ?? this.state.bundle.accessToken]
      : [],
  ): Promise<void> {
    if (this.deadReason !== null) return
    this.deadReason = reason
    this.deadTokens = died
    await this.opts.onSignInNeeded?.(reason)
  }

  private authError(reason: string, details: ApiError['details'] = {}): ApiError {
    return new ApiError('auth', `${reason} ${SIGN_IN_AGAIN_FIX}`.trim(), {
      ...details,
      fix: SIGN_IN_AGAIN_FIX,
    })
  }
}
