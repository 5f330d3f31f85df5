import type { ItemState } from '../../shared/domain'
import { errorPatch, type ItemPatch, type ItemRow } from '../db/item-rows'

/**
 * Every allowed move of an item, as data. Notes on the less obvious ones:
 * - `validating → processing | creating`: a resumed video whose media is already uploaded or `succeeded`
 *   skips what was achieved.
 * - `uploading → queued`, `validating → queued`: parking (pause, shutdown, retry backoff); the facts
 *   already persisted (hash, media id, "uploaded") make the next run skip the done steps.
 * - `creating` never goes back to queued by itself except when reconciliation proved the Pin absent
 *   (or the API answered that nothing was created); it is never cancelled, since the Pin may exist.
 * - `needs_attention → published`: the user's retry reconciled and found the Pin.
 * - `draft` moves only when the user publishes it (to `queued`, or `scheduled` when its time is ahead).
 * - `scheduled` runs like `queued` once its `publish_at` has passed (the scheduler picks it up then); an edit
 *   of the time moves an item between `queued` and `scheduled`.
 * - `scheduled | queued → draft`: the timeline's Unschedule takes the time off a waiting item, which then rests
 *   until published again (src/main/services/scheduling.ts).
 */
export const TRANSITIONS: Readonly<Record<ItemState, readonly ItemState[]>> = {
  draft: ['queued', 'scheduled', 'cancelled'],
  scheduled: ['validating', 'queued', 'draft', 'skipped', 'failed', 'cancelled'],
  queued: ['validating', 'scheduled', 'draft', 'skipped', 'failed', 'cancelled'],
  validating: ['uploading', 'processing', 'creating', 'queued', 'skipped', 'failed', 'cancelled'],
  uploading: ['processing', 'queued', 'failed', 'cancelled'],
  processing: ['creating', 'queued', 'failed', 'cancelled'],
  creating: ['published', 'queued', 'failed', 'needs_attention'],
  needs_attention: ['creating', 'queued', 'scheduled', 'published', 'cancelled'],
  failed: ['queued', 'scheduled', 'cancelled'],
  cancelled: ['queued', 'scheduled'],
  skipped: ['queued', 'scheduled'],
  published: [],
}

export function canTransition(from: ItemState, to: ItemState): boolean {
  return TRANSITIONS[from].includes(to)
}

export { CANCELLABLE_STATES as CANCELLABLE, RETRYABLE_STATES as RETRYABLE } from '../../shared/item-states'

export class TransitionError extends Error {
  constructor(
    readonly itemId: number,
    readonly from: ItemState,
    readonly to: ItemState,
  ) {
    super(`Item ${itemId} cannot go from ${from} to ${to}`)
    this.name = 'TransitionError'
  }
}

/**
 * Where a retried item goes and what it forgets. A needs-attention item whose create may have landed is
 * checked on the board again (back to `creating`); with `force` the user has looked, and it is sent again.
 * A failed media is registered anew. One whose publish time is still ahead waits for it (`scheduled`).
 */
export function retryPlan(
  row: ItemRow,
  force: boolean,
  now: number,
): { to: 'creating' | 'queued' | 'scheduled'; patch: ItemPatch } {
  const fresh: ItemPatch = { attempts: 0, next_attempt_at: null, ...errorPatch(null) }
  if (row.state === 'needs_attention' && !force && row.create_started_at !== null)
    return { to: 'creating', patch: fresh }
  return {
    to: row.publish_at !== null && row.publish_at > now ? 'scheduled' : 'queued',
    patch: {
      ...fresh,
      ...(force && { force: 1 }),
      ...(row.state === 'needs_attention' && { create_fingerprint: null, create_started_at: null }),
      ...(row.media_status === 'failed' && {
        media_id: null,
        media_status: null,
        media_upload_url: null,
        media_upload_params: null,
        media_uploaded: 0,
      }),
    },
  }
}
