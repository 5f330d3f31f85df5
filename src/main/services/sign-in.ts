import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { readAccountFileSync } from '../auth/account-file'
import type { MigrationContext } from '../db/migrations/migration-types'
import { AccountService } from '../auth/account-service'
import type { AccountServiceOptions } from '../auth/account-types'
import { DB_FILE_NAME, openDatabaseFile, type Database } from '../db/connection'
import { rekeyAccount } from '../db/migrations/0010-account-keys'
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
  /** Moves the queue's rows of an account Pinterest just named; default: in the data folder's database. */
  onUserNamed?: AccountServiceOptions['onUserNamed']
}

/** What the database's migrations need from account.json (issue 15): each environment's account, the one in use. */
export function migrationContext(dataDir: string): MigrationContext {
  const file = readAccountFileSync(dataDir)
  return { accountKeys: file.current, currentKey: file.current[file.environment] ?? file.environment }
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
    onUserNamed: opts.onUserNamed ?? ((from, to) => rekeyDataFolder(opts.dataDir, from, to)),
  })
}

/**
 * Moves the items, pacing rules, write journal and watched folders kept under an environment alone to the user Pinterest named
 * (issue 15), in one transaction. Idempotent: a second call finds nothing under `from`. Returns the items moved.
 */
export function rekeyNamedUser(db: Database, from: string, to: string): number[] {
  return db.transaction(() => {
    const rows = db.prepare('SELECT id FROM items WHERE account_key = ?').all(from) as { id: number }[]
    rekeyAccount(db, from, to)
    // A folder watched under the environment alone follows its user too.
    db.prepare('UPDATE watches SET account_key = ? WHERE account_key = ?').run(to, from)
    return rows.map((r) => r.id)
  })
}

/** `rekeyNamedUser` for a command that signs in without opening the queue: on the data folder's database, if any. */
function rekeyDataFolder(dataDir: string, from: string, to: string): void {
  const file = join(dataDir, DB_FILE_NAME)
  if (!existsSync(file)) return
  const db = openDatabaseFile(file, { migration: migrationContext(dataDir) })
  try {
    rekeyNamedUser(db, from, to)
  } finally {
    db.close()
  }
}
