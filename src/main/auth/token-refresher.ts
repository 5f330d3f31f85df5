import { silentLogger, type Logger } from '../logging/logger'
import { type TokenProvider } from '../pinterest/api-types'
import { ApiError } from '../pinterest/api-error'
import { isKeychainUnavailable } from '../secrets/secret-store'
import type { LockRelease } from './refresh-lock'
import { loadTokenBundle, saveTokenBundle, type TokenBundle } from './token-bundle'
import { refreshGrant } from './token-endpoint'
import {
  DEFAULT_ADOPT_WAIT_MS,
  DEFAULT_REFRESH_BEFORE_MS,
  DEFAULT_REFRESH_CHECK_MS,
  SIGN_IN_AGAIN_FIX,
  type TokenRefresherOptions,
} from './refresh-settings'

/** After a failed proactive refresh (network), wait this long before trying again on the next call: 1 minute. */
const PROACTIVE_RETRY_MS = 60_000
/** A rotated bundle the keychain refused is offered to it again at most this often (on the next token call). */
const SAVE_RETRY_MS = 10_000
/** How long a token call waits for the lock only to store a held rotation; it is tried again later. */
const SAVE_LOCK_WAIT_MS = 1000
const ADOPT_POLL_MS = 100

export {
  DEFAULT_ADOPT_WAIT_MS,
  DEFAULT_REFRESH_BEFORE_MS,
  DEFAULT_REFRESH_CHECK_MS,
  REFRESH_TOKEN_WARN_MS,
  SIGN_IN_AGAIN_FIX,
  type TokenRefresherOptions,
} from './refresh-settings'

/** What one locked refresh attempt came to; the rest is decided after the lock is released. */
type Attempt = { token: string } | { superseded: true } | { refused: ApiError; refreshToken: string }

/**
 * Keeps one environment's access token alive. Every refresh is single-flight (concurrent callers share it) and runs
 * under a cross-process lock. Pinterest kills the old refresh token the moment it answers, so the rotated bundle is
 * kept in memory until the keychain has taken it, and a sign-out or new sign-in during a refresh wins over it.
 */
export class TokenRefresher implements TokenProvider {
  private bundle: TokenBundle | null | undefined
  /** Set while `bundle` is a rotation the keychain has not taken yet; `base` is the refresh token the keychain holds. */
  private unsaved: { base: string | null } | null = null
  private lastSaveAttempt = -Infinity
  /** Bumped by `reset` (sign-in, sign-out): a refresh that started under an older generation is dropped. */
  private generation = 0
  /** The tokens a dead sign-in died with (see markDead). */
  private deadTokens: readonly string[] = []
  private readonly closing = new AbortController()
  private abortRefresh: AbortController | null = null
  private inflight: Promise<string> | null = null
  private deadReason: string | null = null
  private lastProactiveFailure = -Infinity
  private timer: NodeJS.Timeout | undefined
  private readonly now: () => number
  private readonly refreshBeforeMs: number
  private readonly logger: Logger

