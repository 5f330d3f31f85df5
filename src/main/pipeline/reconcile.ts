import { pinWebUrl } from '../../shared/limits'
import { ApiError, type CreatedPin, type PinterestApi } from '../pinterest/api-types'
import { parseFingerprint, pinMatches } from './fingerprint'

/** Allowance for the difference between our clock and Pinterest's, in ms. */
export const CLOCK_SKEW_MS = 5 * 60_000
/** Upper bound on pages read while looking back; past it we would rather ask the user than guess. */
const MAX_PAGES = 40

/** What a look at the board proved about a create whose answer was lost. */
export type ReconcileOutcome =
  | { kind: 'found'; pinId: string; pinUrl: string }
  /** The board's Pins back to the create time are all listed and none matches: a retry is safe. */
  | { kind: 'absent' }
  /** Could not tell (board gone, permission lost, ad-only Pin): the user decides. */
  | { kind: 'unknown'; message: string; fix: string }

export interface ReconcileInput {
  itemId: number
  fingerprint: string | null
  /** When the create was about to be sent (Unix ms). */
  createStartedAt: number | null
  adAccountId: string | null
  /** True when another item already owns this Pin id (two identical items on one board). */
  isAdopted: (pinId: string) => boolean
}

const CHECK_FIX = 'Check the board on Pinterest. If the Pin is there, cancel this item; if not, retry it.'

/**
 * Lists the board's Pins newest first back to the create time minus CLOCK_SKEW_MS and adopts the Pin
 * matching the fingerprint. Transient API errors propagate (the caller backs off and asks again later);
 * errors that mean "we cannot know" become `unknown`.
 */
export async function reconcileCreate(api: PinterestApi, input: ReconcileInput, signal?: AbortSignal): Promise<ReconcileOutcome> {
  const fp = parseFingerprint(input.fingerprint)
  if (!fp) return { kind: 'unknown', message: 'The app stopped while creating this Pin and kept no record of what it sent.', fix: CHECK_FIX }
  if (!fp.boardId) {
    return {
      kind: 'unknown',
      message: input.adAccountId
        ? 'The answer to creating this ad-only Pin was lost, and ad-only Pins have no board to check.'
        : 'The answer to creating this Pin was lost, and it has no board to check.',
      fix: 'Look for the Pin in Pinterest (Ads Manager for ad-only Pins). If it is missing, retry this item.',
    }
  }
  const since = (input.createStartedAt ?? 0) - CLOCK_SKEW_MS
  let bookmark: string | null = null
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await api.listBoardPins(fp.boardId, bookmark, { signal })
      let reachedOlder = false
      for (const pin of res.items) {
        const created = pin.createdAt ? Date.parse(pin.createdAt) : NaN
        if (!Number.isNaN(created) && created < since) {
          reachedOlder = true
          break
        }
        if (pinMatches(pin, fp) && !input.isAdopted(pin.id)) return found(pin)
      }
      if (reachedOlder || !res.bookmark) return { kind: 'absent' }
      bookmark = res.bookmark
    }
    return { kind: 'unknown', message: 'The board has too many recent Pins to check whether this one was created.', fix: CHECK_FIX }
  } catch (e) {
    if (e instanceof ApiError && (e.kind === 'not_found' || e.kind === 'permission')) {
      return {
        kind: 'unknown',
        message:
          e.kind === 'not_found'
            ? 'The answer to creating this Pin was lost and its board no longer exists (or is no longer visible), so the app cannot check whether the Pin was created.'
            : 'The answer to creating this Pin was lost and the account may no longer read this board, so the app cannot check whether the Pin was created.',
        fix: CHECK_FIX,
      }
    }
    throw e
  }
}

function found(pin: CreatedPin): ReconcileOutcome {
  return { kind: 'found', pinId: pin.id, pinUrl: pinWebUrl(pin.id) }
}
