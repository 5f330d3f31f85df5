import { useEffect, useMemo, useRef, useState } from 'react'
import {
  Combobox,
  ComboboxGroup,
  ComboboxGroupLabel,
  ComboboxItem,
  ComboboxLabel,
  ComboboxPopover,
  ComboboxProvider,
} from '@ariakit/react'
import { ChevronDown, FolderPlus, Lock, Megaphone, Plus } from 'lucide-react'
import { formatAgo } from '../lib/format'
import { recentBoardIds, rememberBoard } from '../lib/recent-boards'
import { useNow } from '../lib/use-now'
import { useStore } from '../store/store'
import { createBoard, createSection, loadBoards, loadSections } from './board-actions'
import {
  boardOptions,
  boardsNeedingSections,
  choiceLabel,
  choiceOf,
  type BoardChoice,
  type BoardOption,
} from './board-options'

function OptionIcon({ option }: { option: BoardOption }) {
  switch (option.kind) {
    case 'create-board':
      return <Plus size={16} aria-hidden="true" />
    case 'create-section':
      return <FolderPlus size={16} aria-hidden="true" />
    case 'ad-only':
      return <Megaphone size={16} aria-hidden="true" />
    default:
      return option.secret ? (
        <Lock size={16} aria-hidden="true" className="option-lock" />
      ) : (
        <span className="option-icon-space" aria-hidden="true" />
      )
  }
}

/** Under the input: loading, the error with Try again, or when the list was read with Refresh. */
function BoardListStatus() {
  const loading = useStore((s) => s.boardsLoading)
  const error = useStore((s) => s.boardsError)
  const updatedAt = useStore((s) => s.boardsUpdatedAt)
  const count = useStore((s) => s.boards.length)
  const now = useNow(30_000)
  const refresh = (
    <button type="button" className="link-button" onClick={() => void loadBoards(true)} disabled={loading}>
      {error !== null ? 'Try again' : 'Refresh'}
    </button>
  )
  let words: string
  // How long ago the list was read changes every minute by itself: it sits outside the live region, so only
  // real news (loading, an error, a list read) is read out.
  let ago: string | null = null
  if (loading) words = 'Loading your boards…'
  else if (error !== null) words = `Could not load your boards: ${error}`
  else if (updatedAt === null) words = 'Boards not loaded yet'
  else {
    words = count === 0 ? 'No boards yet: type a name to create one · updated' : 'Boards updated'
    ago = formatAgo(updatedAt, now)
  }
  return (
    <p className={`hint board-status${error !== null ? ' board-status-error' : ''}`}>
      <span role="status">{words}</span>
      {ago !== null ? <> {ago}</> : null}
      {loading ? null : <> · {refresh}</>}
    </p>
  )
}

/**
 * The one board picker (issue 18, point 3): an accessible combobox (Ariakit) to type into and filter, with
 * recent boards first, a lock on secret boards, sections as "Board › Section", and "Create board "…"" last.
 * `offerAdOnly` adds the "Ad-only, not on your profile" line for callers that can post ad-only Pins.
 * `remember` false keeps a choice out of the recent list, whose first board the next New batch starts on (the
 * extra boards of a batch are not its board).
 */
