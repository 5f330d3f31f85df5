import type { Board, BoardSection } from '../../shared/domain'
import type { PinterestApi } from '../pinterest/api-types'
import type { BoardResolver, NameLookup } from './source-types'

type BoardApi = Pick<PinterestApi, 'listBoards' | 'createBoard' | 'listSections' | 'createSection'>

/** How many names an "unknown board" message lists before "…". */
const NAMES_SHOWN = 8

function nameList(names: string[]): string {
  if (names.length === 0) return 'none yet'
  const shown = names.slice(0, NAMES_SHOWN).join(', ')
  return names.length > NAMES_SHOWN ? `${shown}…` : shown
}

function failure(what: string, e: unknown): NameLookup {
  return { error: `Could not ${what}: ${e instanceof Error ? e.message : String(e)}` }
}

/** ID, then exact name, then a single case-insensitive match. */
function match<T extends { id: string; name: string }>(items: T[], name: string): T | T[] | undefined {
  const wanted = name.trim()
  const byId = items.find((b) => b.id === wanted)
  if (byId) return byId
  const exact = items.filter((b) => b.name === wanted)
  if (exact.length > 0) return exact[0]
  const folded = wanted.toLocaleLowerCase()
  const loose = items.filter((b) => b.name.trim().toLocaleLowerCase() === folded)
  if (loose.length === 1) return loose[0]
  return loose.length > 1 ? loose : undefined
}

/**
 * Resolves board and section names for one import (or one watch session): boards are listed once, each
 * board's sections once, and with `createMissing` a missing board is created once however many rows
 * name it (concurrent callers share the same pending create).
 */
export function createBoardResolver(api: BoardApi, opts: { createMissing: boolean }): BoardResolver {
  let boards: Promise<Board[]> | undefined
  const sections = new Map<string, Promise<BoardSection[]>>()
  const creating = new Map<string, Promise<NameLookup>>()

  const listBoards = () => (boards ??= api.listBoards())
  const listSections = (boardId: string) => {
    let p = sections.get(boardId)
    if (!p) sections.set(boardId, (p = api.listSections(boardId)))
    return p
  }

  async function lookupBoard(name: string): Promise<NameLookup> {
    const trimmed = name.trim()
    if (trimmed === '') return { error: 'The board name is empty', missing: true }
    let all: Board[]
    try {
      all = await listBoards()
    } catch (e) {
      boards = undefined
      return failure('list your boards', e)
    }
    const m = match(all, trimmed)
    if (Array.isArray(m))
      return {
        error: `Several boards match '${trimmed}' when case is ignored (${m.map((b) => b.name).join(', ')}); use the exact name`,
      }
    if (m) return { id: m.id }
    return {
      error: `No board named '${trimmed}' (boards: ${nameList(all.map((b) => b.name))})`,
      missing: true,
    }
  }

  async function lookupSec(boardId: string, name: string): Promise<NameLookup> {
    const trimmed = name.trim()
    let all: BoardSection[]
    try {
      all = await listSections(boardId)
    } catch (e) {
      sections.delete(boardId)
      return failure(`list the sections of board ${boardId}`, e)
    }
    const m = match(all, trimmed)
    if (Array.isArray(m))
      return { error: `Several sections match '${trimmed}' when case is ignored; use the exact name` }
    if (m) return { id: m.id }
    return {
      error: `No section named '${trimmed}' on this board (sections: ${nameList(all.map((s) => s.name))})`,
      missing: true,
    }
  }

  function once(key: string, create: () => Promise<NameLookup>): Promise<NameLookup> {
    let p = creating.get(key)
    if (!p) creating.set(key, (p = create()))
    return p
  }

  return {
    lookup: lookupBoard,
    lookupSection: lookupSec,
    async resolve(name) {
      const found = await lookupBoard(name)
      if (!('missing' in found) || !found.missing || !opts.createMissing || name.trim() === '') return found
      const trimmed = name.trim()
      return once(`board\0${trimmed.toLocaleLowerCase()}`, async () => {
        try {
          const board = await api.createBoard({ name: trimmed })
          ;(await listBoards()).push(board)
          return { id: board.id, created: true }
        } catch (e) {
          return failure(`create board '${trimmed}'`, e)
        }
      })
    },
    async resolveSection(boardId, name) {
      const found = await lookupSec(boardId, name)
      if (!('missing' in found) || !found.missing || !opts.createMissing) return found
      const trimmed = name.trim()
      return once(`section\0${boardId}\0${trimmed.toLocaleLowerCase()}`, async () => {
        try {
          const section = await api.createSection(boardId, trimmed)
          ;(await listSections(boardId)).push(section)
          return { id: section.id, created: true }
        } catch (e) {
          return failure(`create section '${trimmed}'`, e)
        }
      })
    },
  }
}
