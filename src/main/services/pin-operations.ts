import { PIN_LIMITS } from '../../shared/limits'
import { AppError } from '../../shared/ipc/result'
import type { Database } from '../db/connection'
import type { ItemRepository } from '../db/item-repository'
import type { ItemRow } from '../db/item-rows'
import { PinOperationRepository, type PinOpKind } from '../db/pin-operation-repository'
import type { PinUpdate } from '../pinterest/api-types'
import type { PinOperationRunner } from '../pipeline/pin-op-runner'
import { itemName, publishedItems, type ResultSelection } from './verify-pins'

/** How the operations of one request ended: those not done name the file and why. */
export interface PinOpsReport {
  done: number
  /**
   * Still waiting (a passing problem, the account signed out, another process running the queue, the run
   * stopped): the next run sends them; the app also tries again by itself.
   */
  waiting: number
  /** Why the first waiting one waits, when known. */
  waitingWhy?: string
  failed: { itemId: number; name: string; message: string }[]
}

export interface PinOperationsDeps {
  db: Database
  items: ItemRepository
  runner: PinOperationRunner
}

/**
 * Fix or undo a batch (issue 15): queue a change or the removal of the selection's published Pins, then let
 * the runner send them (src/main/pipeline/pin-op-runner.ts). `pinload unpublish`, `pinload update` and the
 * window's selection actions all come here.
 */
export class PinOperations {
  private readonly ops: PinOperationRepository

  constructor(private readonly deps: PinOperationsDeps) {
    this.ops = new PinOperationRepository(deps.db)
  }

  /** The selection's items whose Pin is on Pinterest as far as Pinload knows (not removed, not being removed). */
  onPinterest(sel: ResultSelection): ItemRow[] {
    const removed = this.ops.removedItemIds()
    const removing = this.ops.removingItemIds()
    return publishedItems(this.deps.items, sel).filter((r) => !removed.has(r.id) && !removing.has(r.id))
  }

  /** Operations of `kind` on the selection's items still to send: a stopped or killed run left them. */
  open(sel: ResultSelection, kind: PinOpKind): number[] {
    const items = new Set(publishedItems(this.deps.items, sel).map((r) => r.id))
    return this.ops
      .open()
      .filter((o) => o.kind === kind && items.has(o.itemId))
      .map((o) => o.id)
  }

  /** Queues a DELETE for each of them; returns the operation ids (none: nothing published). */
  unpublish(sel: ResultSelection): number[] {
    return this.queue(sel, 'delete')
  }

  /** Queues a PATCH with `patch` for each of them; a field past Pinterest's limit refuses the whole request. */
  update(sel: ResultSelection, patch: PinUpdate): number[] {
    const fields = Object.entries(patch).filter(([, v]) => v !== undefined)
    if (fields.length === 0)
      throw new AppError('validation', 'Say what to change: a title, description, link or board.')
    const limits: [keyof PinUpdate, number][] = [
      ['title', PIN_LIMITS.title],
      ['description', PIN_LIMITS.description],
      ['link', PIN_LIMITS.link],
      ['altText', PIN_LIMITS.altText],
    ]
    for (const [key, max] of limits) {
      const v = patch[key]
      if (typeof v === 'string' && v.length > max)
        throw new AppError(
          'validation',
          `The ${key} is ${v.length} characters; Pinterest takes at most ${max}.`,
        )
    }
    if (typeof patch.link === 'string' && patch.link !== '' && !/^https?:\/\//i.test(patch.link))
      throw new AppError('validation', 'The link must start with http:// or https://.')
    return this.queue(sel, 'update', JSON.stringify(patch))
  }

  private queue(sel: ResultSelection, kind: PinOpKind, patch?: string): number[] {
    return this.deps.db.transaction(() =>
      this.ops.add(
        this.onPinterest(sel).map((r) => ({
          itemId: r.id,
          kind,
          pinId: r.pin_id!,
          ...(patch !== undefined && { patch }),
        })),
      ),
    )
  }

  /**
   * The window's "Remove from Pinterest…": `confirmCount` is the count the user typed, which must be the
   * number of Pins this would remove (else nothing is queued). Removals left by a stopped run go too.
   */
  async unpublishConfirmed(sel: ResultSelection, confirmCount: number): Promise<PinOpsReport> {
    const count = this.onPinterest(sel).length
    const left = this.open(sel, 'delete')
    if (count === 0 && left.length === 0)
      throw new AppError('validation', 'Nothing of this is published on Pinterest: nothing to remove.')
    if (count > 0 && confirmCount !== count)
      throw new AppError(
        'validation',
        `This would remove ${count} Pins, not ${confirmCount}: nothing was removed. Type the count shown to confirm.`,
      )
    return this.run([...left, ...this.unpublish(sel)])
  }

  /** The window's "Update…": queues the change and sends it. */
  async updateAndSend(sel: ResultSelection, patch: PinUpdate): Promise<PinOpsReport> {
    const ids = this.update(sel, patch)
    if (ids.length === 0)
      throw new AppError('validation', 'Nothing of this is published on Pinterest: nothing to change.')
    return this.run(ids)
  }

  /** Every operation still to send, oldest first (what `pinload run` sends after the queue). */
  openIds(): number[] {
    return this.ops.open().map((o) => o.id)
  }

  /** Stops trying again later (shutdown): what is left stays queued for the next start. */
  stop(): void {
    this.deps.runner.stop()
  }

  /** Sends what is queued (these and any left by an earlier run) and reports on `opIds`. */
  async run(opIds: readonly number[], signal?: AbortSignal): Promise<PinOpsReport> {
    await this.deps.runner.drain(signal)
    const r = this.report(opIds)
    if (r.waiting > 0 && r.waitingWhy === undefined && !this.deps.runner.maySend())
      r.waitingWhy = 'another Pinload process runs this queue now and sends them'
    return r
  }

  report(opIds: readonly number[]): PinOpsReport {
    const out: PinOpsReport = { done: 0, waiting: 0, failed: [] }
    for (const op of this.ops.byIds(opIds)) {
      if (op.state === 'done') out.done++
      else if (op.state === 'failed') {
        const row = this.deps.items.get(op.itemId)
        out.failed.push({
          itemId: op.itemId,
          name: row ? itemName(row) : `item ${op.itemId}`,
          message: op.errorMessage ?? 'It failed.',
        })
      } else {
        out.waiting++
        if (out.waitingWhy === undefined && op.errorMessage !== null) out.waitingWhy = op.errorMessage
      }
    }
    return out
  }
}