export function BoardPicker({
  value,
  onChange,
  label = 'Board',
  offerAdOnly = false,
  remember = true,
}: {
  value: BoardChoice
  onChange: (v: BoardChoice) => void
  label?: string
  offerAdOnly?: boolean
  remember?: boolean
}) {
  const boards = useStore((s) => s.boards)
  const loaded = useStore((s) => s.boardsLoaded)
  const sections = useStore((s) => s.sections)
  const [open, setOpen] = useState(false)
  // What the user typed since the list opened; null = nothing, so the input shows the choice.
  const [typed, setTyped] = useState<string | null>(null)
  const [creating, setCreating] = useState<string | null>(null)
  const [recent, setRecent] = useState(recentBoardIds)
  const chosen = choiceLabel(value, boards, sections)

  useEffect(() => {
    if (!loaded) void loadBoards()
  }, [loaded])
  useEffect(() => {
    if (value.boardId !== undefined && sections[value.boardId] === undefined) void loadSections(value.boardId)
  }, [value.boardId, sections])
  // The chosen words are not a filter: opening the list on "Recipes" shows every board.
  const query = typed === null || typed === chosen ? '' : typed
  // Closing the list (a pick, Escape, leaving) puts the choice back over what was typed.
  const openList = (next: boolean) => {
    setOpen(next)
    if (!next) setTyped(null)
  }
  const groups = useMemo(
    () => boardOptions({ boards, sections, recentIds: recent, query, offerAdOnly }),
    [boards, sections, recent, query, offerAdOnly],
  )
  useEffect(() => {
    if (open) for (const id of boardsNeedingSections(groups, sections)) void loadSections(id)
  }, [open, groups, sections])

  const pickChoice = (choice: BoardChoice) => {
    if (choice.boardId !== undefined && remember) {
      rememberBoard(choice.boardId)
      setRecent(recentBoardIds())
    }
    onChange(choice)
  }
  // Each pick's number: a board still being created when the user picked something else is not chosen
  // when it arrives (it is created, and listed, all the same).
  const picks = useRef(0)
  const pick = (option: BoardOption) => {
    setTyped(null)
    const mine = ++picks.current
    const stillMine = () => picks.current === mine
    const choice = choiceOf(option)
    if (choice) return pickChoice(choice)
    if (option.kind === 'create-board') {
      setCreating(`Creating board “${option.name}”…`)
      void createBoard(option.name)
        .then((b) => b && stillMine() && pickChoice({ boardId: b.id }))
        .finally(() => stillMine() && setCreating(null))
    } else if (option.kind === 'create-section') {
      setCreating(`Creating section “${option.name}”…`)
      const boardId = option.board.id
      void createSection(boardId, option.name)
        .then((s) => s && stillMine() && pickChoice({ boardId, boardSectionId: s.id }))
        .finally(() => stillMine() && setCreating(null))
    }
  }

  const selectedKey =
    value.adOnly === true
      ? 'ad-only'
      : value.boardSectionId !== undefined
        ? `s:${value.boardId}:${value.boardSectionId}`
        : value.boardId !== undefined
          ? `b:${value.boardId}`
          : ''

  return (
    <div className="board-picker">
      <ComboboxProvider
        value={typed ?? chosen}
        setValue={setTyped}
        open={open}
        setOpen={openList}
        selectedValue={selectedKey}
      >
        <ComboboxLabel className="field-label">{label}</ComboboxLabel>
        <div className="combobox-wrap">
          <Combobox
            className="combobox-input"
            placeholder={loaded ? 'Choose or type a board…' : 'Loading boards…'}
            autoSelect
            showOnClick
            onFocus={(e) => e.currentTarget.select()}
            onKeyDown={(e) => {
              // Escape closes the list only: the sheet or dialog around the picker must not close with it.
              if (e.key === 'Escape' && open) {
                e.preventDefault()
                openList(false)
              }
            }}
          />
          <ChevronDown size={16} aria-hidden="true" className="combobox-chevron" />
        </div>
        {groups.length > 0 ? (
          <ComboboxPopover gutter={4} sameWidth unmountOnHide className="combobox-popover" aria-label={label}>
            {groups.map((g) => (
              <ComboboxGroup key={g.label ?? 'tail'} className="combobox-group">
                {g.label !== null ? (
                  <ComboboxGroupLabel className="combobox-group-label">{g.label}</ComboboxGroupLabel>
                ) : null}
                {g.options.map((o) => (
                  <ComboboxItem
                    key={o.key}
                    value={o.key}
                    setValueOnClick={false}
                    className={`combobox-item combobox-item-${o.kind}${o.key === selectedKey ? ' is-chosen' : ''}`}
                    onClick={() => pick(o)}
                  >
                    <OptionIcon option={o} />
                    <span className="combobox-item-label">{o.label}</span>
                    {'secret' in o && o.secret ? <span className="visually-hidden"> (secret)</span> : null}
                  </ComboboxItem>
                ))}
              </ComboboxGroup>
            ))}
          </ComboboxPopover>
        ) : null}
      </ComboboxProvider>
      {creating !== null ? (
        <p className="hint" role="status">
          {creating}
        </p>
      ) : (
        <BoardListStatus />
      )}
    </div>
  )
}
