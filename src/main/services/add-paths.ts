import { basename, resolve } from 'node:path'
import type { AddResult, BatchDefaults, InputProblem, ItemDraft } from '../../shared/domain'
import { AppError } from '../../shared/ipc/result'
import type { QueueSink } from '../pipeline/queue-sink'
import { resolveScanBoards, scanPaths } from '../sources/folder-scan'
import type { BoardResolver } from '../sources/source-types'

/** One request to queue files and folders: the window's drop or pick, or `pinload upload`. */
export interface AddPathsRequest {
  /** Files and folders (folders are scanned recursively); relative paths are taken from the working folder. */
  paths: string[]
  defaults: BatchDefaults
  /**
   * The batch's board as the user typed it (ID, exact name, or name in any case), looked up before anything
   * is scanned; wins over `defaults.boardId`. An unknown board fails the whole request.
   */
  board?: string
  /** Post even where the same file is already queued or published on the board. */
  force?: boolean
  /** Where the batch came from: the window (`drop`) or the command (`cli`). */
  origin: 'drop' | 'cli'
}

export interface AddPathsOutcome {
  added: AddResult
  /** The drafts that passed the scan and the board checks, as handed to the queue (new or duplicates). */
  drafts: ItemDraft[]
}

export interface AddPathsDeps {
  sink: QueueSink
  /** A resolver that never creates boards, for this request; null when not connected to Pinterest. */
  resolver: () => BoardResolver | null
}

const needsBoard = (d: ItemDraft) => !d.meta.boardId && !d.meta.adAccountId

/**
 * Adding files and folders to the queue, for the window and the command alike: the batch's board looked
 * up, the paths scanned, sidecar board names resolved, files without a board reported, the rest queued as
 * one batch.
 */
export class AddPaths {
  constructor(private readonly deps: AddPathsDeps) {}

  async add(req: AddPathsRequest): Promise<AddPathsOutcome> {
    // One board listing serves the batch's board and every sidecar name, and none is made when unneeded.
    let resolver: BoardResolver | null | undefined
    const lookup = () => (resolver === undefined ? (resolver = this.deps.resolver()) : resolver)
    const defaults: BatchDefaults = { ...req.defaults }
    if (req.board !== undefined) {
      const r = lookup()
      if (!r) throw new AppError('auth', `Cannot look up board '${req.board}': not connected to Pinterest.`)
      const found = await r.resolve(req.board)
      if ('error' in found) throw new AppError('not_found', found.error)
      defaults.boardId = found.id
    }
    const paths = req.paths.map((p) => resolve(p))
    const scanned = await scanPaths(paths, defaults)
    const resolved = await resolveScanBoards(scanned, scanned.boardNames?.some(Boolean) ? lookup() : null)
    const problems: InputProblem[] = [...resolved.problems]
    const drafts: ItemDraft[] = []
    for (const d of resolved.drafts) {
      if (!needsBoard(d)) drafts.push(req.force ? { ...d, force: true } : d)
      else
        problems.push({
          where: d.path ?? d.url ?? '',
          message: `No board chosen for ${basename(d.path ?? d.url ?? '')}`,
          fix: 'Pick a board for the batch, or name one in a sidecar file.',
        })
    }
    if (drafts.length === 0) return { added: { queued: 0, duplicates: 0, problems }, drafts }
    const label = paths.length === 1 ? basename(paths[0]!) : `${paths.length} items`
    const { batchId, queued, duplicates } = this.deps.sink.enqueue(drafts, { kind: req.origin, label })
    return { added: { batchId, queued, duplicates, problems }, drafts }
  }
}
