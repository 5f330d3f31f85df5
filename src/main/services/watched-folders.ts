import type { ItemView, WatchView } from '../../shared/domain'
import { AppError } from '../../shared/ipc/result'
import { TERMINAL_STATES } from '../../shared/item-states'
import type { Logger } from '../logging/logger'
import type { BoardResolver } from '../sources/source-types'
import type { WatchService } from '../sources/watch-service'

/** A folder to watch, as the window or `pinload watch` asks for it. */
export interface WatchRequest {
  folder: string
  boardId?: string
  boardSectionId?: string
  /** The board as the user typed it (ID or name; `pinload watch --board`); wins over `boardId`. */
  board?: string
  subfolderBoards: boolean
  moveDone: boolean
}

export interface WatchedFoldersDeps {
  watches: WatchService
  /** A resolver that never creates boards; null when not connected to Pinterest. */
  resolver: () => BoardResolver | null
  /** The account in use: a folder keeps the one it was added under (issue 15). */
  accountKey: () => string
  logger: Logger
}

/**
 * Watched folders, for the window (kept across restarts) and `pinload watch` (one folder for the run):
 * adding one (its board looked up by name when typed, under the account in use, which the folder keeps),
 * removing one, and moving a watched file to done/ or failed/ once the queue has finished with it.
 */
export class WatchedFolders {
  constructor(private readonly deps: WatchedFoldersDeps) {}

  list(): WatchView[] {
    return this.deps.watches.list()
  }

  async add(req: WatchRequest): Promise<WatchView> {
    let boardId = req.boardId
    if (req.board !== undefined) {
      const resolver = this.deps.resolver()
      if (!resolver)
        throw new AppError('auth', `Cannot look up board '${req.board}': not connected to Pinterest.`)
      const found = await resolver.resolve(req.board)
      if ('error' in found) throw new AppError('not_found', found.error)
      boardId = found.id
    }
    return this.deps.watches.add({
      folder: req.folder,
      ...(boardId !== undefined && { boardId }),
      ...(req.boardSectionId !== undefined && { boardSectionId: req.boardSectionId }),
      subfolderBoards: req.subfolderBoards,
      moveDone: req.moveDone,
      // Its files go to this account even after a switch (issue 15).
      accountKey: this.deps.accountKey(),
    })
  }

  async remove(id: number): Promise<void> {
    await this.deps.watches.remove(id)
  }

  /** Items the queue reports changed: a watched file that was published or failed moves when its watch asks. */
  async itemsChanged(items: readonly ItemView[]): Promise<void> {
    const moves = items.flatMap((item) => {
      if (!item.path || !TERMINAL_STATES.includes(item.state)) return []
      if (item.state === 'cancelled' || item.state === 'skipped') return []
      const outcome = item.state === 'published' ? 'published' : 'failed'
      return [
        this.deps.watches
          .onItemFinished(item.path, outcome, item.error?.message)
          .catch((e: unknown) => this.deps.logger.warn('moving a finished file failed', { error: e })),
      ]
    })
    await Promise.all(moves)
  }
}
