import type { ItemError } from '../../shared/domain'
import { ApiError } from '../pinterest/api-error'
import type { ItemPatch } from '../db/item-rows'

/** What the scheduler does with an error thrown while running an item. */
export type ErrorAction =
  | { kind: 'retry'; error: ItemError; afterMs?: number }
  | { kind: 'wait'; error: ItemError; afterMs: number }
  | { kind: 'pause_all'; error: ItemError }
  | { kind: 'pause_account'; error: ItemError }
  | { kind: 'fail'; error: ItemError }

export const SIGN_IN_AGAIN = 'Sign in again to continue'

/** Thrown by a step for a local problem with the file (changed, unreadable). */
export class ItemFailure extends Error {
  /** `facts`: what the failing step learnt of the file (its kind), written with the failure. */
  constructor(
    readonly error: ItemError,
    readonly facts?: ItemPatch,
  ) {
    super(error.message)
    this.name = 'ItemFailure'
  }
}

function apiItemError(e: ApiError): ItemError {
  return {
    kind: e.kind,
    message: e.message,
    ...(e.details.fix !== undefined && { fix: e.details.fix }),
    ...(e.details.requestId !== undefined && { requestId: e.details.requestId }),
  }
}

/** Decides retry/wait/pause/fail for an error; the caller has already handled aborts. */
export function classifyError(e: unknown): ErrorAction {
  if (e instanceof ItemFailure) return { kind: 'fail', error: e.error }
  if (e instanceof ApiError) {
    const error = apiItemError(e)
    switch (e.kind) {
      case 'transient':
        return {
          kind: 'retry',
          error,
          ...(e.details.retryAfterMs !== undefined && { afterMs: e.details.retryAfterMs }),
        }
      case 'rate_limited':
        return { kind: 'wait', error, afterMs: e.details.retryAfterMs ?? 0 }
      case 'spam_blocked':
        return {
          kind: 'pause_all',
          error: {
            ...error,
            fix:
              error.fix ??
              'Pinterest flagged this activity. Wait, check the account on pinterest.com, then resume.',
          },
        }
      case 'auth':
        return { kind: 'pause_account', error: { ...error, fix: SIGN_IN_AGAIN } }
      case 'cancelled':
        return { kind: 'retry', error }
      default:
        return { kind: 'fail', error }
    }
  }
  const err = e as { code?: unknown; message?: unknown }
  const message = typeof err?.message === 'string' ? err.message : String(e)
  // Local I/O errors reading the file: the file moved or changed under us.
  if (typeof err?.code === 'string' && /^E(NOENT|ACCES|PERM|ISDIR|IO)$/.test(err.code)) {
    return {
      kind: 'fail',
      error: {
        kind: 'file',
        message: `Could not read the file: ${message}`,
        fix: 'Check that the file still exists and is readable.',
      },
    }
  }
  return { kind: 'retry', error: { kind: 'internal', message } }
}

/**
 * Could the create have been committed although no answer came? The client marks lost answers with
 * `details.outcomeUnknown`; any transient error counts too unless it says the request never left.
 */
export function createOutcomeUnknown(e: unknown): boolean {
  if (!(e instanceof ApiError)) return !(e instanceof ItemFailure)
  const d = e.details as { outcomeUnknown?: boolean }
  if (d.outcomeUnknown === true) return true
  if (d.outcomeUnknown === false) return false
  return e.kind === 'transient' || e.kind === 'cancelled'
}
