import type { BatchDefaults, InputProblem, ItemDraft, WatchView } from '../../shared/domain'

/**
 * Where sources hand their work. Implemented by the queue (src/main/pipeline); sources never touch
 * SQLite themselves.
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
  /** Sidecar board names per draft (same index); undefined where the draft's board is already an ID. */
  boardNames?: (string | undefined)[]
  /** Sidecar section names per draft (same index). */
  sectionNames?: (string | undefined)[]
}

export type { BatchDefaults, WatchView }

/** Outcome of resolving a board or section name. `missing` marks "no such name" (as opposed to an API failure). */
export type NameLookup = { id: string; created?: boolean } | { error: string; missing?: boolean }

/** Turns board and section names into IDs (see board-resolver.ts). */
export interface BoardResolver {
  /** Board by ID, exact name, then case-insensitive name; creates it when the resolver was made with createMissing. */
  resolve(name: string): Promise<NameLookup>
  /** Same as resolve, but never creates anything (CSV preview). */
  lookup(name: string): Promise<NameLookup>
  /** Section by name within a board; creates it when createMissing. */
  resolveSection(boardId: string, name: string): Promise<NameLookup>
  /** Same as resolveSection, never creating. */
  lookupSection(boardId: string, name: string): Promise<NameLookup>
}
