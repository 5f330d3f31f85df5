import { environmentOfKey, userKeyOf, usernameOfKey } from '../../../../shared/account-key'
import type { ItemView } from '../../../../shared/domain'

type Accounted = Pick<ItemView, 'account' | 'accountEnvironment'>

/**
 * What the queue's rows need to name their accounts (issue 15), as one string so a store selector stays cheap
 * to compare: '' while the queue holds at most one account (rows name none), else the usernames found in both
 * environments, one a line after a first line `*`.
 */
export function accountsSummary(items: Iterable<Accounted>): string {
  const keys = new Set<string>()
  const byName = new Map<string, Set<string>>()
  for (const item of items) {
    if (item.account === undefined) continue
    const environment = item.accountEnvironment ?? 'production'
    keys.add(userKeyOf(environment, item.account))
    byName.set(item.account, (byName.get(item.account) ?? new Set()).add(environment))
  }
  if (keys.size < 2) return ''
  const inBoth = [...byName].filter(([, environments]) => environments.size > 1).map(([name]) => name)
  return ['*', ...inBoth.sort()].join('\n')
}

/** The usernames of `accountsSummary` that are in both environments. */
export function namesInBoth(summary: string): ReadonlySet<string> {
  return new Set(summary.split('\n').slice(1))
}

/**
 * "@user", with the environment when the name alone does not tell which account: a sandbox account's item, or a
 * username in both environments ("@user (sandbox)", "@user (production)").
 */
export function accountLabel(item: Accounted, inBoth: ReadonlySet<string>): string | undefined {
  if (item.account === undefined) return undefined
  const environment = item.accountEnvironment ?? 'production'
  const tell = environment === 'sandbox' || inBoth.has(item.account)
  return tell ? `@${item.account} (${environment})` : `@${item.account}`
}

/** "@user", "@user (sandbox)", or for a key naming no user "the sandbox account" ("The …" to start a sentence). */
export function accountWords(key: string, start = false): string {
  const user = usernameOfKey(key)
  if (user === undefined) return `${start ? 'The' : 'the'} ${key} account`
  return environmentOfKey(key) === 'sandbox' ? `@${user} (sandbox)` : `@${user}`
}
