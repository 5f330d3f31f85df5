import { basename, dirname, extname, join } from 'node:path'
import type { ItemDraft, ItemState } from '../../shared/domain'
import { AppError } from '../../shared/ipc/result'
import { errorPatch, type ItemRow } from '../db/item-rows'
import { checkCarouselImages } from '../media/carousel-images'
import { insertDrafts } from '../pipeline/enqueue'
import type { PlanContext } from '../pipeline/item-plans'

/** The queue's side: one transaction over resting items, and a refresh of the window's rows (UploadQueue). */
interface CarouselQueue {
  amend<T>(change: (ctx: PlanContext) => T): T
  showItems(ids: readonly number[]): void
}

/** Items that may be joined: resting, not yet sent (a draft stays a draft). */
const JOINABLE: readonly ItemState[] = ['draft', 'scheduled', 'queued', 'failed']
/** When another process runs the queue, only items it never picks up: it may be validating a `queued` one. */
const JOINABLE_ELSEWHERE: readonly ItemState[] = ['draft', 'failed']

const where = (r: ItemRow) => `item ${r.id} (${basename(r.source_path ?? '')})`

function refuse(message: string): never {
  throw new AppError('validation', message)
}

/** Why these rows cannot become one carousel, checked before anything is read from disk. */
function checkRows(
  ids: readonly number[],
  rows: (ItemRow | undefined)[],
  ctx: PlanContext,
  elsewhere: boolean,
): ItemRow[] {
  const found: ItemRow[] = []
  rows.forEach((r, i) => {
    if (!r) refuse(`There is no item ${ids[i]}.`)
    if (!JOINABLE.includes(r.state) || ctx.isRunning(r.id))
      refuse(`${where(r)} is ${r.state}; only drafts and items not yet sent can join a carousel.`)
    if (elsewhere && !JOINABLE_ELSEWHERE.includes(r.state))
      refuse(
        `${where(r)} is ${r.state} and another Pinload process runs the queue (it may be sending it now); join it there, or join drafts.`,
      )
    if (r.kind === 'video' || r.kind === 'carousel' || r.source_path === null)
      refuse(`${where(r)} is not a local image; a carousel is made of local images.`)
    found.push(r)
  })
  const first = found[0]!
  const other = found.find(
    (r) =>
      r.board_id !== first.board_id ||
      r.board_section_id !== first.board_section_id ||
      r.ad_account_id !== first.ad_account_id,
  )
  if (other) refuse(`${where(other)} goes to another board than ${where(first)}; a carousel is one Pin.`)
  // A board id does not name one account (a group board takes Pins from several): the carousel is sent as one.
  // An item added while signed out names none and goes with the others.
  const keyed = found.find((r) => r.account_key !== null)
  const stranger = found.find((r) => r.account_key !== null && r.account_key !== keyed?.account_key)
  if (stranger)
    refuse(
      `${where(stranger)} is for another Pinterest account than ${where(keyed!)}; a carousel is one Pin.`,
    )
  return found
}

/** The carousel item: the first item's text, board and time, each item's text as its image's own. */
function carouselDraft(rows: readonly ItemRow[], name: string): ItemDraft {
  const first = rows[0]!
  return {
    path: join(dirname(first.source_path!), `${name}.carousel`),
    meta: {
      ...(first.title !== null && { title: first.title }),
      ...(first.description !== null && { description: first.description }),
      ...(first.link !== null && { link: first.link }),
      ...(first.alt_text !== null && { altText: first.alt_text }),
      ...(first.board_id !== null && { boardId: first.board_id }),
      ...(first.board_section_id !== null && { boardSectionId: first.board_section_id }),
      ...(first.ad_account_id !== null && { adOnly: true }),
      ...(first.ad_account_id && { adAccountId: first.ad_account_id }),
    },
    ...(first.publish_at !== null && { publishAt: first.publish_at }),
    carousel: rows.map((r) => ({
      path: r.source_path!,
      ...(r.title !== null && { title: r.title }),
      ...(r.description !== null && { description: r.description }),
      ...(r.link !== null && { link: r.link }),
    })),
  }
}

/**
 * Joins 2–5 image items into one carousel item (issue 13, the review screen's "make a carousel"; `pinload
 * carousel`): the carousel pre-flight first (2–5 images of one size, converted to JPEG/PNG when sent,
 * media/carousel-images.ts), then in one transaction a new item with the first item's text, board and time and each item's text as its image's own,
 * and the joined items cancelled with a note naming it (never deleted, so nothing is lost). A draft stays a draft.
 */
export class MakeCarousel {
  constructor(private readonly queue: CarouselQueue) {}

  /**
   * `queueElsewhere`: another process runs this data folder's queue (the command beside the app); absent, that
   * holds while this process's queue is not running (the app waiting for the lock a command holds), as for an
   * edit (item-plans.ts, `editItems`). Then only items that queue never picks up are joined.
   */
  async make(
    ids: readonly number[],
    opts: { queueElsewhere?: boolean } = {},
  ): Promise<{ itemId: number; batchId: number }> {
    const elsewhere = (ctx: PlanContext) => opts.queueElsewhere ?? !ctx.queueHere
    const unique = [...new Set(ids)]
    if (unique.length < 2 || unique.length > 5)
      refuse(
        `A carousel takes 2 to 5 images; ${unique.length} item${unique.length === 1 ? ' was' : 's were'} named.`,
      )
    const rows = this.queue.amend((ctx) =>
      checkRows(
        unique,
        unique.map((id) => ctx.store.get(id)),
        ctx,
        elsewhere(ctx),
      ),
    )
    const first = rows[0]!
    const name = basename(first.source_path!, extname(first.source_path!))
    const check = await checkCarouselImages(
      `The carousel of items ${unique.join(', ')}`,
      rows.map((r) => r.source_path!),
    )
    if (!check.ok) refuse(`${check.message}. ${check.fix}`)
    const made = this.queue.amend((ctx) => {
      // Checked again inside the transaction: the scheduler may have picked one up meanwhile, and the carousel is
      // made of what the items hold now (an edit may have landed during the image check).
      const fresh = checkRows(
        unique,
        unique.map((id) => ctx.store.get(id)),
        ctx,
        elsewhere(ctx),
      )
      const draft = carouselDraft(fresh, name)
      const { batchId, inserted } = insertDrafts(
        ctx.store.repo,
        [draft],
        { kind: 'drop', label: `${name}.carousel` },
        fresh.find((r) => r.account_key !== null)?.account_key ?? undefined,
        { asDrafts: fresh[0]!.state === 'draft', now: ctx.now },
      )
      const item = inserted[0]!
      for (const r of fresh)
        ctx.store.transition(
          r.id,
          'cancelled',
          errorPatch({ kind: 'cancelled', message: `Joined into carousel item ${item.id}.` }),
        )
      return { itemId: item.id, batchId }
    })
    this.queue.showItems([made.itemId, ...unique])
    return made
  }
}
