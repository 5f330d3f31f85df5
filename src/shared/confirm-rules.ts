/**
 * When an add asks the user first (issue 11: "Dropping a folder of more than 500 files, or posting to a public
 * board for the first time in a batch, asks first"). Pure, so the window's dialog and the `pinload` command
 * decide alike: the window shows `question` with its two buttons, the command asks it on a terminal, takes
 * `--yes` as the answer, and without a terminal prints `refusalWithoutTerminal` and queues nothing.
 */

/** An add of more files than this asks first. */
export const CONFIRM_ABOVE_FILES = 500

/** A board the add would post to. */
interface PlannedBoard {
  /** Board id (digits). */
  id: string
  name: string
  /** Pinterest's privacy (`PUBLIC`, `PROTECTED`, `SECRET`); absent when unknown, which counts as public. */
  privacy?: string
}

export interface PlannedAdd {
  /** Pins the add would queue (files or CSV rows, times the boards each goes to); 0 or more. */
  fileCount: number
  /** The files they come from, when fewer (one file to several boards): the question then names both. */
  fromFiles?: number
  /** The count is of Pins with no file count beside it (a CSV's rows, an A|B row being two): said as Pins. */
  countsPins?: boolean
  /** The boards it posts to, each once. */
  boards: readonly PlannedBoard[]
  /**
   * Ids of the boards already posted to in this batch (the caller keeps them: the boards whose question was
   * answered, or that have Pins from it). Posting there again asks nothing.
   */
  postedBoardIds: ReadonlySet<string> | readonly string[]
  /**
   * The add makes drafts: nothing is posted yet, and the question says so. `either`: the answer chooses drafts
   * or publishing, so the question names neither.
   */
  drafts?: boolean | 'either'
}

type ConfirmReason =
  { kind: 'many_files'; count: number } | { kind: 'public_board'; boardId: string; boardName: string }

export interface ConfirmDecision {
  /** Whether to ask before queueing anything. */
  needed: boolean
  /** Why, in the order the question names them; empty when not needed. */
  reasons: ConfirmReason[]
  /** What the add would do, lower case, with the count and the board names ("post 3 files to …"); empty when not needed. */
  action: string
  /** The question to ask, with the count and the board names; empty when not needed. */
  question: string
}

/** Public unless Pinterest said otherwise: a board whose privacy is unknown is asked about rather than assumed secret. */
function isPublic(board: PlannedBoard): boolean {
  return board.privacy === undefined || board.privacy.toUpperCase() === 'PUBLIC'
}

function boardList(names: string[]): string {
  const quoted = names.map((n) => `'${n}'`)
  if (quoted.length <= 1) return quoted.join('')
  return `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`
}

/** Whether the add asks first, why, and the question to ask. */
export function needsConfirmation(plan: PlannedAdd): ConfirmDecision {
  const posted = new Set(plan.postedBoardIds)
  const reasons: ConfirmReason[] = []
  if (plan.fileCount > CONFIRM_ABOVE_FILES) reasons.push({ kind: 'many_files', count: plan.fileCount })
  const seen = new Set<string>()
  for (const board of plan.boards) {
    if (seen.has(board.id) || posted.has(board.id) || !isPublic(board)) continue
    seen.add(board.id)
    reasons.push({ kind: 'public_board', boardId: board.id, boardName: board.name })
  }
  if (reasons.length === 0) return { needed: false, reasons, action: '', question: '' }

  const count = plan.fileCount.toLocaleString('en-US')
  const from = plan.fromFiles
  const files =
    from !== undefined && from < plan.fileCount
      ? `${count} Pins from ${from.toLocaleString('en-US')} file${from === 1 ? '' : 's'}`
      : `${count} ${plan.countsPins === true ? 'Pin' : 'file'}${plan.fileCount === 1 ? '' : 's'}`
  const publicNames = reasons.flatMap((r) => (r.kind === 'public_board' ? [r.boardName] : []))
  const many = reasons.some((r) => r.kind === 'many_files')
  const boards = `the public board${publicNames.length === 1 ? '' : 's'} ${boardList(publicNames)}`
  const asDrafts = plan.drafts === true ? ' as drafts' : ''
  const action =
    publicNames.length === 0
      ? `add ${files}${asDrafts} at once (more than ${CONFIRM_ABOVE_FILES})`
      : plan.drafts === true
        ? `add ${files} as drafts${many ? ' at once' : ''} for ${boards}`
        : plan.drafts === 'either'
          ? `add ${files}${many ? ' at once' : ''} for ${boards}`
          : many
            ? `add ${files} at once and post them to ${boards}`
            : `post ${files} to ${boards}`
  // Drafts are posted only when the user publishes them: the question says when the public will see them.
  const everyone =
    publicNames.length === 0
      ? ''
      : plan.drafts === true || plan.drafts === 'either'
        ? ' Everyone on Pinterest can see Pins there once they are published.'
        : ' Everyone on Pinterest can see Pins there.'
  const question = `${action[0]!.toUpperCase()}${action.slice(1)}?${everyone}`
  return { needed: true, reasons, action, question }
}

/** What the command prints, and queues nothing, when it should ask but has no terminal to ask on. */
export function refusalWithoutTerminal(decision: ConfirmDecision): string {
  return `Nothing was queued: this would ${decision.action}, which needs a yes, and there is no terminal to ask on. Run the command again with --yes to go ahead.`
}

/**
 * The question before a CSV's rows are added at once, for the window and the command alike: its valid rows are
 * Pins (an A|B row is two), and only their number asks (a CSV names its boards in the preview).
 */
export function csvConfirmation(pins: number, drafts: boolean | 'either'): ConfirmDecision {
  return needsConfirmation({
    fileCount: pins > CONFIRM_ABOVE_FILES ? pins : 0,
    countsPins: true,
    boards: [],
    postedBoardIds: [],
    drafts,
  })
}
