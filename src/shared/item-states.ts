import type { ItemState } from './domain'

/*
 * The one definition of the item-state sets. Zod-free, so the renderer, the preload and the command can use them
 * at run time. `domain.ts` holds the enum itself; everything that groups states imports a set from here.
 */

/** Every state, in the order a batch header shows them (the life of an item, then its endings). */
export const ITEM_STATES: readonly ItemState[] = [
  'draft',
  'scheduled',
  'queued',
  'validating',
  'uploading',
  'processing',
  'creating',
  'published',
  'skipped',
  'needs_attention',
  'failed',
  'cancelled',
]

/** States an item never leaves by itself. */
export const TERMINAL_STATES: readonly ItemState[] = ['published', 'skipped', 'failed', 'cancelled']

/** The states of an item on its way (checked, sent, processed, created). */
export const MOVING_STATES: readonly ItemState[] = ['validating', 'uploading', 'processing', 'creating']

/** States the queue still has work to do in (waiting for their time, queued or moving). */
export const ACTIVE_STATES: readonly ItemState[] = [
  'scheduled',
  'queued',
  'validating',
  'uploading',
  'processing',
  'creating',
]

/** Unfinished work: active, or waiting for the user to decide (`needs_attention`, `draft`). */
export const UNFINISHED_STATES: readonly ItemState[] = [...ACTIVE_STATES, 'needs_attention', 'draft']

/** States a user's Cancel applies to (not `creating`: the Pin may already exist). */
export const CANCELLABLE_STATES: readonly ItemState[] = [
  'draft',
  'scheduled',
  'queued',
  'validating',
  'uploading',
  'processing',
  'needs_attention',
  'failed',
]

/** States a user's Retry applies to (`skipped` only with force: it was a duplicate). */
export const RETRYABLE_STATES: readonly ItemState[] = ['failed', 'cancelled', 'needs_attention', 'skipped']

/** States an item rests in between runs: nothing is happening to it until the user or recovery acts. */
export const RESTING_STATES: readonly ItemState[] = [
  ...TERMINAL_STATES,
  'draft',
  'scheduled',
  'queued',
  'needs_attention',
]

/**
 * States whose Pin text, board and time the user may still edit (`items:edit`): not yet published and not
 * moving, so no request is built from the row while it changes.
 */
export const EDITABLE_STATES: readonly ItemState[] = [
  'draft',
  'scheduled',
  'queued',
  'failed',
  'needs_attention',
]

export const isTerminal = (state: ItemState): boolean => TERMINAL_STATES.includes(state)

/**
 * True while nothing moves and some account's items wait for a sign-in (issue 15): the queue is not paused, yet
 * its work is stalled, so the window and the taskbar show no time left and no running bar.
 */
export function stalledOnSignIn(t: {
  byState: Partial<Record<ItemState, number>>
  waitingAccounts?: readonly unknown[] | undefined
}): boolean {
  return (t.waitingAccounts?.length ?? 0) > 0 && MOVING_STATES.every((s) => (t.byState[s] ?? 0) === 0)
}
