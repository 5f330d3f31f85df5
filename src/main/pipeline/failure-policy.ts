import { TERMINAL_STATES } from '../../shared/item-states'
import { errorPatch, type ItemPatch, type ItemRow } from '../db/item-rows'
import type { Logger } from '../logging/logger'
import { backoffDelayMs } from '../pinterest/rate-governor'
import { ItemFailure, SIGN_IN_AGAIN, classifyError } from './errors'
import type { ItemStore } from './item-store'

export interface FailureContext {
  store: ItemStore
  now: () => number
  log: Logger
  maxAttempts: number
  retryBaseMs: number
  random?: () => number
  pauseAll: (reason: string) => void
  /** Pauses the failing item's account. */
  pauseAccount: (reason: string) => void
}

/**
 * What happens to an item after a step threw: retry later (bounded, with full-jitter backoff), wait out a
 * rate limit, pause the queue (spam) or the account (auth) without failing anything, or fail with the
 * error's kind. An item in `creating` is never failed on a guess: it waits for the user instead.
 */
export function applyFailure(row: ItemRow, e: unknown, ctx: FailureContext): void {
  const action = classifyError(e)
  ctx.log.warn('item step failed', {
    itemId: row.id,
    state: row.state,
    kind: action.error.kind,
    message: action.error.message,
  })
  // What the step learnt before it failed stays known (a video's kind: its poster and frame picker need it).
  const err = { ...(e instanceof ItemFailure ? e.facts : undefined), ...errorPatch(action.error) }
  switch (action.kind) {
    case 'fail':
      settle(ctx.store, row, 'failed', err)
      return
    case 'retry': {
      const attempts = row.attempts + 1
      if (attempts >= ctx.maxAttempts) {
        settle(ctx.store, row, 'failed', { ...err, attempts })
        return
      }
      const wait =
        action.afterMs ??
        backoffDelayMs(attempts - 1, { baseMs: ctx.retryBaseMs, capMs: 60_000 }, ctx.random ?? Math.random)
      setBack(ctx.store, row, { ...err, attempts, next_attempt_at: ctx.now() + wait })
      return
    }
    case 'wait':
      setBack(ctx.store, row, {
        ...err,
        next_attempt_at: ctx.now() + Math.max(action.afterMs, ctx.retryBaseMs),
      })
      return
    case 'pause_all':
      setBack(ctx.store, row, err)
      ctx.pauseAll(action.error.message)
      return
    case 'pause_account':
      setBack(ctx.store, row, err)
      ctx.pauseAccount(SIGN_IN_AGAIN)
      return
  }
}

/** Puts an interrupted item where it can resume: creating and processing stay, earlier steps requeue. */
export function setBack(store: ItemStore, row: ItemRow, patch: ItemPatch): void {
  if (row.state === 'validating' || row.state === 'uploading') store.transition(row.id, 'queued', patch)
  else if (!TERMINAL_STATES.includes(row.state)) store.record(row.id, patch)
}

function settle(store: ItemStore, row: ItemRow, to: 'failed', patch: ItemPatch): void {
  // creating → failed only when the API answered (the runner moves such items out of creating first);
  // anything else ending a create leaves the Pin's existence unknown, so the user decides.
  const target = row.state === 'creating' ? 'needs_attention' : to
  if (row.state === target || TERMINAL_STATES.includes(row.state)) store.record(row.id, patch)
  else store.transition(row.id, target, { ...patch, next_attempt_at: null })
}
