import type { ItemState } from '../../shared/domain'
import { EDITABLE_STATES } from '../../shared/item-states'
import { dropItemOffset, itemOffset } from '../db/item-offsets'
import type { ItemPatch, ItemRow } from '../db/item-rows'
import type { ItemStore } from './item-store'
import { RETRYABLE, retryPlan } from './transitions'

/**
 * The user's changes to items that rest (publish a draft, edit a Pin's text, board or time), applied by the
 * queue in one transaction (`UploadQueue.amend`). Kept out of the scheduler: nothing here runs an item, it
 * only decides which resting state an item is in (docs/architecture.md, "Drafts and scheduled items").
 */
export interface PlanContext {
  store: ItemStore
  /** True while the scheduler runs the item (a queued item being validated is still `queued` on disk). */
  isRunning: (id: number) => boolean
  /** Unix ms, read once for the whole change. */
  now: number
  /** Tells the batch watch the batch has work again, so its "done" is announced once more at the end. */
  reopen: (batchId: number) => void
  /**
   * True once this process runs the queue (holds the queue lock). The app waits for the lock while a `pinload`
   * command runs the queue; until then that command may be sending any due item.
   */
  queueHere: boolean
}

/** Which items a publish names: ids, every item of a batch, or every draft. */
export interface ItemSelection {
  ids?: readonly number[]
  batchId?: number
  all?: boolean
  /** Never these, whatever else names them (the window's rows removed with Undo still offered). */
  except?: readonly number[]
}

/**
 * An item due within this much counts as due for an edit beside another process's queue: that queue may start it
 * before the edit commits, and would then send what it read before.
 */
const DUE_SOON_MS = 10_000
/** A new publish time this far in the past is refused: the item would count as late (pacing's "missed its time"). */
const PAST_GRACE_MS = 60_000

/** Queued while its time has come, scheduled while it is ahead. */
const waitingState = (publishAt: number | null, now: number): 'queued' | 'scheduled' =>
  publishAt !== null && publishAt > now ? 'scheduled' : 'queued'

function selectedRows(ctx: PlanContext, sel: ItemSelection): ItemRow[] {
  const repo = ctx.store.repo
  const except = new Set(sel.except)
  if (sel.all) return repo.byState('draft').filter((r) => !except.has(r.id))
  const rows = sel.batchId !== undefined ? repo.byBatch(sel.batchId) : []
  for (const id of sel.ids ?? []) {
    const r = repo.get(id)
    if (r && (sel.batchId === undefined || r.batch_id === sel.batchId)) rows.push(r)
  }
  return rows.filter((r) => !except.has(r.id))
}

/**
 * A draft spread over several boards with an interval (issue 13) was timed when it was added: its file's first
 * Pin then, this one its offset later. Published later, the spacing starts again from the first Pin's time if
 * that is still ahead (a time the user gave), else from now; without an offset the draft keeps its time.
 */
function rebasedTime(ctx: PlanContext, row: ItemRow): number | null {
  const offset = itemOffset(ctx.store.repo.database, row.id)
  if (offset === undefined || row.publish_at === null) return row.publish_at
  return Math.max(row.publish_at - offset, ctx.now) + offset
}

/** Drafts → queued (or scheduled while their time is ahead); other items are left alone. Returns how many. */
export function publishDrafts(ctx: PlanContext, sel: ItemSelection): number {
  let n = 0
  const seen = new Set<number>()
  for (const row of selectedRows(ctx, sel)) {
    if (row.state !== 'draft' || seen.has(row.id)) continue
    seen.add(row.id)
    const at = rebasedTime(ctx, row)
    const patch: ItemPatch = at === row.publish_at ? {} : { publish_at: at }
    ctx.store.transition(row.id, waitingState(at, ctx.now), patch, ['draft'])
    ctx.reopen(row.batch_id)
    n++
  }
  return n
}

/**
 * Retries failed, cancelled, skipped and needs-attention items not running now (the latter checked on the
 * board again, `retryPlan`); `force` posts anyway. Returns how many.
 */
export function retryItems(
  ctx: PlanContext,
  sel: { itemId?: number; batchId?: number; force?: boolean },
): number {
  let n = 0
  for (const row of ctx.store.repo.selected(sel)) {
    if (!RETRYABLE.includes(row.state) || ctx.isRunning(row.id)) continue
    const plan = retryPlan(row, sel.force === true, ctx.now)
    ctx.store.transition(row.id, plan.to, plan.patch)
    ctx.reopen(row.batch_id)
    n++
  }
  return n
}

