import type { ItemDraft } from '../../shared/domain'
import { AppError } from '../../shared/ipc/result'

/** The shortest spacing between one file's Pins on successive boards: Pinterest's, a Pin a minute at most. */
export const MIN_INTERVAL_MS = 60_000

/** One file to several boards (`--board A --board B`, the window's multi-board picker, a CSV `A|B`). */
export interface BoardSpread {
  /** Board ids, in the order the Pins go out. */
  boardIds: string[]
  /**
   * The Pin on the n-th board (from 0) waits n × this after the first, ms. 0 (none given): every board's Pin keeps
   * the file's time, and pacing keeps one file's boards apart (a day by default: docs/architecture.md,
   * "Schedules and pacing").
   */
  intervalMs: number
}

/**
 * Checks the spacing asked for; `flag` names where it came from (`--interval`, the window's field, a CSV
 * column) so the message says what to change. Under a minute is refused before anything is queued.
 */
export function checkInterval(intervalMs: number | undefined, flag: string): void {
  if (intervalMs === undefined) return
  if (!Number.isFinite(intervalMs) || intervalMs < MIN_INTERVAL_MS)
    throw new AppError(
      'validation',
      `${flag} must be at least one minute (1m), got ${Math.round((intervalMs || 0) / 1000)} s; nothing was queued.`,
    )
}

/**
 * One draft per board for every draft, the file's own first: board n goes at the file's time (its
 * `publishAt`, else now) plus n × the interval, the first keeping the file's time as it is. Without an interval
 * each keeps the file's time: a time of "now" would read as one of its own, which pacing leaves alone. Each
 * spread Pin keeps its n × interval (`boardOffsetMs`), so a draft published later is counted from then.
 */
export function spreadOverBoards(drafts: ItemDraft[], spread: BoardSpread, now: number): ItemDraft[] {
  return drafts.flatMap((d) =>
    spread.boardIds.map((boardId, n): ItemDraft => {
      // A section belongs to one board: the spread Pins go to the boards themselves.
      const { boardSectionId: _section, ...meta } = d.meta
      const base = d.publishAt ?? now
      const at = n === 0 || spread.intervalMs === 0 ? d.publishAt : base + n * spread.intervalMs
      const { publishAt: _at, ...rest } = d
      const offset = n * spread.intervalMs
      return {
        ...rest,
        meta: { ...meta, boardId },
        ...(at !== undefined && { publishAt: at }),
        ...(offset > 0 && { boardOffsetMs: offset }),
      }
    }),
  )
}
