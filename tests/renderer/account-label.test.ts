import { describe, expect, it } from 'vitest'
import {
  accountLabel,
  accountsSummary,
  accountWords,
  namesInBoth,
} from '../../src/renderer/src/features/queue/account-label'

const prod = (account: string) => ({ account, accountEnvironment: 'production' as const })
const sandbox = (account: string) => ({ account, accountEnvironment: 'sandbox' as const })

/** How a queue row names its account (issue 15). */
describe('account labels on queue rows', () => {
  it('names none while the queue holds one account', () => {
    expect(accountsSummary([prod('ann'), prod('ann'), {}])).toBe('')
  })

  it('names the username alone when it tells the accounts apart', () => {
    const summary = accountsSummary([prod('ann'), prod('bob')])
    expect(summary).not.toBe('')
    const inBoth = namesInBoth(summary)
    expect(inBoth.size).toBe(0)
    expect([prod('ann'), prod('bob')].map((i) => accountLabel(i, inBoth))).toEqual(['@ann', '@bob'])
  })

  it('adds the environment to a sandbox account, and to a username in both environments', () => {
    const items = [prod('ann'), sandbox('ann'), prod('bob'), sandbox('cat')]
    const summary = accountsSummary(items)
    expect(summary).not.toBe('')
    const inBoth = namesInBoth(summary)
    expect(items.map((i) => accountLabel(i, inBoth))).toEqual([
      '@ann (production)',
      '@ann (sandbox)',
      '@bob',
      '@cat (sandbox)',
    ])
  })

  it('one username in both environments is two accounts: the rows name them', () => {
    const inBoth = namesInBoth(accountsSummary([prod('ann'), sandbox('ann')]))
    expect(inBoth.has('ann')).toBe(true)
    expect(accountLabel(sandbox('ann'), inBoth)).toBe('@ann (sandbox)')
  })
})

it('the queue notes name an account by its key: a sandbox one as such, a key naming no user by its environment', () => {
  expect(accountWords('production:brand_a')).toBe('@brand_a')
  expect(accountWords('sandbox:brand_a')).toBe('@brand_a (sandbox)')
  expect(accountWords('sandbox')).toBe('the sandbox account')
  expect(accountWords('sandbox', true)).toBe('The sandbox account')
})
