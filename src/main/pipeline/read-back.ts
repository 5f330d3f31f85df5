import type { ItemError } from '../../shared/domain'
import { errorPatch, type ItemPatch } from '../db/item-rows'
import { PinCheckRepository } from '../db/pin-check-repository'
import { ApiError } from '../pinterest/api-error'
import type { RunContext } from './run-context'

/** The item's error once Pinterest answers 404 for its published Pin (the state stays `published`). */
const REMOVED_ERROR: ItemError = {
  kind: 'not_found',
  message: 'Removed on Pinterest: the Pin is no longer there.',
  fix: 'Retry with "post anyway" to publish the file again, or remove the item.',
}

/** Patch for an item whose Pin was found gone (`gone`) or found again after being reported gone. */
export function removedPatch(gone: boolean, current: { error_message: string | null }): ItemPatch {
  if (gone) return errorPatch(REMOVED_ERROR)
  return current.error_message === REMOVED_ERROR.message ? errorPatch(null) : {}
}

/**
 * Reads a Pin just created back (`GET /v5/pins/{id}`, in the org_read budget) and records that Pinterest has
 * it, on which board and since when (docs/architecture.md, "Results: read-back, verify, export"). Never
 * fails the item: a read that does not get an answer is left for `pinload verify`.
 */
export async function readBack(itemId: number, ctx: RunContext): Promise<void> {
  const row = ctx.store.repo.get(itemId)
  if (!row || row.state !== 'published' || !row.pin_id) return
  const db = ctx.store.repo.database
  const checks = new PinCheckRepository(db)
  if (checks.get(itemId)?.pinId === row.pin_id) return
  const pinId = row.pin_id
  try {
    const pin = await ctx.api.getPin(pinId, { signal: ctx.signal })
    db.grouped(() =>
      checks.record({
        itemId,
        pinId,
        checkedAt: ctx.now(),
        found: true,
        boardId: pin.boardId,
        pinCreatedAt: pin.createdAt,
      }),
    )
  } catch (e) {
    if (ctx.signal.aborted) return
    if (e instanceof ApiError && e.kind === 'not_found') {
      db.grouped(() => checks.record({ itemId, pinId, checkedAt: ctx.now(), found: false }))
      ctx.store.record(itemId, removedPatch(true, row))
      return
    }
    ctx.logger.warn('reading a new Pin back failed; pinload verify checks it later', { itemId, error: e })
  }
}
