import { describe, expect, it } from 'vitest'
import { formatTotals, waitingAccountLines } from '../../src/cli/report'
import type { QueueTotals } from '../../src/shared/domain'

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
        { key: 'production:brand_a', account: 'brand_a', reason: 'Sign in again to continue' },
        { key: 'sandbox', reason: 'Sign in again to continue' },
      ],
    })
    expect(formatTotals(t)).toBe('2 item(s): queued 2')
    expect(waitingAccountLines(t)).toEqual([
      '@brand_a: Sign in again to continue — its items wait while the others send. Run `pinload accounts add` as brand_a (or `pinload login`) to send them.',
      'The sandbox account: Sign in again to continue — its items wait while the others send. Run `pinload login --sandbox` to send them.',
    ])
  })

  it('says nothing when every account sends', () => {
    expect(waitingAccountLines(totals())).toEqual([])
  })
})