/** An edit already checked against Pinterest's limits, in row columns (null clears). */
export type RowEdit = Pick<
  ItemPatch,
  | 'title'
  | 'description'
  | 'link'
  | 'alt_text'
  | 'board_id'
  | 'board_section_id'
  | 'publish_at'
  | 'cover_key_frame_s'
  | 'cover_image_path'
>

/** The fields of an edit that go into the Pin itself (what a create already sent would carry). */
const PIN_FIELDS = [
  'title',
  'description',
  'link',
  'alt_text',
  'board_id',
  'board_section_id',
  'cover_key_frame_s',
  'cover_image_path',
] as const

/**
 * The refusal of a change (`what`: "edit", "unschedule", …) to an item another process's queue may be sending
 * now, or null. `elsewhere`: that process runs the queue (the command next to the app, or the app next to a
 * command holding the lock: `!ctx.queueHere`); it may be validating a due item without it showing in the row yet,
 * and would send what it read before. One rule for every use case that changes resting items.
 */
export function dueElsewhere(
  row: ItemRow,
  ctx: PlanContext,
  elsewhere: boolean,
  what: string,
): string | null {
  const due =
    row.state === 'queued' || (row.state === 'scheduled' && (row.publish_at ?? 0) <= ctx.now + DUE_SOON_MS)
  return elsewhere && due
    ? `Item ${row.id} is due and another Pinload process runs the queue (it may be sending it now); ${what} it there.`
    : null
}

/**
 * Why an item cannot take the edit, or null when it can. `elsewhere`: another process runs the queue (the
 * command next to the app), which may be validating a due item without it showing in the row yet.
 */
function refusal(
  row: ItemRow | undefined,
  edit: RowEdit,
  ctx: PlanContext,
  elsewhere: boolean,
): string | null {
  if (!row) return 'No such item.'
  if (ctx.isRunning(row.id) || !EDITABLE_STATES.includes(row.state))
    return `Item ${row.id} is ${row.state.replace('_', ' ')}; only drafts and items not yet published or moving can be edited.`
  const busy = dueElsewhere(row, ctx, elsewhere, 'edit')
  if (busy) return busy
  // Its Pin may exist with what was sent: a retry first finds out (and finds that Pin, not an edited one).
  if (row.create_started_at !== null && PIN_FIELDS.some((k) => edit[k] !== undefined && edit[k] !== row[k]))
    return `Item ${row.id} may already have a Pin with what was sent; let Retry check the board first, then edit it.`
  if (row.ad_account_id !== null && (edit.board_id !== undefined || (edit.board_section_id ?? null) !== null))
    return `Item ${row.id} is an ad-only Pin, on no board; it takes no board or section.`
  // A kind is known once the file was checked (null before: a draft's video is not refused for it).
  const cover =
    (edit.cover_key_frame_s !== undefined && edit.cover_key_frame_s !== null) ||
    (edit.cover_image_path !== undefined && edit.cover_image_path !== null)
  if (cover && row.kind !== null && row.kind !== 'video')
    return `Item ${row.id} is ${row.kind === 'carousel' ? 'a carousel' : 'an image'}; only a video has a cover.`
  if (edit.publish_at !== undefined && edit.publish_at !== null && edit.publish_at < ctx.now - PAST_GRACE_MS)
    return `The publish time ${new Date(edit.publish_at).toISOString()} is in the past; give a time ahead, or none to publish as soon as it is published.`
  return null
}

/**
 * Writes the edit to every editable item; the rest are refused by id with the reason. A new board drops the
 * old board's section unless the edit names one. A new time moves a queued item to scheduled and back.
 */
export function editItems(
  ctx: PlanContext,
  ids: readonly number[],
  edit: RowEdit,
  elsewhere = !ctx.queueHere,
): { updated: number; refused: { id: number; message: string }[] } {
  const refused: { id: number; message: string }[] = []
  let updated = 0
  for (const id of new Set(ids)) {
    const row = ctx.store.repo.get(id)
    const why = refusal(row, edit, ctx, elsewhere)
    if (why !== null || !row) {
      refused.push({ id, message: why ?? 'No such item.' })
      continue
    }
    const patch: ItemPatch = { ...edit }
    if (edit.board_id !== undefined && edit.board_id !== row.board_id && edit.board_section_id === undefined)
      patch.board_section_id = null
    const to: ItemState =
      (row.state === 'queued' || row.state === 'scheduled') && edit.publish_at !== undefined
        ? waitingState(edit.publish_at, ctx.now)
        : row.state
    if (to !== row.state) ctx.store.transition(id, to, patch, [row.state])
    else ctx.store.record(id, patch)
    // A time of its own: no longer counted from its file's first Pin when published.
    if (edit.publish_at !== undefined) dropItemOffset(ctx.store.repo.database, id)
    updated++
  }
  return { updated, refused }
}
