import { AccountService } from '../auth/account-service'
import { resolveOAuthBase, type OpenExternal } from '../auth/oauth-loopback'
import type { Logger } from '../logging/logger'
import { resolveApiBase } from '../pinterest/pinterest-client'
import { KeyringSecretStore, type SecretStore } from '../secrets/secret-store'

export interface SignInOptions {
  dataDir: string
  env: NodeJS.ProcessEnv
  /** Default: the system keychain. */
  secrets?: SecretStore
  /** Opens Pinterest's authorize page: the desktop's browser, or the command's printed link. */
  openAuthorizePage: OpenExternal
  logger?: Logger
  signInTimeoutMs?: number
}

/**
 * The account (app settings, browser sign-in, pasted token, sign-out, who am I) for the window and
 * `pinload login|logout|whoami` alike: built one way, so both sign in to the same Pinterest (the API and
 * authorize bases the environment names) and keep tokens in the same keychain.
 */
export function createSignIn(opts: SignInOptions): AccountService {
  return new AccountService({
    dataDir: opts.dataDir,
    secrets: opts.secrets ?? new KeyringSecretStore(),
    env: opts.env,
    openExternal: opts.openAuthorizePage,
    apiBaseFor: (environment) => resolveApiBase(environment, opts.env),
    oauthBase: resolveOAuthBase(opts.env),
    ...(opts.logger && { logger: opts.logger }),
    ...(opts.signInTimeoutMs !== undefined && { signInTimeoutMs: opts.signInTimeoutMs }),
  })
}
