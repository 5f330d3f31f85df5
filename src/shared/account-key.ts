import type { Environment } from './domain'

/*
 * Account keys (issue 15): `<environment>:<username>`, the key of the queue's rows, the keychain entries and the
 * command's `--account`; a sign-in whose user is unknown keeps the environment alone, which is also where its
 * tokens were stored before accounts were keyed by user. Made and read only here.
 */

/** The key of an environment's user (the environment alone when the user is unknown). */
export function userKeyOf(environment: Environment, username: string | undefined): string {
  return username === undefined || username === '' ? environment : `${environment}:${username}`
}

/** The environment an account key belongs to. */
export function environmentOfKey(key: string): Environment {
  return key.startsWith('sandbox') ? 'sandbox' : 'production'
}

/** The username an account key names; undefined for an environment alone. */
export function usernameOfKey(key: string): string | undefined {
  const colon = key.indexOf(':')
  return colon < 0 ? undefined : key.slice(colon + 1)
}

/**
 * The accounts a name may mean: a key, or a username with or without `@` (in any case with `anyCase`, as a CSV
 * cell is read); those matched by key first.
 */
export function accountsNamed<A extends { key: string; username: string }>(
  accounts: readonly A[],
  name: string,
  anyCase = false,
): A[] {
  const fold = (s: string) => (anyCase ? s.toLocaleLowerCase() : s)
  const wanted = fold(name.trim().replace(/^@/, ''))
  return [
    ...accounts.filter((a) => fold(a.key) === wanted),
    ...accounts.filter((a) => fold(a.username) === wanted),
  ]
}

/** "@a (production), @b (sandbox)": the known accounts, as an unknown name's message lists them. */
export function accountList(accounts: readonly { username: string; environment: string }[]): string {
  return accounts.map((a) => `@${a.username} (${a.environment})`).join(', ')
}
