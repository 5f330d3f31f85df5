import type { Logger } from '../logging/logger'
import { ApiError } from '../pinterest/api-error'
import type { SecretStore } from '../secrets/secret-store'
import type { CrossProcessLock } from './refresh-lock'
import type { TokenBundle } from './token-bundle'
import type { ClientCredentials } from './token-endpoint'

/** When and how the refresher renews a sign-in, and what it is built from. */

/** Refresh the access token when it has less than this left of its 30 days: 3 days, in ms. */
export const DEFAULT_REFRESH_BEFORE_MS = 3 * 24 * 3600 * 1000
/** Warn the user when the refresh token has less than this left of its 60 days: 7 days, in ms. */
export const REFRESH_TOKEN_WARN_MS = 7 * 24 * 3600 * 1000
/** How often the shell's timer checks for a due refresh: 1 hour, in ms. */
export const DEFAULT_REFRESH_CHECK_MS = 3600 * 1000
/** After Pinterest refused the refresh token, how long to watch the keychain for another process's rotation. */
export const DEFAULT_ADOPT_WAIT_MS = 3000

export const SIGN_IN_AGAIN_FIX = 'Sign in again in Pinload (Account → Connect), or run `pinload login`.'

/** No sign-in is stored: an 'auth' failure that tells how to sign in. */
export function notSignedIn(): ApiError {
  return new ApiError('auth', `Pinload is not signed in to Pinterest. ${SIGN_IN_AGAIN_FIX}`, {
    fix: SIGN_IN_AGAIN_FIX,
  })
}

export interface TokenRefresherOptions {
  secrets: SecretStore
  /** The account whose keychain entry this renews: `<environment>:<username>` (issue 15). */
  accountKey: string
  apiBase: string
  /** The app's id and secret for the refresh call; null when they are not saved. */
  credentials(): Promise<ClientCredentials | null>
  /** Held around read → refresh → store, so the app and the CLI never spend the same refresh token. */
  lock?: CrossProcessLock
  /** Where a keychain write that failed after a rotation is reported (never with a token). */
  logger?: Logger
  /** Clock in Unix ms. */
  now?: () => number
  fetchTimeoutMs?: number
  /** ms before access-token expiry at which a refresh is due; default 3 days. */
  refreshBeforeMs?: number
  /** After a refused refresh token, ms to wait for another process's rotation to appear; default 3 s. */
  adoptWaitMs?: number
  /** Called after the rotated bundle is safely in the keychain. */
  onRefreshed?(bundle: TokenBundle): void | Promise<void>
  /** Called once when the sign-in is dead for good (invalid grant, no refresh possible). */
  onSignInNeeded?(reason: string): void | Promise<void>
}
