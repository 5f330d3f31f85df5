import { basename } from 'node:path'
import type { ItemEditPatch } from '../../shared/ipc/contract'
import { AppError } from '../../shared/ipc/result'
import { checkCoverImage } from '../media/cover-image'
import { pinFieldProblems } from '../media/pin-field-rules'
import {
  editItems,
  publishDrafts,
  type ItemSelection,
  type PlanContext,
  type RowEdit,
} from '../pipeline/item-plans'

/** The queue's side of planning: one transaction over resting items (UploadQueue.amend). */
interface PlanQueue {
  amend<T>(change: (ctx: PlanContext) => T): T
}

/** What an edit did: how many items took it, and each refused item with the reason. */
interface EditOutcome {
  updated: number
  refused: { id: number; message: string }[]
}

/**
 * An edit as main takes it: the window's cover image grant already resolved to its path (`coverImagePath`), as
 * the command's `--cover-image` gives it.
 */
export type PlanPatch = Omit<ItemEditPatch, 'coverImage'> & { coverImagePath?: string | null }

/** Empty text means "none", as the window's cleared field and the command's `--title ""` say. */
const text = (v: string | undefined) => (v === undefined ? undefined : v === '' ? null : v)

function rowEdit(p: PlanPatch): RowEdit {
  const e: RowEdit = {}
  const set = <K extends keyof RowEdit>(k: K, v: RowEdit[K] | undefined) => {
    if (v !== undefined) e[k] = v
  }
  set('title', text(p.title))
  set('description', text(p.description))
  set('link', text(p.link))
  set('alt_text', text(p.altText))
  set('board_id', p.boardId)
  set('board_section_id', p.boardSectionId)
  set('publish_at', p.publishAt)
  set('cover_key_frame_s', p.coverKeyFrameS)
  set('cover_image_path', p.coverImagePath)
  // A frame chosen replaces a cover image, and an image a frame: the Pin has one cover.
  if (p.coverKeyFrameS !== undefined && p.coverKeyFrameS !== null && p.coverImagePath === undefined)
    e.cover_image_path = null
  if (p.coverImagePath !== undefined && p.coverImagePath !== null && p.coverKeyFrameS === undefined)
    e.cover_key_frame_s = null
  return e
}

/**
 * Planning before publishing, for the window (`items:edit`, `items:publish`) and the command (`pinload edit`,
 * `pinload publish`) alike: edit a Pin's words, board, time or cover while it rests, and publish drafts.
 */
export class PlanItems {
  constructor(private readonly queue: PlanQueue) {}

  /**
   * Applies `patch` to each item that can take it. The text is checked against Pinterest's limits (title 100,
   * description 800, link 2,048 and a web address, alt text 500: docs/pinterest-api.md) first; text that
   * breaks one refuses every item with the rule broken, and nothing is written. `queueElsewhere`: another
   * process runs the queue (the command beside the app), so items due now are refused rather than changed
   * under a run that may have read them already; absent, that holds while this process's queue is not running
   * (the app waiting for the queue lock a `pinload` command holds).
   */
  async edit(
    ids: readonly number[],
    patch: PlanPatch,
    opts: { queueElsewhere?: boolean } = {},
  ): Promise<EditOutcome> {
    if (patch.coverImagePath !== undefined && patch.coverImagePath !== null) {
      const check = await checkCoverImage(patch.coverImagePath, basename(patch.coverImagePath))
      if (!check.ok)
        return { updated: 0, refused: [...new Set(ids)].map((id) => ({ id, message: check.error })) }
    }
    const problems = pinFieldProblems({
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.description !== undefined && { description: patch.description }),
      ...(patch.link !== undefined && { link: patch.link }),
      ...(patch.altText !== undefined && { altText: patch.altText }),
    })
    if (problems.length > 0) {
      const message = problems.map((p) => `${p.message}. ${p.fix}`).join(' ')
      return { updated: 0, refused: [...new Set(ids)].map((id) => ({ id, message })) }
    }
    const edit = rowEdit(patch)
    if (Object.keys(edit).length === 0)
      throw new AppError('validation', 'Nothing to change: name a field to edit.')
    return this.queue.amend((ctx) => editItems(ctx, ids, edit, opts.queueElsewhere))
  }

  /** Publishes the drafts named (ids, a batch, or all); returns how many became queued or scheduled. */
  publish(sel: ItemSelection): { published: number } {
    if (!sel.all && sel.batchId === undefined && (sel.ids?.length ?? 0) === 0)
      throw new AppError('validation', 'Name the drafts to publish: item ids, a batch, or all.')
    return { published: this.queue.amend((ctx) => publishDrafts(ctx, sel)) }
  }
}
