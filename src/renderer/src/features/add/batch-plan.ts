import { CONFIRM_ABOVE_FILES } from '../../../../shared/confirm-rules'
import { MIN_EVERY_MS, parseDuration } from '../../../../shared/schedule/plan-spec'
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

/** Above the confirmation threshold the sheet offers drafts first: hundreds of Pins deserve a review. */
export const draftsFirst = (files: number): boolean => files > CONFIRM_ABOVE_FILES

/**
 * The interval between one file's Pins on successive boards, as typed ("2h", "3d"): ms, or the words of
 * what is wrong. Empty means none (each board's Pin keeps the file's time; pacing spaces them).
 */
export function readInterval(text: string): { ms?: number; error?: string } {
  if (text.trim() === '') return {}
  const ms = parseDuration(text)
  if (ms === null) return { error: 'Write the interval as a number and a unit: 30m, 2h or 3d.' }
  if (ms < MIN_EVERY_MS) return { error: 'The interval between boards must be at least one minute (1m).' }
  return { ms }
}
