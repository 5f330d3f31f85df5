import { z } from 'zod'
import type { UserAccount } from '../pinterest/api-types'
import { secretKeys, type SecretStore } from '../secrets/secret-store'

/**
 * Everything one sign-in holds, stored as ONE keychain entry so that a refresh (which rotates the refresh token)
 * replaces access and refresh token in a single write: there is never a moment where the keychain holds the new
 * access token next to the dead refresh token.
 */
export const TokenBundle = z.object({
  accessToken: z.string().min(1),
  /** Null for a pasted or environment token: those cannot be renewed. */
  refreshToken: z.string().min(1).nullable(),
  /** Unix ms when the access token ends; null when unknown (pasted token). */
  accessExpiresAt: z.number().nullable(),
  /** Unix ms when the refresh token ends; null when unknown or no refresh token. */
  refreshExpiresAt: z.number().nullable(),
  /** Granted scopes as Pinterest returned them (comma-separated); null when unknown. */
  scope: z.string().nullable(),
})
export type TokenBundle = z.infer<typeof TokenBundle>

/** Reads the bundle of an account key (an environment before issue 15); a missing or unreadable entry is null (a damaged entry means "sign in again"). */
export async function loadTokenBundle(
  secrets: SecretStore,
  environment: string,
): Promise<TokenBundle | null> {
  const raw = await secrets.get(secretKeys.tokens(environment))
  if (raw === null) return null
  try {
    const parsed = TokenBundle.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export async function saveTokenBundle(
  secrets: SecretStore,
  environment: string,
  bundle: TokenBundle,
): Promise<void> {
  await secrets.set(secretKeys.tokens(environment), JSON.stringify(TokenBundle.parse(bundle)))
}

export async function deleteTokenBundle(secrets: SecretStore, environment: string): Promise<void> {
  await secrets.delete(secretKeys.tokens(environment))
}

/** The parts of a bundle that are not secret (expiry times, scope), for account.json and the view. */
export function bundleFacts(
  bundle: TokenBundle,
): Pick<TokenBundle, 'accessExpiresAt' | 'refreshExpiresAt' | 'scope'> {
  return {
    accessExpiresAt: bundle.accessExpiresAt,
    refreshExpiresAt: bundle.refreshExpiresAt,
    scope: bundle.scope,
  }
}

/** The account.json facts of a user who just connected with `bundle`. */
export function connectedFacts(user: UserAccount, bundle: TokenBundle) {
  return {
    status: 'connected' as const,
    username: user.username,
    ...(user.accountType ? { accountType: user.accountType } : { accountType: undefined }),
    ...bundleFacts(bundle),
    reason: undefined,
  }
}
