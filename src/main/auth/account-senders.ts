import type { Logger } from '../logging/logger'
import type { TokenProvider } from '../pinterest/api-types'
import { resolveApiBase } from '../pinterest/pinterest-client'
import { KeyringSecretStore } from '../secrets/secret-store'
import { currentKeyOf, readAccountFile } from './account-file'
import type { AccountFile } from './account-model'
import { AccountRefreshers } from './account-refreshers'
import { envTokenProvider, type EnvToken } from './env-token'

/**
 * Which accounts' items go now, and with whose tokens (issue 15): every signed-in account sends its own items
 * with its own keychain sign-in, not only the account in use. PINLOAD_ACCESS_TOKEN is used instead of the saved
 * sign-ins (docs/architecture.md, "Secrets"): while it is set, only the items of its environment go.
 */
export class AccountSenders {
  constructor(
    private readonly deps: {
      file: () => AccountFile
      envToken: () => EnvToken | null
      refreshers: AccountRefreshers
      /** Tokens are read once this settles (the first start's move of an old sign-in's keychain entry). */
      ready?: Promise<void>
    },
  ) {}

  /** Whether this account's items may be sent now: signed in, and no new sign-in needed. */
  sends(accountKey: string): boolean {
    const envToken = this.deps.envToken()
    if (envToken) return accountKey === envToken.environment
    if (this.deps.refreshers.isDead(accountKey)) return false
    const file = this.deps.file()
    const user = file.users[accountKey]
    // An account account.json does not know sends only when it is the one in use: its keychain entry decides.
    if (!user) return accountKey === currentKeyOf(file, file.environment)
    return user.status === 'connected'
  }

  /** The account's own tokens: its keychain sign-in (its own refresher), or the environment token. */
  tokensFor(accountKey: string): TokenProvider {
    const provider = async (): Promise<TokenProvider> => {
      await this.deps.ready
      const envToken = this.deps.envToken()
      if (envToken && accountKey === envToken.environment) return envTokenProvider(envToken)
      return this.deps.refreshers.for(accountKey)
    }
    return {
      getAccessToken: async () => (await provider()).getAccessToken(),
      refreshAccessToken: async () => (await provider()).refreshAccessToken(),
    }
  }

  /** Every account whose items may be sent now. */
  sending(): string[] {
    const envToken = this.deps.envToken()
    if (envToken) return [envToken.environment]
    const file = this.deps.file()
    const keys = new Set([...Object.keys(file.users), currentKeyOf(file, file.environment)])
    return [...keys].filter((key) => this.sends(key))
  }
}

/**
 * A command's senders for the accounts besides the one it signed in as (issue 15: a command that runs the queue
 * sends every signed-in account's items, as the app does), from account.json as it is now.
 */
export async function commandSenders(opts: {
  dataDir: string
  env: NodeJS.ProcessEnv
  logger: Logger
}): Promise<{ senders: AccountSenders; dispose(): void }> {
  let file = await readAccountFile(opts.dataDir)
  const refreshers = new AccountRefreshers(
    {
      dataDir: opts.dataDir,
      secrets: new KeyringSecretStore(),
      apiBaseFor: (environment) => resolveApiBase(environment, opts.env),
      now: Date.now,
      logger: opts.logger,
    },
    // A refresh or a dead sign-in was written to account.json: read it again.
    async () => void (file = await readAccountFile(opts.dataDir)),
  )
  const senders = new AccountSenders({ file: () => file, envToken: () => null, refreshers })
  return { senders, dispose: () => refreshers.dispose() }
}
