import { describe, expect, it } from 'vitest'
import { formatTotals, waitingAccountLines, withWaitingFromFile } from '../../src/cli/report'
import type { ItemView, QueueTotals } from '../../src/shared/domain'

const totals = (extra: Partial<QueueTotals> = {}): QueueTotals => ({
  total: 2,
  byState: { queued: 2 },
  bytesSent: 0,
  bytesTotal: 2,
  paused: false,
  ...extra,
})

describe('the command on accounts whose items wait for a sign-in (issue 15)', () => {
  it('names each account and how to sign it in, and does not call the queue paused', () => {
    const t = totals({
      waitingAccounts: [
        { key: 'production:brand_a', account: 'brand_a', reason: 'Sign in again to continue', items: 2 },
        { key: 'sandbox', reason: 'Sign in again to continue', items: 1 },
      ],
    })
    expect(formatTotals(t)).toBe('2 item(s): queued 2')
    expect(waitingAccountLines(t)).toEqual([
      '@brand_a: Sign in again to continue — its 2 items wait while the others send. Run `pinload accounts add` as brand_a (or `pinload login`) to send them.',
      'The sandbox account: Sign in again to continue — its 1 item waits while the others send. Run `pinload login --sandbox` to send them.',
    ])
  })

  it('says nothing when every account sends', () => {
    expect(waitingAccountLines(totals())).toEqual([])
  })
})

it('pinload status, which runs no queue, names the accounts of unfinished items that are not signed in', () => {
  const item = (id: number, state: ItemView['state'], account: string, env?: 'sandbox'): ItemView => ({
    id,
    batchId: 1,
    name: `${id}.jpg`,
    state,
    bytesSent: 0,
    bytesTotal: 1,
    attempts: 0,
    updatedAt: 0,
    account,
    ...(env && { accountEnvironment: env }),
  })
  const items = [
    item(1, 'queued', 'brand_a'),
    item(2, 'published', 'gone_b'),
    item(3, 'draft', 'draft_c'),
    item(4, 'scheduled', 'brand_d', 'sandbox'),
    item(5, 'queued', 'fine_e'),
    item(6, 'uploading', 'brand_a'),
    item(7, 'needs_attention', 'asks_f'),
  ]
  const out = withWaitingFromFile(totals(), items, (k) => k === 'production:fine_e')
  expect(out.waitingAccounts).toEqual([
    { key: 'production:brand_a', account: 'brand_a', reason: 'Sign in again to continue', items: 2 },
    { key: 'sandbox:brand_d', account: 'brand_d', reason: 'Sign in again to continue', items: 1 },
  ])
  expect(withWaitingFromFile(totals(), items.slice(4, 5), () => true)).toEqual(totals())
})
