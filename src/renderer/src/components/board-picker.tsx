import { useEffect, useId, useState } from 'react'
import { useStore } from '../store/store'
import { createBoard, createSection, loadBoards, loadSections } from './board-actions'

/** The chosen board and section; undefined = none chosen. */
export interface BoardChoice {
  boardId?: string
  boardSectionId?: string
}

/** Board picker with search, sections, and creating either. */
export function BoardPicker({
  value,
  onChange,
  label = 'Board',
}: {
  value: BoardChoice
  onChange: (v: BoardChoice) => void
  label?: string
}) {
  const boards = useStore((s) => s.boards)
  const loaded = useStore((s) => s.boardsLoaded)
  const sections = useStore((s) => (value.boardId !== undefined ? s.sections[value.boardId] : undefined))
  const [search, setSearch] = useState('')
  const [newBoard, setNewBoard] = useState('')
  const [newSection, setNewSection] = useState('')
  const uid = useId()

  useEffect(() => {
    if (!loaded) void loadBoards()
  }, [loaded])
  useEffect(() => {
    if (value.boardId !== undefined && sections === undefined) void loadSections(value.boardId)
  }, [value.boardId, sections])

  const q = search.trim().toLowerCase()
  const shown = boards
    .filter((b) => q === '' || b.name.toLowerCase().includes(q) || b.id === value.boardId)
    .sort((a, b) => a.name.localeCompare(b.name))

  const addBoard = () => {
    const name = newBoard.trim()
    if (name === '') return
    void createBoard(name).then((b) => {
      if (b) {
        setNewBoard('')
        onChange({ boardId: b.id })
      }
    })
  }
  const addSection = () => {
    const name = newSection.trim()
    if (name === '' || value.boardId === undefined) return
    const boardId = value.boardId
    void createSection(boardId, name).then((s) => {
      if (s) {
        setNewSection('')
        onChange({ boardId, boardSectionId: s.id })
      }
    })
  }

  return (
    <fieldset className="board-picker">
      <legend>{label}</legend>
      <div className="picker-row">
        <label>
          Search boards
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <button type="button" onClick={() => void loadBoards(true)}>
          Refresh
        </button>
      </div>
      <label htmlFor={`${uid}-board`}>Board to post to</label>
      <select
        id={`${uid}-board`}
        value={value.boardId ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? {} : { boardId: e.target.value })}
      >
        <option value="">{loaded ? 'Choose a board…' : 'Loading boards…'}</option>
        {shown.map((b) => (
          <option key={b.id} value={b.id}>
            {b.name}
            {b.privacy === 'SECRET' ? ' (secret)' : ''}
          </option>
        ))}
      </select>
      {value.boardId !== undefined ? (
        <>
          <label htmlFor={`${uid}-section`}>Section</label>
          <select
            id={`${uid}-section`}
            value={value.boardSectionId ?? ''}
            onChange={(e) =>
              onChange(
                e.target.value === ''
                  ? { boardId: value.boardId }
                  : { boardId: value.boardId, boardSectionId: e.target.value },
              )
            }
          >
            <option value="">No section</option>
            {(sections ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <div className="picker-row">
        <label>
          New board name
          <input value={newBoard} onChange={(e) => setNewBoard(e.target.value)} maxLength={180} />
        </label>
        <button type="button" onClick={addBoard} disabled={newBoard.trim() === ''}>
          Create board
        </button>
      </div>
      {value.boardId !== undefined ? (
        <div className="picker-row">
          <label>
            New section name
            <input value={newSection} onChange={(e) => setNewSection(e.target.value)} maxLength={180} />
          </label>
          <button type="button" onClick={addSection} disabled={newSection.trim() === ''}>
            Create section
          </button>
        </div>
      ) : null}
    </fieldset>
  )
}
