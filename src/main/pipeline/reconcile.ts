import { pinWebUrl } from '../../shared/pinterest-urls'
import { type CreatedPin, type PinterestApi } from '../pinterest/api-types'
import { ApiError } from '../pinterest/api-error'
import { blankText, parseFingerprint, pinMarked, pinMatches, visibleKey } from './fingerprint'

/** Allowance for the difference between our clock and Pinterest's, in ms. */
const CLOCK_SKEW_MS = 5 * 60_000
/** Upper bound on pages read while looking back; past it we would rather ask the user than guess. */
const MAX_PAGES = 40
/**
 * How long after its start a create's Pin may still appear (request timeouts plus a server still writing), in
 * ms: another open create that started longer ago than this before ours cannot have made a Pin in our window.
 */
export const CREATE_WINDOW_MS = 30 * 60_000

/** What a look at the board proved about a create whose answer was lost. */
export type ReconcileOutcome =
  | { kind: 'found'; pinId: string; pinUrl: string }
  /** The board's Pins back to the create time are all listed and none matches: a retry is safe. */
  | { kind: 'absent' }
  /** Could not tell (board gone, permission lost, ad-only Pin): the user decides. */
  | { kind: 'unknown'; message: string; fix: string }
  /** A look during the grace period (`peek`) did not find the marked Pin: look again later. */
  | { kind: 'not_yet' }

export interface ReconcileInput {
  itemId: number
  fingerprint: string | null
  /** When the create was about to be sent (Unix ms). */
  createStartedAt: number | null
  adAccountId: string | null
  /** True when another item already owns this Pin id (two identical items on one board). */
  isAdopted: (pinId: string) => boolean
  /** Other items whose create may have landed too (in `creating` or `needs_attention`, same board). */
  rivals?: (boardId: string) => { fingerprint: string | null; createStartedAt: number | null }[]
  /**
   * The mark (`dominant_color`) another item recorded for the Pin it owns, or null: own Pins listed with their
   * mark prove that Pinterest keeps marks on this board, so an unmarked look-alike is not ours.
   */
  markerOf?: (pinId: string) => string | null
  /** During the grace period: adopt a Pin carrying this attempt's mark, never conclude it is absent. */
  peek?: boolean
}

const CHECK_FIX = 'Check the board on Pinterest. If the Pin is there, cancel this item; if not, retry it.'

/**
 * Lists the board's Pins newest first back to the create time minus CLOCK_SKEW_MS and adopts the Pin
 * matching the fingerprint. Transient API errors propagate (the caller backs off and asks again later);
 * errors that mean "we cannot know" become `unknown`.
 */
export async function reconcileCreate(
  api: PinterestApi,
  input: ReconcileInput,
  signal?: AbortSignal,
): Promise<ReconcileOutcome> {
  const fp = parseFingerprint(input.fingerprint)
  if (!fp)
    return {
      kind: 'unknown',
      message: 'The app stopped while creating this Pin and kept no record of what it sent.',
      fix: CHECK_FIX,
    }
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
  const candidates: CreatedPin[] = []
  /** Own Pins (other items') listed with the mark they were sent with, and with another colour. */
  const marks = { kept: 0, lost: 0 }
  let bookmark: string | null = null
  let complete = false
  try {
    // The list is newest first only roughly (clock skew, server writes landing late): read every Pin of a
    // page and stop only after a page that is entirely older than the window.
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await api.listBoardPins(fp.boardId, bookmark, { signal })
      let allOlder = res.items.length > 0
      for (const pin of res.items) {
        const created = pin.createdAt ? parseCreatedAt(pin.createdAt) : NaN
        if (!Number.isNaN(created) && created < since) continue
        allOlder = false
        const theirs = input.markerOf?.(pin.id)
        if (theirs) {
          if ((pin.dominantColor ?? '').toLowerCase() === theirs.toLowerCase()) marks.kept++
          else marks.lost++
        }
        if (!pinMatches(pin, fp) || input.isAdopted(pin.id)) continue
        // This attempt's mark on a look-alike: ours, whatever else the board holds.
        if (pinMarked(pin, fp)) return found(pin)
        if (!candidates.some((c) => c.id === pin.id)) candidates.push(pin)
      }
      if (allOlder || !res.bookmark) {
        complete = true
        break
      }
      bookmark = res.bookmark
    }
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
  if (input.peek) return { kind: 'not_yet' }
  if (fp.marker !== undefined) return judgeMarked(candidates.length, complete, marks)
  if (candidates.length > 0 && blankText(fp)) return LOOKALIKE
  if (candidates.length > 1) {
    return {
      kind: 'unknown',
      message:
        'More than one Pin on the board matches this item, so the app cannot tell which one it created.',
      fix: CHECK_FIX,
    }
  }
  const [match] = candidates
  if (match) {
    // A twin create (same visible fields) that may have landed in our window could own this Pin as well.
    if (hasTwin(input, fp.boardId, visibleKey(fp))) {
      return {
        kind: 'unknown',
        message:
          'Another item with the same board, title, description and link was being created at the same time, so the app cannot tell which of them this Pin belongs to.',
        fix: CHECK_FIX,
      }
    }
    return found(match)
  }
  if (complete) return { kind: 'absent' }
  return {
    kind: 'unknown',
    message: 'The board has too many recent Pins to check whether this one was created.',
    fix: CHECK_FIX,
  }
}

const LOOKALIKE: ReconcileOutcome = {
  kind: 'unknown',
  message:
    'A Pin with the same board, title, description and link appeared while this one was being created, but nothing else shows it is this item’s Pin, so the app cannot tell whether it was created.',
  fix: CHECK_FIX,
}

/**
 * No Pin carries this attempt's mark. Look-alikes without it are someone else's only when Pinterest is seen to
 * keep marks here (own Pins listed with theirs, none without); otherwise one could be ours with its mark lost.
 */
function judgeMarked(lookalikes: number, complete: boolean, marks: { kept: number; lost: number }) {
  if (lookalikes > 0 && !(marks.kept > 0 && marks.lost === 0)) return LOOKALIKE
  if (complete) return { kind: 'absent' } as const
  return {
    kind: 'unknown',
    message: 'The board has too many recent Pins to check whether this one was created.',
    fix: CHECK_FIX,
  } as const
}

function hasTwin(input: ReconcileInput, boardId: string, key: string): boolean {
  const mine = input.createStartedAt ?? 0
  for (const r of input.rivals?.(boardId) ?? []) {
    const fp = parseFingerprint(r.fingerprint)
    if (!fp || visibleKey(fp) !== key) continue
    // Our window is open towards now, so a later twin always overlaps; an earlier one only while its Pin could
    // still have been written inside our window.
    if (r.createStartedAt === null || r.createStartedAt + CREATE_WINDOW_MS + 2 * CLOCK_SKEW_MS >= mine)
      return true
  }
  return false
}

/** Pinterest's `created_at` as Unix ms; a time without an offset is UTC. */
export function parseCreatedAt(s: string): number {
  const t = s.trim().replace(' ', 'T')
  const hasZone = /(?:Z|[+-]\d\d:?\d\d)$/i.test(t)
  return Date.parse(/T\d/.test(t) && !hasZone ? `${t}Z` : t)
}

function found(pin: CreatedPin): ReconcileOutcome {
  return { kind: 'found', pinId: pin.id, pinUrl: pinWebUrl(pin.id) }
}
