import type { AccountView, Environment } from '../../shared/domain'
import type { Logger } from '../logging/logger'
import type { SecretStore } from '../secrets/secret-store'
import type { OpenExternal } from './oauth-loopback'

/** What the account service is built from and what it takes and tells. */

export interface AccountServiceOptions {
  /** Folder of account.json (non-secret facts only). */
  dataDir: string
  secrets: SecretStore
  /** Process environment: PINLOAD_ACCESS_TOKEN / PINLOAD_ENVIRONMENT are read from here. */
  env: NodeJS.ProcessEnv
  /** Opens the authorize page: Electron's shell.openExternal, the CLI's printer, or a test fetcher. */
  openExternal: OpenExternal
  /** API base including `/v5` for an environment (see `resolveApiBase` in pinterest-client). */
  apiBaseFor(environment: Environment): string
  /** Pinterest's authorize page (see `resolveOAuthBase`). */
  oauthBase: string
  /** Clock in Unix ms. */
  now?: () => number
  /** Timeout of each HTTP call in ms. */
  fetchTimeoutMs?: number
  /** Time the user has to approve in the browser, ms; default 5 minutes. */
  signInTimeoutMs?: number
  /** Refresh this long before the access token ends, ms; default 3 days. */
  refreshBeforeMs?: number
  /** After Pinterest refused a refresh token, ms to watch the keychain for another process's rotation; default 3 s. */
  adoptWaitMs?: number
  /** Where token troubles are logged (never with a secret); default `<dataDir>/logs/pinload.log`. */
  logger?: Logger
  /**
   * An environment's account got a user key (a first sign-in, or Pinterest naming an old sign-in): the queue's
   * rows kept under the environment alone (`from`) move to the user's key (`to`), issue 15.
   */
  onUserNamed?(from: string, to: string): Promise<void> | void
}

export interface SaveAppInput {
  appId: string
  /** Omitted = keep the stored one. */
  appSecret?: string
  port: number
  environment: Environment
  secretBoards: boolean
}

export type AccountListener = (view: AccountView) => void

export const SIGN_OUT_MESSAGE =
  'Signed out: Pinload deleted its saved Pinterest tokens from this computer. Pinterest offers no way for apps to ' +
  'revoke user tokens, so to remove access completely also remove the app under Apps in your Pinterest settings ' +
  '(pinterest.com → Settings → Security and logins).'
