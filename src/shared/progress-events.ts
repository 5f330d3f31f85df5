import { z } from 'zod'
import { ItemView, QueueTotals } from './domain'

/**
 * What the queue reports while it works: the payloads of `uploads:progress` and `uploads:batch-done`.
 * Kept apart from the IPC contract so the pipeline, which emits them, depends on these shapes only.
 */

/** Changes since the last flush (at most ~10 flushes a second). */
export const ProgressEvent = z.object({
  /** Items whose view changed since the last flush. */
  items: z.array(ItemView),
  /** Ids of items removed from the queue since the last flush. */
  removed: z.array(z.number().int()),
  totals: QueueTotals,
})
export type ProgressEvent = z.infer<typeof ProgressEvent>

/** A batch has nothing left to do: counts for the notification and the banner. */
export const BatchDoneEvent = z.object({
  batchId: z.number().int(),
  /** Items of the batch that ended published. */
  published: z.number().int(),
  /** Items of the batch that ended failed. */
  failed: z.number().int(),
})
export type BatchDoneEvent = z.infer<typeof BatchDoneEvent>
