import type { AccountView, Environment } from '../../shared/domain'
import type { AccountProfile } from './account-model'
import { redirectUriFor } from './oauth-loopback'
import { REFRESH_TOKEN_WARN_MS } from './refresh-settings'

const DAY_MS = 24 * 3600 * 1000

/** What `buildAccountView` needs; only non-secret facts (the bundle's expiry times, never its tokens). */
export interface AccountViewInput {
  environment: Environment
  profile: AccountProfile
  /** null when the keychain could not be read. */
  hasAppSecret: boolean | null
  /** Whether the keychain holds a token bundle; null when it could not be read. */
  hasTokens: boolean | null
  /** Unix ms the refresh token ends (from the bundle or account.json). */
  refreshExpiresAt: number | null
  /** The refresher found the sign-in dead in this process. */
  refresherDead: boolean
  /** PINLOAD_ACCESS_TOKEN is in use. */
  envToken: boolean
  /** Clock, Unix ms. */
  now: number
  message?: string
  /** Plain text shown when the keychain is unreachable. */
  noKeychainMessage: string
}

/** Turns account facts into the view the renderer and the CLI show. Pure, so it is unit-tested on its own. */
export function buildAccountView(input: AccountViewInput): AccountView {
  const { profile } = input
  const warnings: string[] = []
  const base = {
    environment: input.environment,
    ...(profile.appId ? { appId: profile.appId } : {}),
    hasAppSecret: input.hasAppSecret ?? false,
    redirectUri: redirectUriFor(profile.port),
    ...(profile.username ? { username: profile.username } : {}),
    ...(profile.accountType ? { accountType: profile.accountType } : {}),
  }
  if (input.envToken) {
    warnings.push(
      'PINLOAD_ACCESS_TOKEN is set: Pinload uses it instead of the saved sign-in, and cannot renew it.',
    )
    return {
      ...base,
      status: 'connected',
      tokenSource: 'env',
      warnings,
      ...(input.message ? { message: input.message } : {}),
    }
  }
  if (input.hasAppSecret === null || input.hasTokens === null) {
    return { ...base, status: 'no_keychain', warnings, message: input.message ?? input.noKeychainMessage }
  }
  let status: AccountView['status'] = profile.status
  if (input.refresherDead) status = 'needs_sign_in'
  if (status === 'connected' && !input.hasTokens) status = 'signed_out'
  if (status === 'signed_out') {
    const { username: _u, accountType: _a, ...rest } = base
    if (profile.appId && !input.hasAppSecret)
      warnings.push('Enter the app secret of your Pinterest app to sign in.')
    return { ...rest, status, warnings, ...(input.message ? { message: input.message } : {}) }
  }
  if (status === 'connected') {
    if (input.refreshExpiresAt !== null && input.refreshExpiresAt - input.now <= REFRESH_TOKEN_WARN_MS) {
      const days = Math.max(0, Math.ceil((input.refreshExpiresAt - input.now) / DAY_MS))
      warnings.push(
        `Your Pinterest sign-in ends in ${days} day${days === 1 ? '' : 's'} unless Pinload renews it: open Pinload before then, or sign in again.`,
      )
    }
    if (profile.tokenSource === 'pasted') {
      warnings.push('A pasted token cannot be renewed: when Pinterest ends it, paste a new one or sign in.')
    }
    if (profile.secretBoards && profile.scope && !profile.scope.includes('boards:read_secret')) {
      warnings.push(
        'Secret boards were turned on after this sign-in: sign in again to grant access to secret boards.',
      )
    }
  }
  const message =
    input.message ??
    (status === 'needs_sign_in'
      ? (profile.reason ?? 'Pinterest ended the sign-in. Sign in again.')
      : undefined)
  return {
    ...base,
    status,
    ...(profile.tokenSource ? { tokenSource: profile.tokenSource } : {}),
    warnings,
    ...(message ? { message } : {}),
  }
}
