import type { AccountView, Environment } from '../../shared/domain'
import type { UserAccount } from '../pinterest/api-types'
import {
  isKeychainUnavailable,
  NO_KEYCHAIN_MESSAGE,
  secretKeys,
  type SecretStore,
} from '../secrets/secret-store'
import { currentKeyOf, profileOf } from './account-file'
import type { AccountFile } from './account-model'
import { buildAccountView } from './account-view'
import { loadTokenBundle, type TokenBundle } from './token-bundle'

/**
 * The view of the account in use: its facts from account.json, and from the keychain only whether an app secret
 * and tokens are there (and when the refresh token ends). An environment token's view names the user Pinterest
 * said it belongs to, if asked.
 */
export async function readAccountView(input: {
  file: AccountFile
  environment: Environment
  secrets: SecretStore
  now: number
  /** The refresher of the account in use found its sign-in dead. */
  refresherDead: boolean
  /** PINLOAD_ACCESS_TOKEN is in use, and who it belongs to when known. */
  envToken: { user: UserAccount | undefined } | null
  message?: string | undefined
}): Promise<AccountView> {
  const { file, environment } = input
  const key = currentKeyOf(file, environment)
  const profile = profileOf(file, environment)
  const common = {
    environment,
    now: input.now,
    refresherDead: input.refresherDead,
    noKeychainMessage: NO_KEYCHAIN_MESSAGE,
    ...(input.message ? { message: input.message } : {}),
  }
  if (input.envToken) {
    const user = input.envToken.user
    return buildAccountView({
      ...common,
      profile: { ...profile, username: user?.username, accountType: user?.accountType },
      hasAppSecret: false,
      hasTokens: false,
      refreshExpiresAt: null,
      envToken: true,
    })
  }
  let hasAppSecret: boolean | null = null
  let bundle: TokenBundle | null = null
  let hasTokens: boolean | null = null
  try {
    hasAppSecret = (await input.secrets.get(secretKeys.appSecret(environment))) !== null
    bundle = await loadTokenBundle(input.secrets, key)
    hasTokens = bundle !== null
  } catch (error) {
    if (!isKeychainUnavailable(error)) throw error
  }
  return buildAccountView({
    ...common,
    profile,
    hasAppSecret,
    hasTokens,
    refreshExpiresAt: bundle?.refreshExpiresAt ?? profile.refreshExpiresAt ?? null,
    envToken: false,
  })
}
