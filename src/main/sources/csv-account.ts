import { accountList, accountsNamed } from '../../shared/account-key'
import type { BoardResolver } from './source-types'

/** A Pinterest account a CSV row may name (issue 15): as `pinload accounts list` shows it. */
export interface CsvAccount {
  /** `<environment>:<username>`. */
  key: string
  username: string
  environment: string
  status: 'signed_out' | 'connected' | 'needs_sign_in'
  /** The account in use: its rows need no `account` cell. */
  current: boolean
}

/** The accounts of one preview, and a never-creating board resolver for each connected one. */
export interface CsvAccounts {
  list: readonly CsvAccount[]
  resolver(accountKey: string): BoardResolver | null
  /** The account the import runs under: a row naming it uses the preview's own resolver (and its board matches). */
  importKey?: string
}

/**
 * The account an `account` cell names: a username (with or without `@`, in any case) or a key. Unknown, or not
 * signed in (its boards cannot be read, nor its Pins sent): an error on the row that lists the known ones.
 */
export function csvAccount(
  name: string,
  accounts: CsvAccounts | undefined,
  column: string,
): { account: CsvAccount } | { error: string } {
  const list = accounts?.list ?? []
  const matches = accountsNamed(list, name, true)
  // The same username in production and in the sandbox: the one of the environment in use.
  const account = matches.find((a) => a.current) ?? matches[0]
  const known = accountList(list)
  if (!account)
    return {
      error:
        list.length === 0
          ? `'${column}' ${name}: no Pinterest account is signed in yet; sign in first (pinload login)`
          : `'${column}' ${name} is not an account Pinload knows; known accounts: ${known}`,
    }
  if (account.status !== 'connected')
    return {
      error: `'${column}' ${name}: @${account.username} (${account.environment}) is not signed in; sign in to it again (pinload login), then preview the file again`,
    }
  return { account }
}
