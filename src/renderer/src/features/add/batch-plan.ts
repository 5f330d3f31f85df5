import { CONFIRM_ABOVE_FILES } from '../../../../shared/confirm-rules'
import { MAX_BOARDS_PER_ADD, MAX_BOARD_INTERVAL_MS } from '../../../../shared/limits'
import { MIN_EVERY_MS, parseDuration } from '../../../../shared/schedule/plan-spec'
import type { BoardChoice } from '../../components/board-options'
import { formatCount, plural } from '../../lib/format'

/**
 * The New batch sheet's plan in words (issue 13): how many Pins, to which boards, published now or kept as
 * drafts. Pure, so the words are tested without a window.
 */
export interface PlanWords {
  /** Media files named in the drop (folders are counted by main's scan). */
  files: number
  folders: number
  /** Boards chosen (0 = none yet); ad-only Pins go to none. */
  boards: number
  boardName: string
  adOnly: boolean
}

/** "24 Pins", "48 Pins" (2 files × … boards), "the files in 2 folders". */
function pinsWhat(w: Pick<PlanWords, 'files' | 'folders' | 'boards'>): string {
  const perFile = Math.max(1, w.boards)
  if (w.folders === 0) return plural(w.files * perFile, 'Pin', 'Pins')
  if (w.files === 0) return `the files in ${plural(w.folders, 'folder', 'folders')}`
  return `${plural(w.files, 'file', 'files')} and ${plural(w.folders, 'folder', 'folders')}`
}

/** The primary button: what "Queue" will do ("Queue 48 Pins to 2 boards"). */
export function queueLabel(w: PlanWords): string {
  const what = pinsWhat(w)
  if (w.adOnly) return `Queue ${what} as ad-only Pins`
  if (w.boards === 0) return `Choose a board for ${what}`
  return w.boards > 1 ? `Queue ${what} to ${formatCount(w.boards)} boards` : `Queue ${what} to ${w.boardName}`
}

/**
 * Above the confirmation threshold the sheet offers drafts first: hundreds of Pins deserve a review. Counted in
 * Pins (files × boards), as main counts the add.
 */
export const draftsFirst = (pins: number): boolean => pins > CONFIRM_ABOVE_FILES

/**
 * The interval between one file's Pins on successive boards, as typed ("2h", "3d"): ms, or the words of
 * what is wrong. Empty means none (each board's Pin keeps the file's time; pacing spaces them).
 */
export function readInterval(text: string): { ms?: number; error?: string } {
  if (text.trim() === '') return {}
  const ms = parseDuration(text)
  if (ms === null) return { error: 'Write the interval as a number and a unit: 30m, 2h or 3d.' }
  if (ms < MIN_EVERY_MS) return { error: 'The interval between boards must be at least one minute (1m).' }
  if (ms > MAX_BOARD_INTERVAL_MS)
    return { error: 'The interval between boards must be at most 366 days (366d).' }
  return { ms }
}

/** One board of the add with the section chosen on its picker (`uploads:add-paths`' `boards`). */
export interface PlannedBoard {
  boardId: string
  sectionId?: string
}

/**
 * The boards the sheet adds to, each with its own section, or what keeps the sheet from queueing: an extra
 * picker left empty, a board chosen twice (its interval and second section would be lost: main refuses it
 * too), more boards than one add takes. Ad-only Pins go to no board.
 */
export function planBoards(
  first: BoardChoice,
  more: readonly BoardChoice[],
): { boards: PlannedBoard[]; error?: string } {
  if (first.adOnly === true) return { boards: [] }
  const boards: PlannedBoard[] = []
  for (const c of [first, ...more]) {
    if (c.boardId === undefined || boards.some((b) => b.boardId === c.boardId)) continue
    boards.push({
      boardId: c.boardId,
      ...(c.boardSectionId !== undefined && { sectionId: c.boardSectionId }),
    })
  }
  const empty = more.findIndex((c) => c.boardId === undefined)
  if (empty >= 0)
    return { boards, error: `Board ${empty + 2} has no board chosen: choose one, or remove it.` }
  const all = [first, ...more]
  const twice = all.findIndex((c, i) => i > 0 && all.slice(0, i).some((p) => p.boardId === c.boardId))
  if (twice > 0) {
    const earlier = all.findIndex((p) => p.boardId === all[twice]!.boardId) + 1
    return {
      boards,
      error: `Board ${twice + 1} is the same board as board ${earlier}: choose another, or remove it.`,
    }
  }
  if (boards.length > MAX_BOARDS_PER_ADD)
    return { boards, error: `One batch posts to at most ${MAX_BOARDS_PER_ADD} boards: remove some.` }
  return { boards }
}

/** `{board}` in a text names one board: with several, main refuses the add, so the sheet says so first. */
export function boardTemplateError(texts: readonly string[], boards: number): string | undefined {
  if (boards < 2 || !texts.some((t) => t.includes('{board}'))) return undefined
  return '{board} names one board, and this batch posts to several: leave {board} out, or add the files once per board.'
}

/** The sheet's outcome line: "3 Pins queued to Recipes", "2 ad-only Pins added as drafts". */
export function outcomeText(o: {
  queued: number
  drafts: boolean
  adOnly: boolean
  boards: number
  boardName: string
}): string {
  const what = o.adOnly ? plural(o.queued, 'ad-only Pin', 'ad-only Pins') : plural(o.queued, 'Pin', 'Pins')
  const done = o.drafts ? 'added as drafts' : 'queued'
  if (o.adOnly) return `${what} ${done}`
  return `${what} ${done} ${o.boards > 1 ? `to ${formatCount(o.boards)} boards` : `to ${o.boardName}`}`
}
