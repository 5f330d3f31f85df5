import type { ItemDraft } from '../../shared/domain'
import { AppError } from '../../shared/ipc/result'
import { MAX_BOARDS_PER_ADD, MAX_BOARD_INTERVAL_MS } from '../../shared/limits'

/** The shortest spacing between one file's Pins on successive boards: Pinterest's, a Pin a minute at most. */
export const MIN_INTERVAL_MS = 60_000

/** One board of a spread and, when the user chose one there, its section (a section belongs to one board). */
export interface SpreadBoard {
  boardId: string
  sectionId?: string
}

/** One file to several boards (`--board A --board B`, the window's multi-board picker, a CSV `A|B`). */
export interface BoardSpread {
  /** The boards, in the order the Pins go out. */
  boards: SpreadBoard[]
  /**
   * The Pin on the n-th board (from 0) waits n × this after the first, ms. 0 (none given): every board's Pin keeps
   * the file's time, and pacing keeps one file's boards apart (a day by default: docs/architecture.md,
   * "Schedules and pacing").
   */
  intervalMs: number
}

/**
 * Checks the spacing asked for; `flag` names where it came from (`--interval`, the window's field, a CSV
 * column) so the message says what to change. Under a minute or over 366 days is refused before anything is
 * queued.
 */
export function checkInterval(intervalMs: number | undefined, flag: string): void {
  if (intervalMs === undefined) return
  if (!Number.isFinite(intervalMs) || intervalMs < MIN_INTERVAL_MS)
    throw new AppError(
      'validation',
      `${flag} must be at least one minute (1m), got ${Math.round((intervalMs || 0) / 1000)} s; nothing was queued.`,
    )
  if (intervalMs > MAX_BOARD_INTERVAL_MS)
    throw new AppError(
      'validation',
      `${flag} must be at most 366 days (366d), got ${Math.round(intervalMs / 86_400_000)} days; nothing was queued.`,
    )
}

/** Refuses more boards than one add takes; `flag` names where they came from. */
export function checkBoardCount(count: number, flag: string): void {
  if (count > MAX_BOARDS_PER_ADD)
    throw new AppError(
      'validation',
      `${flag} names ${count} boards; one add posts to at most ${MAX_BOARDS_PER_ADD}: nothing was queued.`,
    )
}

/**
 * Whether a draft goes to every board of the spread: not when its own sidecar file names another board than
 * the batch's (a file's own board wins over the batch's, as with one board); then it keeps that one Pin.
 */
function spreads(d: ItemDraft, spread: BoardSpread): boolean {
  return d.meta.boardId === undefined || d.meta.boardId === spread.boards[0]?.boardId
}

/** The Pins a spread makes of these drafts: one per board for each draft it spreads, one for any other. */
export function spreadPinCount(drafts: readonly ItemDraft[], spread: BoardSpread | undefined): number {
  if (!spread) return drafts.length
  return drafts.reduce((n, d) => n + (spreads(d, spread) ? spread.boards.length : 1), 0)
}

/**
 * One draft per board for every draft the spread takes (`spreads`), the file's own first: board n goes at the
 * file's time (its `publishAt`, else now) plus n × the interval, the first keeping the file's time. Without an interval
 * each keeps the file's time: a time of "now" would read as one of its own, which pacing leaves alone. Each
 * spread Pin keeps its n × interval (`boardOffsetMs`), so a draft published later is counted from then.
 */
export function spreadOverBoards(drafts: ItemDraft[], spread: BoardSpread, now: number): ItemDraft[] {
  return drafts.flatMap((d) =>
    !spreads(d, spread)
      ? [d]
      : spread.boards.map(({ boardId, sectionId }, n): ItemDraft => {
          // A section belongs to one board: each board's Pin takes the section chosen for that board, else the
          // file's own section only on the file's own board.
          const { boardSectionId: own, ...meta } = d.meta
          const section = sectionId ?? (boardId === d.meta.boardId ? own : undefined)
          const base = d.publishAt ?? now
          const at = n === 0 || spread.intervalMs === 0 ? d.publishAt : base + n * spread.intervalMs
          const { publishAt: _at, ...rest } = d
          const offset = n * spread.intervalMs
          return {
            ...rest,
            meta: { ...meta, boardId, ...(section !== undefined && { boardSectionId: section }) },
            ...(at !== undefined && { publishAt: at }),
            ...(offset > 0 && { boardOffsetMs: offset }),
          }
        }),
  )
}
