import type { Environment } from '../../shared/domain'
import { createLogger, type Logger } from '../logging/logger'
import type { TokenProvider } from '../pinterest/api-types'
import { resolveApiBase } from '../pinterest/pinterest-client'
import { KeyringSecretStore, secretKeys, type SecretStore } from '../secrets/secret-store'
import { currentKeyOf, migrateAccountFile, readAccountFile, updateUser } from './account-file'
import { envTokenFrom, envTokenProvider } from './env-token'
import { FileLock, refreshLockFile } from './refresh-lock'
import { bundleFacts, loadTokenBundle } from './token-bundle'
import { TokenRefresher } from './token-refresher'

export interface LoadedTokenProvider {
  provider: TokenProvider
  environment: Environment
  /** The queue's account key: `<environment>:<username>`, or the environment alone (issue 15). */
  accountKey: string
}

/**
 * The token for a headless command: `PINLOAD_ACCESS_TOKEN` first, else the keychain sign-in of the chosen (or saved)
 * environment. Null when neither exists. Throws KeychainUnavailableError when the keychain is needed but missing.
 */
export async function loadTokenProvider(opts: {
  dataDir: string
  env: NodeJS.ProcessEnv
  environment?: Environment
  /** The account (`<environment>:<username>`) to send as; default the environment's current one (issue 15). */
  account?: string
  secrets?: SecretStore
  logger?: Logger
}): Promise<LoadedTokenProvider | null> {
  const envToken = envTokenFrom(opts.env)
  if (envToken) {
    const environment = opts.environment ?? envToken.environment
    return { provider: envTokenProvider(envToken), environment, accountKey: environment }
  }
  const secrets = opts.secrets ?? new KeyringSecretStore()
  const file = await migrateAccountFile(opts.dataDir, secrets)
  const environment = opts.environment ?? file.environment
  const key = opts.account ?? currentKeyOf(file, environment)
  if ((file.users[key]?.status ?? 'signed_out') === 'signed_out') return null
  if ((await loadTokenBundle(secrets, key)) === null) return null
  const provider = createAccountRefresher({
    dataDir: opts.dataDir,
    secrets,
    environment,
    accountKey: key,
    apiBase: resolveApiBase(environment, opts.env),
    ...(opts.logger ? { logger: opts.logger } : {}),
  })
  return { provider, environment, accountKey: key }
}

export interface AccountRefresherOptions {
  dataDir: string
  secrets: SecretStore
  environment: Environment
  /** The account whose keychain sign-in this renews; default the environment (a sign-in from before issue 15). */
  accountKey?: string
  apiBase: string
  now?: () => number
  fetchTimeoutMs?: number
  refreshBeforeMs?: number
  adoptWaitMs?: number
  /** Default: lines appended to `<dataDir>/logs/pinload.log`, the file the app and the CLI log to. */
  logger?: Logger
  /** Called after account.json took in a refresh or a needs-sign-in. */
  afterChange?(): Promise<void> | void
}

/**
 * A TokenRefresher wired to the keychain, account.json (app credentials in, expiry and status out) and the data
 * folder's refresh lock, which the app and every `pinload` command on this folder share.
 */
export function createAccountRefresher(opts: AccountRefresherOptions): TokenRefresher {
  const { dataDir, secrets, environment } = opts
  const accountKey = opts.accountKey ?? environment
  return new TokenRefresher({
    secrets,
    accountKey,
    apiBase: opts.apiBase,
    lock: refreshLock(dataDir, accountKey),
    logger: opts.logger ?? dataDirLogger(dataDir),
    ...(opts.adoptWaitMs === undefined ? {} : { adoptWaitMs: opts.adoptWaitMs }),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.fetchTimeoutMs === undefined ? {} : { fetchTimeoutMs: opts.fetchTimeoutMs }),
    ...(opts.refreshBeforeMs === undefined ? {} : { refreshBeforeMs: opts.refreshBeforeMs }),
    credentials: async () => {
      const appId = (await readAccountFile(dataDir)).apps[environment]?.appId
      const clientSecret = await secrets.get(secretKeys.appSecret(environment))
      return appId && clientSecret !== null ? { clientId: appId, clientSecret } : null
    },
    onRefreshed: async (bundle) => {
      // Pinterest just accepted this sign-in: whatever marked it dead (another process losing a refresh race) was
      // wrong. A sign-out stays a sign-out.
      await updateUser(dataDir, accountKey, (p) =>
        p.status === 'signed_out'
          ? p
          : { ...p, ...bundleFacts(bundle), status: 'connected', reason: undefined },
      )
      await opts.afterChange?.()
    },
    onSignInNeeded: async (reason) => {
      await updateUser(dataDir, accountKey, (p) => ({ ...p, status: 'needs_sign_in', reason }))
      await opts.afterChange?.()
    },
  })
}

/** The lock around read → refresh → store of one account's tokens, shared by every process on `dataDir`. */
export function refreshLock(dataDir: string, accountKey: string): FileLock {
  return new FileLock(refreshLockFile(dataDir, accountKey))
}

/** Opens the log only when there is something to say (rare: a keychain that refused a write). */
function dataDirLogger(dataDir: string): Logger {
  const write = (level: keyof Logger) => (message: string, fields?: Record<string, unknown>) => {
    try {
      const logger = createLogger({ dataDir })
      logger[level](message, fields)
      logger.close()
    } catch {
      // A log that cannot be written must not break renewing the sign-in.
    }
  }
  return { debug: () => undefined, info: write('info'), warn: write('warn'), error: write('error') }
}
