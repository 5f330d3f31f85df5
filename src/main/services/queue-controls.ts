import type { ItemView, QueueTotals } from '../../shared/domain'
import { RETRYABLE_STATES, TERMINAL_STATES } from '../../shared/item-states'
import { AppError } from '../../shared/ipc/result'
import type { UploadQueue } from '../pipeline/upload-queue'

/** Which items a retry means: one item, a batch, or (`all`) every item that can be retried. */
export interface RetrySelection {
  itemId?: number
  batchId?: number
  /** Every failed, cancelled and needs-attention item; skipped duplicates too when `force`. */
  all?: boolean
  /** Post again even where a duplicate or a Pin may exist (docs/architecture.md, "Exactly one Pin per file"). */
  force?: boolean
}

/**
 * Pause, resume, cancel, retry and remove, for the window and the command alike. The command uses them
 * without running the queue: the process that runs it sees the change within a second.
 */
export class QueueControls {
  constructor(private readonly queue: UploadQueue) {}

  list(page: { afterId?: number; limit?: number } = {}): { items: ItemView[]; totals: QueueTotals } {
    return this.queue.list(page)
  }

  /** Items not finished yet (queued, running, resting between attempts, needing attention). */
  unfinished(): ItemView[] {
    return this.queue.list().items.filter((v) => !TERMINAL_STATES.includes(v.state))
  }

  pauseAll(reason?: string): QueueTotals {
    return this.queue.pauseAll(reason)
  }

  resumeAll(): QueueTotals {
    return this.queue.resumeAll()
  }

  /**
   * Pauses one batch: its items not started yet wait, kept across restarts; items already moving finish.
   * Answers the totals, whose `pausedBatches` lists it. A batch not in the queue is a not_found error.
   */
  pauseBatch(batchId: number): QueueTotals {
    return this.queue.pauseBatch(batchId, true)
  }

  /** Lets a paused batch's items go again (the others' order is kept: batches run in order). */
  resumeBatch(batchId: number): QueueTotals {
    return this.queue.pauseBatch(batchId, false)
  }

  /** Cancels an item or a batch; returns how many. A Pin being created is never cancelled. */
  cancel(sel: { itemId?: number; batchId?: number }): number {
    return this.queue.cancel(sel)
  }

  /** Retries the selected items; returns how many went back to the queue. */
  retry(sel: RetrySelection): number {
    const force = sel.force === true
    if (!sel.all) {
      const { itemId, batchId } = sel
      return this.queue.retry({
        ...(itemId !== undefined && { itemId }),
        ...(batchId !== undefined && { batchId }),
        ...(force && { force }),
      })
    }
    let n = 0
    for (const v of this.queue.list().items) {
      // A skipped item is a duplicate the user did not ask to post again: only `force` brings it back.
      if (!RETRYABLE_STATES.includes(v.state) || (v.state === 'skipped' && !force)) continue
      n += this.queue.retry({ itemId: v.id, ...(force && { force }) })
    }
    return n
  }

  remove(itemId: number): void {
    this.queue.remove(itemId)
  }

  /** Retries each of these items that can go again (the window's selection, in one request); how many did. */
  retryIds(ids: readonly number[]): number {
    let n = 0
    for (const itemId of ids) n += this.queue.retry({ itemId })
    return n
  }

  /**
   * Removes these items (the selection bar's Remove, once its Undo has passed). A Pin being created is left
   * (its answer decides whether it exists) and the rest still go. Returns the ids left in the queue.
   */
  removeIds(ids: readonly number[]): number[] {
    const left: number[] = []
    for (const itemId of ids) {
      try {
        this.queue.remove(itemId)
      } catch (e) {
        if (!(e instanceof AppError) || e.kind !== 'conflict') throw e
        left.push(itemId)
      }
    }
    return left
  }
}
