import type { ItemRepository } from '../db/item-repository'
import type { WaitingAccount } from '../../shared/domain'
import type { UploadQueueDeps } from './queue-types'

interface PauseSummary {
  paused: boolean
  reason: string | undefined
  pausedBatches?: number[]
  waitingAccounts?: WaitingAccount[]
}

/** Counts for the batch header and the taskbar, read from the trigger-kept counts (no table scan). */
function storedTotals(
  repo: ItemRepository,
  pause: PauseSummary,
  slowdown?: { until: number; by: 'pinterest' | 'budget'; accountKey?: string } | null,
) {
  const byState = repo.countsByState()
  return {
    total: Object.values(byState).reduce((a, b) => a + b, 0),
    byState,
    bytesTotal: repo.activeBytes(),
    paused: pause.paused,
    ...(pause.reason !== undefined && { pausedReason: pause.reason }),
    ...(pause.pausedBatches?.length && { pausedBatches: pause.pausedBatches }),
    ...(pause.waitingAccounts?.length && { waitingAccounts: pause.waitingAccounts }),
    ...(slowdown && { slowedUntil: slowdown.until, slowedBy: slowdown.by }),
    ...(slowdown?.accountKey !== undefined && { slowedAccountKey: slowdown.accountKey }),
  }
}

/** The stored totals with what the queue's dependencies know now: the pacing hold (for the ETA) and why requests wait. */
export function liveTotals(
  repo: ItemRepository,
  pause: PauseSummary,
  deps: Pick<UploadQueueDeps, 'holdUntil' | 'slowdown'>,
) {
  return { ...storedTotals(repo, pause, deps.slowdown?.()), holdUntil: deps.holdUntil?.() }
}
