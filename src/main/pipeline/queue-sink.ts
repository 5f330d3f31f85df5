import type { ItemDraft } from '../../shared/domain'

/**
 * Where sources hand their work. Implemented by the queue (UploadQueue); sources import this type only and
 * never touch SQLite themselves.
 */
export interface QueueSink {
  /** Queues drafts as one batch in one transaction; returns the batch id and how many were queued. */
  enqueue(
    drafts: ItemDraft[],
    origin: { kind: 'drop' | 'folder' | 'watch' | 'csv' | 'cli'; label: string },
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
