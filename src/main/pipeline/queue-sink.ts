import type { ItemDraft } from '../../shared/domain'
import type { EnqueueOptions } from './enqueue'

/** Where a batch came from, and its label in the queue. */
export interface QueueOrigin {
  kind: 'drop' | 'folder' | 'watch' | 'csv' | 'cli'
  label: string
}

/**
 * Where sources hand their work. Implemented by the queue (UploadQueue); sources import this type only and
 * never touch SQLite themselves.
 */
export interface QueueSink {
  /**
   * Queues drafts as one batch in one transaction; returns the batch id and how many were queued. An item
   * whose `publishAt` is ahead starts `scheduled`; with `asDrafts` every item starts as a `draft`.
   */
  enqueue(
    drafts: ItemDraft[],
    origin: QueueOrigin,
    opts?: EnqueueOptions,
  ): {
    batchId: number
    queued: number
    duplicates: number
  }
  /**
   * True when a file with this path, size and mtime is already queued, running or published, so a
   * watcher's catch-up never queues it again.
   */
  isKnownFile(path: string, size: number, mtimeMs: number): boolean
}
