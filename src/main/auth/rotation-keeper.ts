import type { Logger } from '../logging/logger'
import { isKeychainUnavailable, type SecretStore } from '../secrets/secret-store'
import type { LockRelease } from './refresh-lock'
import { notSignedIn } from './refresh-settings'
import { loadTokenBundle, saveTokenBundle, type TokenBundle } from './token-bundle'

/** A rotated bundle the keychain refused is offered to it again at most this often (on the next token call). */
const SAVE_RETRY_MS = 10_000
/** How long a token call waits for the lock only to store a held rotation; it is tried again later. */
const SAVE_LOCK_WAIT_MS = 1000
const ADOPT_POLL_MS = 100

/** What a refresher knows of its sign-in, shared with the RotationKeeper that persists it. */
export interface SignInState {
  /** The sign-in in use; undefined until read from the keychain, null when signed out. */
  bundle: TokenBundle | null | undefined
  /** Set while `bundle` is a rotation the keychain has not taken yet; `base` is the refresh token the keychain holds. */
  unsaved: { base: string | null } | null
  /** Bumped by a sign-in or sign-out in this process: work that started under an older generation is dropped. */
  generation: number
}

export interface RotationKeeperOptions {
  secrets: SecretStore
  /** The account whose keychain entry holds the sign-in (issue 15). */
  accountKey: string
  logger: Logger
  now: () => number
  /** After a refused refresh token, ms to watch the keychain for another process's rotation. */
  adoptWaitMs: number
  /** The cross-process refresh lock, waiting at most `waitMs` (default: the lock's own bound); null when not taken. */
  acquireLock(waitMs?: number): Promise<LockRelease | null>
  /** Aborted when the process quits: stop watching for another process's rotation. */
  closing: AbortSignal
  /** Called after the rotated bundle is safely in the keychain. */
  onRefreshed(bundle: TokenBundle): Promise<void>
}

/**
 * Gets a rotated sign-in into the keychain. Pinterest kills the old refresh token the moment it answers, so a
 * rotation the keychain refused is held in memory (`SignInState.unsaved`) and offered again; and when Pinterest
 * refuses a refresh token, another process may have rotated it: its bundle is adopted from the keychain.
 */
export class RotationKeeper {
  private lastSaveAttempt = -Infinity

  constructor(
    private readonly state: SignInState,
    private readonly opts: RotationKeeperOptions,
  ) {}

  /** Offers a held rotation to the keychain again (at most every 10 s unless forced), under the lock. */
  async retrySave(force: boolean): Promise<void> {
    if (this.state.unsaved === null) return
    if (!force && this.opts.now() - this.lastSaveAttempt < SAVE_RETRY_MS) return
    this.lastSaveAttempt = this.opts.now()
    // A token call must not wait long on another process's renewal just to store this one: it is retried later.
    const release = await this.opts.acquireLock(force ? undefined : SAVE_LOCK_WAIT_MS)
    if (release === null) return
    try {
      await this.storeUnsaved()
    } finally {
      await release()
    }
  }

  /** Writes the held rotation if the keychain still holds what it replaced; the caller holds the lock. */
  async storeUnsaved(): Promise<void> {
    const state = this.state
    const pending = state.unsaved
    const bundle = state.bundle
    if (pending === null || !bundle) return
    const generation = state.generation
    const { secrets, accountKey, logger } = this.opts
    this.lastSaveAttempt = this.opts.now()
    try {
      const inKeychain = await loadTokenBundle(secrets, accountKey)
      if (generation !== state.generation || state.unsaved !== pending) return
      if ((inKeychain?.refreshToken ?? null) !== pending.base) {
        // Another process signed out or signed in since: that supersedes this rotation.
        logger.info('a newer sign-in or sign-out replaced an unsaved token rotation', { accountKey })
        state.unsaved = null
        state.bundle = inKeychain
        return
      }
      await saveTokenBundle(secrets, accountKey, bundle)
    } catch (error) {
      logger.warn(
        'could not save the renewed Pinterest sign-in to the keychain; keeping it in memory and retrying',
        {
          accountKey,
          error: isKeychainUnavailable(error)
            ? { name: error.name, message: error.message }
            : describe(error),
        },
      )
      return
    }
    if (state.unsaved !== pending) return
    state.unsaved = null
    await this.opts.onRefreshed(bundle)
  }

  /** Watches the keychain for a bundle with another refresh token than the dead ones; null when none came. */
  async adoptRotation(dead: readonly string[], generation: number): Promise<string | null> {
    const state = this.state
    const deadline = Date.now() + this.opts.adoptWaitMs
    for (;;) {
      if (generation !== state.generation || this.opts.closing.aborted) return null
      const again = await loadTokenBundle(this.opts.secrets, this.opts.accountKey)
      if (generation !== state.generation) return null
      if (again === null) {
        // Signed out by another process meanwhile: not a dead sign-in, just none.
        state.bundle = null
        state.unsaved = null
        throw notSignedIn()
      }
      if (again.refreshToken === null || !dead.includes(again.refreshToken)) {
        state.bundle = again
        state.unsaved = null
        return again.accessToken
      }
      if (Date.now() >= deadline) return null
      await new Promise((resolve) => setTimeout(resolve, ADOPT_POLL_MS))
    }
  }
}

/** An error's name only: a keychain library's message for an unexpected failure is not known to be free of values. */
function describe(error: unknown): { name: string } {
  return { name: error instanceof Error ? error.name : typeof error }
}
