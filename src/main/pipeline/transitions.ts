import type { ItemState } from '../../shared/domain'

/**
 * Every allowed move of an item, as data. Notes on the less obvious ones:
 * - `validating → processing | creating`: a resumed video whose media is already uploaded or `succeeded`
 *   skips what was achieved.
 * - `uploading → queued`, `validating → queued`: parking (pause, shutdown, retry backoff); the facts
 *   already persisted (hash, media id, "uploaded") make the next run skip the done steps.
 * - `creating` never goes back to queued by itself except when reconciliation proved the Pin absent
 *   (or the API answered that nothing was created); it is never cancelled, since the Pin may exist.
 * - `needs_attention → published`: the user's retry reconciled and found the Pin.
 */
export const TRANSITIONS: Readonly<Record<ItemState, readonly ItemState[]>> = {
  queued: ['validating', 'skipped', 'failed', 'cancelled'],
  validating: ['uploading', 'processing', 'creating', 'queued', 'skipped', 'failed', 'cancelled'],
  uploading: ['processing', 'queued', 'failed', 'cancelled'],
  processing: ['creating', 'queued', 'failed', 'cancelled'],
  creating: ['published', 'queued', 'failed', 'needs_attention'],
  needs_attention: ['creating', 'queued', 'published', 'cancelled'],
  failed: ['queued', 'cancelled'],
  cancelled: ['queued'],
  skipped: ['queued'],
  published: [],
}

export function canTransition(from: ItemState, to: ItemState): boolean {
  return TRANSITIONS[from].includes(to)
}

/** States a user's Cancel applies to (not `creating`: the Pin may already exist). */
export const CANCELLABLE: readonly ItemState[] = ['queued', 'validating', 'uploading', 'processing', 'needs_attention', 'failed']
/** States a user's Retry applies to. */
export const RETRYABLE: readonly ItemState[] = ['failed', 'cancelled', 'needs_attention', 'skipped']

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
