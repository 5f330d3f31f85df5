import type { Board, BoardSection } from '../../../shared/domain'

/** The chosen board and section; undefined = none chosen. `adOnly`: an ad-only Pin, on no board of the profile. */
export interface BoardChoice {
  boardId?: string
  boardSectionId?: string
  adOnly?: boolean
}

/** One line of the board picker's list. */
export type BoardOption =
  | { kind: 'board'; key: string; label: string; board: Board; secret: boolean }
  | { kind: 'section'; key: string; label: string; board: Board; section: BoardSection; secret: boolean }
  | { kind: 'create-board'; key: string; label: string; name: string }
  | { kind: 'create-section'; key: string; label: string; board: Board; name: string }
  | { kind: 'ad-only'; key: string; label: string }

export interface BoardOptionGroup {
  /** Shown above the group; null for the last, unnamed one (the create and ad-only lines). */
  label: string | null
  options: BoardOption[]
}

/** What the list is made from. */
export interface BoardOptionInput {
  boards: readonly Board[]
  sections: Readonly<Record<string, readonly BoardSection[]>>
  /** Board ids chosen lately, most recent first. */
  recentIds: readonly string[]
  /** What the user typed ('' = everything). */
  query: string
  offerAdOnly?: boolean
}

/** "Board › Section": how a section is named everywhere a board is chosen. */
const SECTION_SEPARATOR = ' › '
const RECENT_MAX = 5
export const AD_ONLY_LABEL = 'Ad-only, not on your profile'

const norm = (s: string) => s.trim().toLocaleLowerCase()
const isSecret = (b: Board) => b.privacy === 'SECRET' || b.privacy === 'PROTECTED'

/** The words the input shows for a choice ('' when none is made or the board is not in the list). */
export function choiceLabel(
  choice: BoardChoice,
  boards: readonly Board[],
  sections: Readonly<Record<string, readonly BoardSection[]>>,
): string {
  if (choice.adOnly === true) return AD_ONLY_LABEL
  const board = boards.find((b) => b.id === choice.boardId)
  if (!board) return ''
  const section = (sections[board.id] ?? []).find((s) => s.id === choice.boardSectionId)
  return section ? `${board.name}${SECTION_SEPARATOR}${section.name}` : board.name
}

function boardWithSections(
  board: Board,
  sections: readonly BoardSection[],
  matches: (label: string) => boolean,
): BoardOption[] {
  const secret = isSecret(board)
  const out: BoardOption[] = []
  if (matches(board.name)) out.push({ kind: 'board', key: `b:${board.id}`, label: board.name, board, secret })
  for (const section of sections) {
    const label = `${board.name}${SECTION_SEPARATOR}${section.name}`
    if (matches(label))
      out.push({ kind: 'section', key: `s:${board.id}:${section.id}`, label, board, section, secret })
  }
  return out
}

/**
 * The picker's list for what the user typed: recent boards first, then every other board by name, each
 * followed by its known sections ("Board › Section"); a query keeps the lines that contain it. Last comes
 * "Create board "…"" (or "Create section" when the query names a board and a new section after ›), unless a
 * board of exactly that name exists, and the ad-only line when the caller asks for it.
 */
export function boardOptions(input: BoardOptionInput): BoardOptionGroup[] {
  const q = norm(input.query)
  const matches = (label: string) => q === '' || norm(label).includes(q)
  const byId = new Map(input.boards.map((b) => [b.id, b]))
  const recent = input.recentIds
    .map((id) => byId.get(id))
    .filter((b): b is Board => b !== undefined)
    .slice(0, RECENT_MAX)
  const recentSet = new Set(recent.map((b) => b.id))
  const rest = input.boards
    .filter((b) => !recentSet.has(b.id))
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }))
  const lines = (list: readonly Board[]) =>
    list.flatMap((b) => boardWithSections(b, input.sections[b.id] ?? [], matches))

  const groups: BoardOptionGroup[] = []
  const recentLines = lines(recent)
  if (recentLines.length > 0) groups.push({ label: 'Recent', options: recentLines })
  const restLines = lines(rest)
  if (restLines.length > 0)
    groups.push({ label: recent.length > 0 ? 'All boards' : 'Boards', options: restLines })

  const tail: BoardOption[] = []
  const typed = input.query.trim()
  if (typed !== '') tail.push(...createOptions(typed, input))
  if (input.offerAdOnly === true && matches(AD_ONLY_LABEL))
    tail.push({ kind: 'ad-only', key: 'ad-only', label: AD_ONLY_LABEL })
  if (tail.length > 0) groups.push({ label: null, options: tail })
  return groups
}

/** "Create board "x"", or "Create section "y" in x" for "x › y" / "x > y" naming a known board. */
function createOptions(typed: string, input: BoardOptionInput): BoardOption[] {
  const split = typed.split(/\s*[›>]\s*/)
  if (split.length === 2 && split[0] !== '' && split[1] !== '') {
    const [boardName, sectionName] = split as [string, string]
    const board = input.boards.find((b) => norm(b.name) === norm(boardName))
    if (board) {
      const known = (input.sections[board.id] ?? []).some((s) => norm(s.name) === norm(sectionName))
      if (known) return []
      return [
        {
          kind: 'create-section',
          key: 'create-section',
          label: `Create section “${sectionName}” in ${board.name}`,
          board,
          name: sectionName,
        },
      ]
    }
  }
  if (input.boards.some((b) => norm(b.name) === norm(typed))) return []
  return [{ kind: 'create-board', key: 'create-board', label: `Create board “${typed}”`, name: typed }]
}

/** Boards whose sections are worth reading for this list: few enough to ask for each (the ones shown). */
export function boardsNeedingSections(
  groups: readonly BoardOptionGroup[],
  sections: Readonly<Record<string, readonly BoardSection[]>>,
  max = 8,
): string[] {
  const ids = new Set<string>()
  for (const g of groups)
    for (const o of g.options)
      if (o.kind === 'board' && sections[o.board.id] === undefined) ids.add(o.board.id)
  return ids.size <= max ? [...ids] : []
}

/** The choice a picked line stands for (create lines are made first, by the caller). */
export function choiceOf(option: BoardOption): BoardChoice | null {
  switch (option.kind) {
    case 'board':
      return { boardId: option.board.id }
    case 'section':
      return { boardId: option.board.id, boardSectionId: option.section.id }
    case 'ad-only':
      return { adOnly: true }
    default:
      return null
  }
}
