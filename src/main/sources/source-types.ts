import type { BatchDefaults, InputProblem, ItemDraft, WatchView } from '../../shared/domain'

/**
 * Where sources hand their work. Implemented by the queue (src/main/pipeline); sources never touch
 * SQLite themselves.
 */
export interface QueueSink {
  /** Queues drafts as one batch in one transaction; returns the batch id and how many were queued. */
  enqueue(drafts: ItemDraft[], origin: { kind: 'drop' | 'folder' | 'watch' | 'csv' | 'cli'; label: string }): {
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

/** A stored watched folder (persisted by the db layer, so watches survive a restart). */
export interface WatchRecord {
  id: number
  folder: string
  boardId?: string
  boardSectionId?: string
  subfolderBoards: boolean
  moveDone: boolean
}

export interface WatchStore {
  list(): WatchRecord[]
  add(input: Omit<WatchRecord, 'id'>): WatchRecord
  remove(id: number): void
}

/** Result of scanning dropped/picked paths: drafts ready for the queue, and what was left out and why. */
export interface ScanResult {
  drafts: ItemDraft[]
  problems: InputProblem[]
}

export type { BatchDefaults, WatchView }
