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