  constructor(private readonly opts: TokenRefresherOptions) {
    this.now = opts.now ?? Date.now
    this.refreshBeforeMs = opts.refreshBeforeMs ?? DEFAULT_REFRESH_BEFORE_MS
    this.logger = opts.logger ?? silentLogger
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
    await this.retrySave(false)
    const bundle = await this.current()
    if (bundle === null) throw notSignedIn()
    if (this.due(bundle) && this.now() - this.lastProactiveFailure >= PROACTIVE_RETRY_MS) {
      try {
        return await this.refreshAccessToken()
      } catch (error) {
        const stillValid = bundle.accessExpiresAt === null || bundle.accessExpiresAt > this.now()
        if (error instanceof ApiError && error.kind !== 'auth' && stillValid && this.bundle === bundle) {
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
    this.generation += 1
    this.deadTokens = []
    this.abortRefresh?.abort()
    this.abortRefresh = null
    this.bundle = bundle
    this.unsaved = null
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
      const stored = await loadTokenBundle(this.opts.secrets, this.opts.environment).catch(() => undefined)
      if (
        stored === undefined ||
        (stored !== null && this.deadTokens.includes(stored.refreshToken ?? stored.accessToken))
      )
        return
    }
    if (this.unsaved === null) this.bundle = undefined
    this.deadReason = null
    this.lastProactiveFailure = -Infinity
    await this.retrySave(true).catch(() => undefined)
  }

  /** True once the sign-in is known dead (until `reset` or `reload`). */
  get needsSignIn(): boolean {
    return this.deadReason !== null
  }

  /** True while a rotated token is held only in memory because the keychain refused it. */
  get hasUnsavedTokens(): boolean {
    return this.unsaved !== null
  }

  /** One timer tick: refreshes when due; failures are recorded, never thrown (the next call reports them). */
  async checkNow(): Promise<void> {
    if (this.deadReason !== null) return
    try {
      await this.retrySave(false)
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

  /**
   * The process is quitting: stop waiting for the lock and for another process's rotation (nothing was sent then).
   * A token call already out is left to finish, so a rotation Pinterest made is still stored.
   */
  dispose(): void {
    this.stop()
    this.closing.abort()
  }

  private async current(): Promise<TokenBundle | null> {
    if (this.bundle === undefined) {
      const generation = this.generation
      const loaded = await loadTokenBundle(this.opts.secrets, this.opts.environment)
      // A sign-in or sign-out during the read has set the bundle already.
      if (generation === this.generation && this.bundle === undefined) this.bundle = loaded
    }
    return this.bundle ?? null
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
    const generation = this.generation
    // What this process works with now: a different bundle in the keychain later means someone else renewed it.
    const known = await this.current()
    const release = await this.acquireLock()
    if (release === null) {
      if (generation !== this.generation) return this.currentToken()
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
    if ('token' in attempt) return attempt.token
    if ('superseded' in attempt) return this.currentToken()
    // Pinterest refused the refresh token. Another process may have rotated it without the lock (an older
    // Pinload, a lock taken over as stale): its bundle reaches the keychain within moments.
    // Not the refused token, nor the one a held rotation replaced (dead too).
    const dead = [attempt.refreshToken, this.unsaved?.base].filter((t): t is string => typeof t === 'string')
    const adopted = await this.adoptRotation(dead, generation)
    if (adopted !== null) return adopted
    if (generation !== this.generation) return this.currentToken()
    // A held rotation was the token refused: it is dead too, and must never be written to the keychain now.
    this.unsaved = null
    await this.markDead(`Pinterest no longer accepts the saved sign-in (${attempt.refused.message}).`, dead)
    throw this.authError(this.deadReason ?? '', attempt.refused.details)
  }

  /** Read → refresh → store, with the cross-process lock held. */
  private async refreshLocked(generation: number, known: TokenBundle | null): Promise<Attempt> {
    const { secrets, environment } = this.opts
    if (generation !== this.generation) return { superseded: true }
    // A rotation the keychain refused earlier goes in first; until then memory holds the live refresh token.
    await this.storeUnsaved()
    const stored = this.unsaved !== null ? (this.bundle ?? null) : await loadTokenBundle(secrets, environment)
    if (generation !== this.generation) return { superseded: true }
    if (stored === null) {
      this.bundle = null
      throw notSignedIn()
    }
    if (stored.accessToken !== known?.accessToken && !this.due(stored)) {
      this.bundle = stored
      return { token: stored.accessToken }
    }
    if (stored.refreshToken === null) {
      await this.markDead(
        'Pinterest refused the saved token, and a pasted or environment token cannot be renewed.',
      )
      throw this.authError(this.deadReason ?? '')
    }
    const credentials = await this.opts.credentials()
    if (generation !== this.generation) return { superseded: true }
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
      if (generation !== this.generation) return { superseded: true }
      if (error instanceof ApiError && error.kind === 'auth')
        return { refused: error, refreshToken: stored.refreshToken }
      throw error
    } finally {
      if (this.abortRefresh === abort) this.abortRefresh = null
    }
    // Pinterest rotated the old sign-in's token after a sign-out or new sign-in here: drop it, store nothing.
    if (generation !== this.generation) return { superseded: true }
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
    this.unsaved = { base: this.unsaved?.base ?? stored.refreshToken }
    this.bundle = next
    await this.storeUnsaved()
    return { token: await this.currentToken() }
  }

  /** Offers a held rotation to the keychain again (at most every 10 s unless forced), under the lock. */
  private async retrySave(force: boolean): Promise<void> {
    if (this.unsaved === null) return
    if (!force && this.now() - this.lastSaveAttempt < SAVE_RETRY_MS) return
    this.lastSaveAttempt = this.now()
    // A token call must not wait long on another process's renewal just to store this one: it is retried later.
    const release = await this.acquireLock(force ? undefined : SAVE_LOCK_WAIT_MS)
    if (release === null) return
    try {
      await this.storeUnsaved()
    } finally {
      await release()
    }
  }

  /** Writes the held rotation if the keychain still holds what it replaced; the caller holds the lock. */
  private async storeUnsaved(): Promise<void> {
    const pending = this.unsaved
    const bundle = this.bundle
    if (pending === null || !bundle) return
    const generation = this.generation
    const { secrets, environment } = this.opts
    this.lastSaveAttempt = this.now()
    try {
      const inKeychain = await loadTokenBundle(secrets, environment)
      if (generation !== this.generation || this.unsaved !== pending) return
      if ((inKeychain?.refreshToken ?? null) !== pending.base) {
        // Another process signed out or signed in since: that supersedes this rotation.
        this.logger.info('a newer sign-in or sign-out replaced an unsaved token rotation', { environment })
        this.unsaved = null
        this.bundle = inKeychain
        return
      }
      await saveTokenBundle(secrets, environment, bundle)
    } catch (error) {
      this.logger.warn(
        'could not save the renewed Pinterest sign-in to the keychain; keeping it in memory and retrying',
        {
          environment,
          error: isKeychainUnavailable(error)
            ? { name: error.name, message: error.message }
            : describe(error),
        },
      )
      return
    }
    if (this.unsaved !== pending) return
    this.unsaved = null
    await this.opts.onRefreshed?.(bundle)
  }

  /** Watches the keychain for a bundle with another refresh token than the dead ones; null when none came. */
  private async adoptRotation(dead: readonly string[], generation: number): Promise<string | null> {
    const deadline = Date.now() + (this.opts.adoptWaitMs ?? DEFAULT_ADOPT_WAIT_MS)
    for (;;) {
      if (generation !== this.generation || this.closing.signal.aborted) return null
      const again = await loadTokenBundle(this.opts.secrets, this.opts.environment)
      if (generation !== this.generation) return null
      if (again === null) {
        // Signed out by another process meanwhile: not a dead sign-in, just none.
        this.bundle = null
        this.unsaved = null
        throw notSignedIn()
      }
      if (again.refreshToken === null || !dead.includes(again.refreshToken)) {
        this.bundle = again
        this.unsaved = null
        return again.accessToken
      }
      if (Date.now() >= deadline) return null
      await new Promise((resolve) => setTimeout(resolve, ADOPT_POLL_MS))
    }
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
    died: readonly string[] = this.bundle ? [this.bundle.refreshToken ?? this.bundle.accessToken] : [],
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

function notSignedIn(): ApiError {
  return new ApiError('auth', `Pinload is not signed in to Pinterest. ${SIGN_IN_AGAIN_FIX}`, {
    fix: SIGN_IN_AGAIN_FIX,
  })
}

/** An error's name only: a keychain library's message for an unexpected failure is not known to be free of values. */
function describe(error: unknown): { name: string } {
  return { name: error instanceof Error ? error.name : typeof error }
}
