import type { ItemRepository } from '../db/item-repository'

/** Counts for the batch header and the taskbar, read from the trigger-kept counts (no table scan). */
export function storedTotals(
  repo: ItemRepository,
  pause: { paused: boolean; reason: string | undefined; pausedBatches?: number[] },
) {
  const byState = repo.countsByState()
  return {
    total: Object.values(byState).reduce((a, b) => a + b, 0),
    byState,
    bytesTotal: repo.activeBytes(),
    paused: pause.paused,
    ...(pause.reason !== undefined && { pausedReason: pause.reason }),
    ...(pause.pausedBatches?.length && { pausedBatches: pause.pausedBatches }),
  }
}
