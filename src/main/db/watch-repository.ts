import type { Database } from './connection'

/** A stored watched folder (persisted here, so watches survive a restart). */
export interface WatchRecord {
  id: number
  folder: string
  boardId?: string
  boardSectionId?: string
  subfolderBoards: boolean
  moveDone: boolean
  /** The account its files are queued under (issue 15); absent: the account in use when they are. */
  accountKey?: string
}

/** Where the watch service keeps its folders: this repository, or an in-memory one for a single command run. */
export interface WatchStore {
  list(): WatchRecord[]
  add(input: Omit<WatchRecord, 'id'>): WatchRecord
  remove(id: number): void
}

interface WatchRow {
  id: number
  folder: string
  board_id: string | null
  board_section_id: string | null
  subfolder_boards: number
  move_done: number
  account_key: string | null
}

function toRecord(r: WatchRow): WatchRecord {
  return {
    id: r.id,
    folder: r.folder,
    ...(r.board_id !== null && { boardId: r.board_id }),
    ...(r.board_section_id !== null && { boardSectionId: r.board_section_id }),
    subfolderBoards: r.subfolder_boards === 1,
    moveDone: r.move_done === 1,
    ...(r.account_key !== null && { accountKey: r.account_key }),
  }
}

/** Watched folders, persisted so watches survive a restart. Adding a folder twice updates it. */
export class WatchRepository implements WatchStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  list(): WatchRecord[] {
    return (this.db.prepare('SELECT * FROM watches ORDER BY id').all() as WatchRow[]).map(toRecord)
  }

  add(input: Omit<WatchRecord, 'id'>): WatchRecord {
    const row = this.db
      .prepare(
        `INSERT INTO watches(folder, board_id, board_section_id, subfolder_boards, move_done, account_key, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(folder) DO UPDATE SET board_id = excluded.board_id, board_section_id = excluded.board_section_id,
           subfolder_boards = excluded.subfolder_boards, move_done = excluded.move_done,
           account_key = excluded.account_key
         RETURNING *`,
      )
      .get(
        input.folder,
        input.boardId ?? null,
        input.boardSectionId ?? null,
        input.subfolderBoards ? 1 : 0,
        input.moveDone ? 1 : 0,
        input.accountKey ?? null,
        this.now(),
      ) as WatchRow
    return toRecord(row)
  }

  remove(id: number): void {
    this.db.prepare('DELETE FROM watches WHERE id = ?').run(id)
  }
}
