import type { ItemView } from '../../../../shared/domain'
import { EDITABLE_STATES } from '../../../../shared/item-states'
import { batchName } from '../../store/queue-groups'

/** A batch as the review screen offers it: its Pins that may still be edited. */
export interface ReviewBatch {
  batchId: number
  name: string
  /** Editable items (draft, scheduled, queued, failed, needs attention), in queue order. */
  ids: number[]
  /** How many of them are drafts (what "Publish" sends). */
  drafts: number
}

/**
 * The batches that have something to review, newest first, batches with drafts before the rest: a batch just
 * added as drafts is what the user came to see.
 */
export function reviewBatches(
  items: Readonly<Record<number, ItemView>>,
  ids: readonly number[],
): ReviewBatch[] {
  const by = new Map<number, ItemView[]>()
  for (const id of ids) {
    const it = items[id]
    if (it === undefined || !EDITABLE_STATES.includes(it.state)) continue
    const list = by.get(it.batchId)
    if (list) list.push(it)
    else by.set(it.batchId, [it])
  }
  return [...by]
    .map(([batchId, list]) => ({
      batchId,
      // The queue's name for it, so a batch is called the same on both screens.
      name: batchName(items, batchId),
      ids: list.map((i) => i.id),
      drafts: list.filter((i) => i.state === 'draft').length,
    }))
    .sort((a, b) => Number(b.drafts > 0) - Number(a.drafts > 0) || b.batchId - a.batchId)
}
