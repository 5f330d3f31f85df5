import type { Board, BoardSection } from '../../../shared/domain'
import { errorText, invoke } from '../ipc/client'
import { actions } from '../store/store'

/** Reads the board list (from Pinterest when `refresh`); a failure shows in the picker, with Try again. */
export async function loadBoards(refresh = false): Promise<void> {
  actions().setBoardsLoading(true)
  try {
    actions().setBoards(await invoke('boards:list', refresh ? { refresh: true } : {}))
  } catch (e) {
    actions().setBoardsLoading(false, errorText(e))
  }
}

export async function loadSections(boardId: string): Promise<void> {
  try {
    actions().setSections(boardId, await invoke('boards:sections', { boardId }))
  } catch (e) {
    actions().pushToast('error', `Could not load the board's sections: ${errorText(e)}`)
  }
}

export async function createBoard(name: string): Promise<Board | null> {
  try {
    const board = await invoke('boards:create', { name })
    actions().addBoard(board)
    return board
  } catch (e) {
    actions().pushToast('error', `Could not create the board: ${errorText(e)}`)
    return null
  }
}

export async function createSection(boardId: string, name: string): Promise<BoardSection | null> {
  try {
    const section = await invoke('boards:create-section', { boardId, name })
    actions().addSection(boardId, section)
    return section
  } catch (e) {
    actions().pushToast('error', `Could not create the section: ${errorText(e)}`)
    return null
  }
}
