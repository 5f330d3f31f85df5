import type { ItemRepository } from '../db/item-repository'
import type { BatchDoneEvent } from '../../shared/progress-events'

/** Tells listeners once when a batch has nothing left to do (a notification, the taskbar); again after a retry reopens it. */
export class BatchWatch {
  private readonly listeners = new Set<(e: BatchDoneEvent) => void>()
  private readonly done = new Set<number>()

  constructor(private readonly repo: ItemRepository) {}

  on(l: (e: BatchDoneEvent) => void): () => void {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  reopen(batchId: number): void {
    this.done.delete(batchId)
  }

  /** Called when one of the batch's items reached a terminal state. */
  check(batchId: number): void {
    if (this.done.has(batchId) || this.repo.batchHasPending(batchId)) return
    const c = this.repo.batchCounts(batchId)
    this.done.add(batchId)
    const e: BatchDoneEvent = { batchId, published: c.published ?? 0, failed: c.failed ?? 0 }
    for (const l of this.listeners) l(e)
  }
}
