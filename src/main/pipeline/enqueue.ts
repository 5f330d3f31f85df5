import { statSync } from 'node:fs'
import type { ItemDraft, ItemState } from '../../shared/domain'
import type { ItemRepository } from '../db/item-repository'
import type { ItemRow } from '../db/item-rows'
import { carouselStamp } from './carousel-item'

/** Failed or cancelled items do not block the same file from being queued again. */
const isGone = (state: ItemState) => state === 'failed' || state === 'cancelled'

/** How a batch enters the queue. */
export interface EnqueueOptions {
  /** Keep every item as a `draft` until the user publishes it (docs/architecture.md, "Drafts and scheduled items"). */
  asDrafts?: boolean
  /** The account the items belong to (a watched folder's, issue 15); default: the account in use. */
  accountKey?: string
}

/** The state a new item starts in: a draft, else `scheduled` while its publish time is ahead, else `queued`. */
function startState(draft: Pick<ItemDraft, 'publishAt'>, asDraft: boolean, now: number): ItemState {
  if (asDraft) return 'draft'
  return draft.publishAt !== undefined && draft.publishAt > now ? 'scheduled' : 'queued'
}

/**
 * Inserts drafts as one batch in one transaction. A file already queued or done for the same board (same
 * path, size and mtime) is counted as a duplicate and not queued again unless forced: that is what lets the
 * CLI be re-run with the same arguments after a crash without doubling anything.
 */
export function insertDrafts(
  repo: ItemRepository,
  drafts: ItemDraft[],
  origin: { kind: string; label: string },
  accountKey: string | undefined,
  opts: EnqueueOptions & { now: number },
): { batchId: number; inserted: ItemRow[]; duplicates: number } {
  const inserted: ItemRow[] = []
  let duplicates = 0
  const batchId = repo.database.transaction(() => {
    const id = repo.createBatch(origin)
    drafts.forEach((draft, seq) => {
      const st = draft.path ? statSync(draft.path, { throwIfNoEntry: false }) : undefined
      // A carousel is known by its folder (or CSV key) with its images' total size and latest mtime.
      const stamp = draft.carousel
        ? carouselStamp(draft.carousel)
        : st?.isFile()
          ? { size: st.size, mtimeMs: Math.floor(st.mtimeMs) }
          : undefined
      const size = stamp?.size
      const mtimeMs = stamp?.mtimeMs
      const board = draft.meta.boardId ?? null
      const known = draft.path
        ? size !== undefined && repo.knownState(draft.path, board, size, mtimeMs ?? null)
        : draft.url !== undefined && repo.latestFor({ url: draft.url }, board)?.state
      if (known && !isGone(known) && !draft.force) {
        duplicates++
        return
      }
      inserted.push(
        repo.insertRow(id, seq, {
          draft,
          state: startState(draft, opts.asDrafts === true, opts.now),
          ...(size !== undefined && { size, mtimeMs }),
          // A CSV row's own account wins over the batch's (issue 15).
          ...((draft.accountKey ?? accountKey) !== undefined && {
            accountKey: draft.accountKey ?? accountKey,
          }),
        }),
      )
    })
    return id
  })
  return { batchId, inserted, duplicates }
}
