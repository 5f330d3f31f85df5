import { BoardPicker } from '../../components/board-picker'
import type { CsvPreview } from '../../../../shared/domain'
import { plural } from '../../lib/format'
import type { BoardMatch } from './import-actions'

const keyOf = (name: string) => name.trim().toLocaleLowerCase()

/**
 * Board names the CSV gives that the account lacks, and those already matched (so their choice stays on
 * screen), with how many rows give each, first seen first.
 */
function unknownBoards(
  preview: CsvPreview,
  matched: readonly string[] = [],
): { name: string; rows: number }[] {
  const wanted = new Set(matched.map(keyOf))
  const counts = new Map<string, { name: string; rows: number }>()
  for (const r of preview.rows) {
    const name =
      r.unknownBoard ??
      (r.boardName !== undefined && wanted.has(keyOf(r.boardName)) ? r.boardName : undefined)
    if (name === undefined) continue
    const seen = counts.get(keyOf(name))
    if (seen) seen.rows++
    else counts.set(keyOf(name), { name, rows: 1 })
  }
  return [...counts.values()]
}

/**
 * Each board name the account lacks, matched once for all its rows (issue 18, point 9): the board picker
 * chooses one of the account's boards or creates it; the preview is then read again with the match.
 */
export function BoardMatches({
  preview,
  matches,
  onMatch,
}: {
  preview: CsvPreview
  matches: BoardMatch[]
  onMatch: (m: BoardMatch) => void
}) {
  const names = unknownBoards(
    preview,
    matches.map((m) => m.name),
  )
  if (names.length === 0) return null
  return (
    <section className="card board-matches" aria-labelledby="board-matches-title">
      <h2 id="board-matches-title">Boards not on your account</h2>
      <p className="hint">Choose a board for each name once (or create it): all its rows follow.</p>
      {names.map((n) => (
        <BoardPicker
          key={n.name}
          label={`“${n.name}” (${plural(n.rows, 'row', 'rows')})`}
          value={{ boardId: matches.find((m) => keyOf(m.name) === keyOf(n.name))?.boardId }}
          onChange={(c) => {
            if (c.boardId !== undefined) onMatch({ name: n.name, boardId: c.boardId })
          }}
        />
      ))}
    </section>
  )
}
