import type { Environment } from '../../shared/domain'
import { accountList, accountsNamed } from '../../shared/account-key'
import { AppError } from '../../shared/ipc/result'
import type { AccountFile } from './account-model'

/** One signed-in (or once signed-in) Pinterest account, as `pinload accounts list` shows it (issue 15). */
export interface KnownAccount {
  /** `<environment>:<username>`: accounts are told apart by the Pinterest user, not only the environment. */
  key: string
  environment: Environment
  username: string
  status: 'signed_out' | 'connected' | 'needs_sign_in'
  /** The account the app works with now. */
  current: boolean
}

/**
 * The accounts account.json knows: every user Pinterest named, production first, in the order they were added.
 * The current one is the account in use in the current environment.
 */
export function knownAccounts(file: AccountFile): KnownAccount[] {
  const current = file.current[file.environment]
  const accounts: KnownAccount[] = []
  for (const [key, user] of Object.entries(file.users)) {
    if (user.username === undefined) continue
    accounts.push({
      key,
      environment: user.environment,
      username: user.username,
      status: user.status,
      current: key === current,
    })
  }
  return accounts.sort((a, b) => Number(a.environment === 'sandbox') - Number(b.environment === 'sandbox'))
}

/**
 * Finds an account by username (with or without `@`) or by key. An unknown name is a clear error that lists
 * the known ones, so the user can copy the right one (issue 15, bad input).
 */
export function resolveAccount(file: AccountFile, name: string, environment?: Environment): KnownAccount {
  const accounts = knownAccounts(file)
  const named = accountsNamed(accounts, name)
  // One username in both environments: the one of `environment` (a command's --sandbox) when given. A key
  // names one account, whatever `environment` says.
  const found = named.find((a) => environment === undefined || a.environment === environment) ?? named[0]
  if (found) return found
  const list = accountList(accounts)
  throw new AppError(
    'validation',
    accounts.length === 0
      ? `Unknown account "${name}": no account is signed in yet. Run \`pinload login\`.`
      : `Unknown account "${name}". Known accounts: ${list}.`,
  )
}
