import { describe, expect, it } from 'vitest'
import { taskbarProgress } from '../../src/main/app/desktop-ports'
import type { QueueTotals } from '../../src/shared/domain'

const totals = (t: Partial<QueueTotals>): QueueTotals => ({
  total: 0,
  byState: {},
  bytesSent: 0,
  bytesTotal: 0,
  paused: false,
  ...t,
})

describe('taskbar progress', () => {
  it('is hidden when nothing is running', () => {
    expect(taskbarProgress(totals({ byState: { published: 4, failed: 1 } }))).toEqual({
      value: -1,
      mode: 'none',
    })
    // Drafts and items waiting for their publish time are not running either.
    expect(taskbarProgress(totals({ byState: { draft: 2, scheduled: 3 } }))).toEqual({
      value: -1,
      mode: 'none',
    })
  })
  it('shows the bytes sent of the running work', () => {
    expect(taskbarProgress(totals({ byState: { uploading: 2 }, bytesSent: 25, bytesTotal: 100 }))).toEqual({
      value: 0.25,
      mode: 'normal',
    })
  })
  it('is indeterminate before any size is known, and marked when paused', () => {
    expect(taskbarProgress(totals({ byState: { queued: 3 } }))).toEqual({ value: 2, mode: 'indeterminate' })
    expect(
      taskbarProgress(totals({ byState: { queued: 3 }, bytesSent: 50, bytesTotal: 100, paused: true })),
    ).toEqual({ value: 0.5, mode: 'paused' })
  })
})

it('shows the bar as paused while nothing moves and an account waits for a sign-in (issue 15)', () => {
  const waiting = [{ key: 'production:brand_a', reason: 'Sign in again to continue', items: 3 }]
  expect(
    taskbarProgress(
      totals({ byState: { queued: 3 }, bytesSent: 10, bytesTotal: 100, waitingAccounts: waiting }),
    ),
  ).toEqual({ value: 0.1, mode: 'paused' })
  // Another account's items still go: the bar runs.
  expect(
    taskbarProgress(
      totals({
        byState: { queued: 2, uploading: 1 },
        bytesSent: 10,
        bytesTotal: 100,
        waitingAccounts: waiting,
      }),
    ),
  ).toEqual({ value: 0.1, mode: 'normal' })
})
